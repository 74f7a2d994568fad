/**
 * src/engine/kinds.ts is the one typed map of model kinds: every kind the worker can build
 * has its entry there (the object below fails to compile when the map gains or loses a
 * kind), so no widget asks for a kind the map cannot type.
 */
import { describe, expect, it } from 'vitest';
import type { Kind } from '../../src/engine/kinds';
import { modelKinds, modelSpec } from '../../src/engine/registry';

const typed = {
  'curve-fit': true, 'hidden-layer-compare': true, lenet: true, 'lenet-augment': true, 'linear-regression': true, 'linear-regression-batches': true,
  'linear-classifier': true, 'mlp-classifier': true, 'mlp-regularise': true, 'mlp-depth': true, 'nas-darts': true, 'nas-search': true, 'optimizer-race': true, polynomial: true,
  'polynomial-kfold': true, 'residual-stack': true, 'schedule-compare': true, 'stn-digits': true, 'char-lm': true, 'text-classify': true,
  forecast: true, 'long-dependency': true, 'vit-digits': true, 'bert-gpt': true, 'attention-pooling': true, 'char-gpt': true,
  pronouncer: true, 'toy-transformer': true,
  'moe-classifier': true, 'dense-vs-moe': true, 'moe-lm': true,
} as const satisfies Record<Kind, true>;

describe('the kinds map', () => {
  it('names exactly the registered kinds', () => {
    expect([...modelKinds()].sort()).toEqual(Object.keys(typed).sort());
    for (const k of Object.keys(typed)) expect(modelSpec(k).kind).toBe(k);
  });
});
