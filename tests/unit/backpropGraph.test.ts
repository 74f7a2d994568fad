/** The step-by-step backprop figure's plain-number gradients against tf.grad of the same expressions. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { backward, forward, layout, neuronGraph, schedule, tinyNetGraph, type Graph } from '../../src/engine/math/backpropGraph';
import { createRng } from '../../src/engine/rng';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Evaluates the graph with tfjs ops, so tf.grads can differentiate it. */
function tfLoss(g: Graph, leafIds: string[], leafTensors: tf.Scalar[]): tf.Scalar {
  const v: Record<string, tf.Scalar> = {};
  leafIds.forEach((id, i) => (v[id] = leafTensors[i]));
  for (const n of g.nodes) {
    const a = n.inputs.map((i) => v[i]);
    if (n.op === 'leaf') continue;
    v[n.id] =
      n.op === 'add' ? (tf.addN(a) as tf.Scalar)
      : n.op === 'mul' ? tf.mul(a[0], a[1])
      : n.op === 'sub' ? tf.sub(a[0], a[1])
      : n.op === 'sigmoid' ? tf.sigmoid(a[0])
      : n.op === 'tanh' ? tf.tanh(a[0])
      : n.op === 'relu' ? tf.relu(a[0])
      : tf.mul(0.5, tf.square(a[0]));
  }
  return v[g.nodes[g.nodes.length - 1].id];
}

describe('backprop graph', () => {
  for (const [name, make] of [['neuron', neuronGraph], ['2-2-1 network', tinyNetGraph]] as const) {
    it(`${name}: every leaf gradient equals tf.grad (5 random points)`, () => {
      const g = make();
      const leafIds = g.nodes.filter((n) => n.op === 'leaf').map((n) => n.id);
      const rng = createRng(3);
      for (let trial = 0; trial < 5; trial++) {
        const leaves = Object.fromEntries(leafIds.map((id) => [id, rng.normal() * 1.5]));
        const values = forward(g, leaves);
        const { grads } = backward(g, values);
        const ref = tf.tidy(() => {
          const f = (...xs: tf.Tensor[]) => tfLoss(g, leafIds, xs as tf.Scalar[]);
          const gs = tf.grads(f)(leafIds.map((id) => tf.scalar(leaves[id])));
          return { loss: tfLoss(g, leafIds, leafIds.map((id) => tf.scalar(leaves[id]))).dataSync()[0], grads: gs.map((t) => t.dataSync()[0]) };
        });
        expect(values.L).toBeCloseTo(ref.loss, 5);
        leafIds.forEach((id, i) => expect(grads[id]).toBeCloseTo(ref.grads[i], 5));
      }
    });
  }

  it('edge gradients into a node sum to that node’s gradient (the chain rule’s sum over paths)', () => {
    const g = tinyNetGraph();
    const v = forward(g, { x1: 1, x2: -2, y: 1, w11: 0.3, w21: -0.5, w12: 0.8, w22: 0.1, b1: 0, b2: 0.2, v1: 1, v2: -1, c: 0 });
    const { grads, edges } = backward(g, v);
    for (const id of ['x1', 'x2', 'h1']) {
      const sum = edges.filter((e) => e.from === id).reduce((s, e) => s + e.gradient, 0);
      expect(sum).toBeCloseTo(grads[id], 12);
    }
  });

  it('the neuron example quoted in the chapter: L and ∂L/∂w₁ at x = (1, −2), y = 1, w = (0.5, −0.3), b = 0.1', () => {
    const g = neuronGraph();
    const v = forward(g, { x1: 1, x2: -2, y: 1, w1: 0.5, w2: -0.3, b: 0.1 });
    const { grads } = backward(g, v);
    // z = 0.5 + 0.6 + 0.1 = 1.2, a = σ(1.2), L = ½(a − 1)², ∂L/∂w₁ = (a − 1) a (1 − a) x₁
    const a = 1 / (1 + Math.exp(-1.2));
    expect(v.z).toBeCloseTo(1.2, 12);
    expect(v.a).toBeCloseTo(0.7685, 4);
    expect(v.L).toBeCloseTo(0.5 * (a - 1) ** 2, 12);
    expect(v.L).toBeCloseTo(0.02679, 5);
    expect(grads.w1).toBeCloseTo((a - 1) * a * (1 - a), 12);
    expect(grads.w1).toBeCloseTo(-0.04118, 5);
    expect(grads.w2).toBeCloseTo(0.08236, 5);
    expect(grads.a).toBeCloseTo(-0.2315, 4);
    expect(grads.z).toBeCloseTo(-0.04118, 5);
  });

  it('schedules every node forward then backward, and lays out every node', () => {
    const g = tinyNetGraph();
    const s = schedule(g);
    expect(s.length).toBe(2 * g.nodes.length);
    expect(s[0].phase).toBe('forward');
    expect(s[s.length - 1]).toEqual({ phase: 'backward', node: g.nodes[0].id });
    const pos = layout(g);
    const seen = new Set(Object.values(pos).map((p) => `${p.col},${p.row}`));
    expect(seen.size).toBe(g.nodes.length);
  });
});
