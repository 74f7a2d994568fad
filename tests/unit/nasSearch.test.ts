import * as tf from '@tensorflow/tfjs';
import { describe, it } from 'vitest';
import { nasDigits } from '../../src/engine/nas/digits14';
import { NasSearch, runSearch } from '../../src/engine/nas/search';
import { FULL_SPACE } from '../../src/engine/nas/space';
import { useCpuBackend } from './support/cpuBackend';
import { mnistFixture } from './support/mnistFixture';

useCpuBackend();

describe('NAS search', () => {
  it('runs', async () => {
    const digits = nasDigits(mnistFixture().data);
    const t0 = performance.now();
    const s = new NasSearch(digits, { space: FULL_SPACE, budget: 4, steps: 60, learningRate: 0.01, batchSize: 32, controllerStep: 8 }, 1);
    await runSearch(s);
    console.log((performance.now() - t0).toFixed(0), 'ms', s.records.map((r) => `${r.searcher} ${r.label} ${r.valAcc.toFixed(3)} ${r.trainMs.toFixed(0)}ms ${r.latencyMs?.toFixed(2)}`).join('\n'));
    s.dispose();
    console.log(tf.memory().numTensors);
  }, 120000);
});
