/**
 * Backend choice in Node, where tfjs registers only the cpu backend (the webgl,
 * wasm and webgpu packages register themselves in a browser or when imported).
 * A fake BackendHost stands in for the browser's WebGPU adapter query.
 * The status cache lives for the module, so the order of these tests matters:
 * fallbackAfter, which marks a backend failed, comes last.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it, vi } from 'vitest';
import { checkAll, checkBackend, chooseBackend, fallbackAfter, isBackendName, type BackendHost } from '../../src/engine/backend';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

const noWebgpu: BackendHost = { webgpuAdapter: async () => ({ available: false, fallback: false }) };

describe('backends in Node', () => {
  it('only cpu is registered', () => {
    expect(tf.findBackendFactory('cpu')).toBeTruthy();
    for (const name of ['webgl', 'wasm', 'webgpu']) expect(tf.findBackendFactory(name)).toBeFalsy();
  });

  it('checkAll reports cpu working and says why each other one is not', async () => {
    const statuses = await checkAll(noWebgpu);
    expect(statuses.map((s) => s.name)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(statuses.map((s) => s.ok)).toEqual([false, false, false, true]);
    expect(statuses[0].note).toMatch(/WebGPU adapter/);
    expect(statuses[1].note).toMatch(/not registered/);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('a throwing adapter query counts as no adapter', async () => {
    // checkBackend caches per name; 'webgpu' was already checked above, so this shows the cache too.
    const throwing: BackendHost = { webgpuAdapter: () => Promise.reject(new Error('boom')) };
    expect((await checkBackend('webgpu', throwing)).ok).toBe(false);
  });

  it('isBackendName accepts the four names only', () => {
    expect(['webgpu', 'webgl', 'wasm', 'cpu'].every(isBackendName)).toBe(true);
    expect(isBackendName('tensorflow')).toBe(false);
    expect(isBackendName('')).toBe(false);
  });
});

describe('chooseBackend', () => {
  it('automatic choice picks cpu, probes only working backends, and names cpu in its reason', async () => {
    const probe = vi.fn(async () => 321);
    const choice = await chooseBackend(noWebgpu, probe, null);
    expect(choice.backend).toBe('cpu');
    expect(choice.reason).toMatch(/^cpu /);
    expect(choice.reason).toContain('321 steps/s');
    expect(choice.measured).toEqual({ cpu: 321 });
    expect(probe).toHaveBeenCalledTimes(1);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('a probe that throws still ends on a working backend', async () => {
    const choice = await chooseBackend(noWebgpu, async () => Promise.reject(new Error('probe broke')), null);
    expect(choice.backend).toBe('cpu');
    expect(choice.measured).toEqual({ cpu: 0 });
  });

  it('forced cpu is honoured without probing', async () => {
    const probe = vi.fn(async () => 1);
    const choice = await chooseBackend(noWebgpu, probe, 'cpu');
    expect(choice.backend).toBe('cpu');
    expect(choice.reason).toContain('?backend=cpu');
    expect(probe).not.toHaveBeenCalled();
  });

  it('forced webgpu with no adapter falls back to cpu and says why', async () => {
    const choice = await chooseBackend(noWebgpu, async () => 1, 'webgpu');
    expect(choice.backend).toBe('cpu');
    expect(choice.reason).toContain('webgpu');
    expect(choice.reason).toMatch(/no WebGPU adapter/);
    expect(choice.reason).toMatch(/using cpu/);
    expect(tf.getBackend()).toBe('cpu');
  });

  it('forced wasm, not registered here, falls back to cpu', async () => {
    const choice = await chooseBackend(noWebgpu, async () => 1, 'wasm');
    expect(choice.backend).toBe('cpu');
    expect(choice.reason).toMatch(/wasm was asked for but not registered/);
  });
});

describe('fallbackAfter', () => {
  it('moves from a failed backend to the next working one', async () => {
    expect(await fallbackAfter('webgl', noWebgpu)).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect((await checkBackend('webgl', noWebgpu)).note).toMatch(/failed during training/);
  });
});
