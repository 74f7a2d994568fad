import * as tf from '@tensorflow/tfjs';
import { ConfigError, type DataPayload, type Model, type ModelSpec } from '../model';
import { backprop } from '../nn/backprop';
import { Mlp } from '../nn/mlp';
import { DEFAULT_OPTIMIZER, Optimizer } from '../nn/optimizers';
import { createRng } from '../rng';
import { numberList, pointsOnDataPath, readPoints1d, type Points1d } from './pointsOnDataPath';

/**
 * Chapter 3's curve fit: ŷ(x) = c₀ + Σᵢ cᵢ act(bᵢ + wᵢ x) with N units, on 1-D points, by full-batch Adam.
 * The samples and the grid are inline (tests, the probe) or, from the widget, sent on the data path as
 * `points` `{xs, ys, gridXs}`, so that the settings sent on every render stay small.
 */
export interface CurveFitConfig extends Partial<CurvePoints> {
  units: number;
  activation: 'sigmoid' | 'relu';
  learningRate: number;
}

interface CurvePoints extends Points1d {
  /** Where the view evaluates the fit and each component. */
  gridXs: number[];
}

/** Validates the samples and the grid sent as `points`. */
function readCurvePoints(payload: DataPayload): CurvePoints {
  const { xs, ys } = readPoints1d(payload);
  const gridXs = numberList(payload as Record<string, DataPayload>, 'gridXs');
  if (gridXs.length === 0) throw new ConfigError('The grid needs at least one point.');
  return { xs, ys, gridXs };
}

export const MAX_CURVE_UNITS = 32;

function validate(c: CurveFitConfig & CurvePoints): void {
  if (c.xs.length === 0) throw new ConfigError('No data points to fit.');
  if (!Number.isInteger(c.units) || c.units < 1 || c.units > MAX_CURVE_UNITS) throw new ConfigError(`Use 1 to ${MAX_CURVE_UNITS} units.`);
}

/** The curve-fit model; its view has the fit and every component cᵢ act(bᵢ + wᵢ x) on the grid. */
/** On the grid: the fit ŷ, each unit's component cᵢ act(bᵢ + wᵢ x) (units x grid, row-major), and c₀. */
export interface CurveFitView {
  fit: Float32Array;
  components: Float32Array;
  constant: number;
}

export const curveFitSpec: ModelSpec<CurveFitConfig, CurveFitView> = {
  kind: 'curve-fit',
  probeConfig: { xs: [-1, 0, 1], ys: [0, 1, 0], units: 4, activation: 'relu', learningRate: 0.05, gridXs: [-1, 0, 1] },
  create(config, seed): Model<CurveFitConfig, CurveFitView> {
    if (!(config.xs && config.ys && config.gridXs)) return pointsOnDataPath(config, seed, { read: readCurvePoints, create: curveFitSpec.create });
    validate(config as CurveFitConfig & CurvePoints);
    let c = config as CurveFitConfig & CurvePoints;
    const rng = createRng(seed);
    const net = new Mlp({ sizes: [1, c.units, 1], activation: c.activation, batchNorm: false, init: 'xavier' }, rng);
    // Spread the kinks (ReLU) or centres (sigmoid) −bᵢ/wᵢ over the data, with steep slopes: every unit starts somewhere useful.
    const slopes = Array.from({ length: c.units }, () => (rng.next() < 0.5 ? -1 : 1) * (c.activation === 'relu' ? 1 + rng.next() : 4 + 6 * rng.next()));
    // evenly spaced, jittered: random centres can bunch up and leave a stretch of the curve with no unit to bend it
    const centres = Array.from({ length: c.units }, (_, i) => -0.9 + (1.8 * (i + 0.25 + 0.5 * rng.next())) / c.units);
    tf.tidy(() => {
      net.weights[0].assign(tf.tensor2d(slopes, [1, c.units]));
      net.biases[0].assign(tf.tensor1d(slopes.map((w, i) => -w * centres[i])));
      net.weights[1].assign(tf.tensor2d(Array.from({ length: c.units }, () => 0.1 * rng.normal()), [c.units, 1]));
    });
    const opt = new Optimizer(net.trainable(), { ...DEFAULT_OPTIMIZER, kind: 'adam' });
    let x = tf.tensor2d(c.xs, [c.xs.length, 1]);
    let y = tf.tensor2d(c.ys, [c.ys.length, 1]);
    let grid = tf.tensor2d(c.gridXs, [c.gridXs.length, 1]);
    return {
      step() {
        const { loss, grads } = backprop(net, x, y, { loss: 'squared', dropout: 0, dropoutSeed: 0, l1: 0, l2: 0 });
        opt.apply(grads, c.learningRate);
        return loss;
      },
      configure(settings) {
        // A config without points keeps the current ones.
        const next = { ...settings, xs: settings.xs ?? c.xs, ys: settings.ys ?? c.ys, gridXs: settings.gridXs ?? c.gridXs };
        validate(next);
        if (next.units !== c.units || next.activation !== c.activation) throw new ConfigError('Changing the units needs a reset.');
        c = next;
        [x, y, grid].forEach((t) => t.dispose());
        x = tf.tensor2d(c.xs, [c.xs.length, 1]);
        y = tf.tensor2d(c.ys, [c.ys.length, 1]);
        grid = tf.tensor2d(c.gridXs, [c.gridXs.length, 1]);
      },
      async view(): Promise<CurveFitView> {
        const [fitT, compT, biasT] = tf.tidy(() => {
          const { logits, hidden } = net.forward(grid, { training: false });
          // component i at grid point j: cᵢ · act(bᵢ + wᵢ xⱼ), laid out [units x grid]
          const comps = tf.transpose(tf.mul(hidden[0], tf.reshape(net.weights[1], [1, c.units])));
          return [logits, comps, net.biases[1]];
        });
        const [fit, comps, bias] = await Promise.all([fitT.data(), compT.data(), biasT.data()]);
        [fitT, compT].forEach((t) => t.dispose());
        return { fit: fit as Float32Array, components: comps as Float32Array, constant: bias[0] };
      },
      variables: () => [...net.variables(), ...opt.variables()],
      dispose() {
        net.dispose();
        opt.dispose();
        [x, y, grid].forEach((t) => t.dispose());
      },
    };
  },
};
