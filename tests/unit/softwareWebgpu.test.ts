/**
 * A software WebGPU adapter (SwiftShader) works but is the slowest backend, so
 * the automatic choice skips it and says so, while ?backend=webgpu still gets it.
 * Node has no WebGPU: a stand-in backend named 'webgpu' borrows the cpu backend's
 * class and kernels. Its own file, because it changes tfjs's global registry.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { chooseBackend, type BackendHost } from '../../src/engine/backend';
import { useCpuBackend } from './support/cpuBackend';

useCpuBackend();

beforeAll(() => {
  const Cpu = tf.findBackend('cpu')!.constructor as new () => tf.KernelBackend;
  tf.registerBackend('webgpu', () => new Cpu());
  for (const k of tf.getKernelsForBackend('cpu')) tf.registerKernel({ ...k, backendName: 'webgpu' });
});

const softwareAdapter: BackendHost = { webgpuAdapter: async () => ({ available: true, fallback: true }) };

describe('software WebGPU adapter', () => {
  it('is not probed by the automatic choice, and the reason says it was skipped', async () => {
    const probed: string[] = [];
    const choice = await chooseBackend(softwareAdapter, async () => {
      probed.push(tf.getBackend());
      return 100;
    }, null);
    expect(probed).toEqual(['cpu']);
    expect(choice.backend).toBe('cpu');
    expect(choice.reason).toMatch(/webgpu skipped \(software adapter/);
  });

  it('is used when forced', async () => {
    const probe = vi.fn(async () => 1);
    const choice = await chooseBackend(softwareAdapter, probe, 'webgpu');
    expect(choice.backend).toBe('webgpu');
    expect(tf.getBackend()).toBe('webgpu');
    expect(probe).not.toHaveBeenCalled();
    await tf.setBackend('cpu');
  });
});
