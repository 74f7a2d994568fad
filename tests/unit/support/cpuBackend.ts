import * as tf from '@tensorflow/tfjs';
import { beforeAll } from 'vitest';

/** Runs the file's tests on tfjs's plain-JS cpu backend: the one backend that always exists in Node. */
export function useCpuBackend(): void {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
}

