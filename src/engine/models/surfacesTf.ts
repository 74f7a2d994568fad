import * as tf from '@tensorflow/tfjs';
import { BUMPY_BOWL, BUMPY_K, KAPPA, ROSEN_B, type SurfaceName } from '../math/surfaces';

/**
 * The tfjs twins of src/engine/math/surfaces.ts: the same formulas on a
 * parameter vector p = [x, y], so that tf.grad gives the gradient the race
 * trains with. Tests check both against each other.
 */
export function surfaceTf(name: SurfaceName, p: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const x = p.slice([0], [1]).reshape([]) as tf.Scalar;
    const y = p.slice([1], [1]).reshape([]) as tf.Scalar;
    switch (name) {
      case 'quadratic':
        return tf.mul(0.5, tf.add(tf.square(x), tf.mul(KAPPA, tf.square(y))));
      case 'rosenbrock':
        return tf.add(tf.square(tf.sub(1, x)), tf.mul(ROSEN_B, tf.square(tf.sub(y, tf.square(x)))));
      case 'saddle':
        return tf.add(tf.sub(tf.square(x), tf.square(y)), tf.mul(0.25, tf.square(tf.square(y))));
      case 'bumpy':
        return tf.add(
          tf.mul(BUMPY_BOWL, tf.add(tf.square(x), tf.square(y))),
          tf.sub(1, tf.mul(tf.cos(tf.mul(BUMPY_K, x)), tf.cos(tf.mul(BUMPY_K, y)))),
        );
    }
  }) as tf.Scalar;
}
