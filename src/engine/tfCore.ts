/**
 * The part of `@tensorflow/tfjs` the training worker uses, for the worker bundle only: vite.config.ts maps
 * every `import ... from '@tensorflow/tfjs'` inside the worker to this file. The engine trains with its own
 * layers (src/engine/nn) on tfjs-core ops, gradients and optimisers, so the worker needs neither
 * tfjs-layers, tfjs-converter nor tfjs-data (which `@tensorflow/tfjs` bundles: about 60 KiB gzip more).
 * Node tests and benchmarks resolve `@tensorflow/tfjs` to the full package, whose layers the tests check
 * against. Mirrors @tensorflow/tfjs's own index.js, less those three packages.
 */
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
// Tensor methods (`x.add(y)`, `x.square()`) as @tensorflow/tfjs registers them, so engine code may use either style.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';

export * from '@tensorflow/tfjs-core';
export * from '@tensorflow/tfjs-backend-cpu';
export * from '@tensorflow/tfjs-backend-webgl';
