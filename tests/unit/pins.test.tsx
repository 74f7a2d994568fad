// @vitest-environment happy-dom
/**
 * Compare runs: the pin store (copies, survives its source being cleared, bounded, removable, per widget),
 * the "settings that differ" label, and a LineChart inside a frame's context drawing a pinned curve dashed,
 * placed by its transform exactly where the live curve's own path would put the same points.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_SPEC, type Schema } from '../../src/widgets/kit/params';
import { clearAllPins, differingSettings, MAX_PINS, pinRun, pinsOf, unpin, usePins } from '../../src/widgets/kit/pins';
import { dataSpacePath, pinnedBounds, PinsContext, type PinsContextValue } from '../../src/viz/chartPins';
import { LineChart } from '../../src/viz/LineChart';
import { chartScales, DEFAULT_LAYOUT, fitLeftMargin, type Series } from '../../src/viz/lineChart';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SCHEMA = {
  lr: { kind: 'number', label: 'Learning rate η', default: 0.1, min: 0, max: 10 },
  batch: { kind: 'number', label: 'Batch size', default: 200, min: 1, max: 200, integer: true },
  loss: { kind: 'choice', label: 'Loss', default: 'l2', options: ['l2', 'l1'] },
  seed: SEED_SPEC,
} as const satisfies Schema;

const loss = (xs: number[], ys: number[]): Series => ({ label: 'training loss', xs, ys, color: '#123456' });

beforeEach(() => clearAllPins());

describe('pin store', () => {
  it('copies the curves and values, so that a reset of the live ones leaves the pin alone', () => {
    const xs = [1, 2, 3];
    const ys = [3, 2, 1];
    const live = loss(xs, ys);
    const values = { lr: 0.5, batch: 10, loss: 'l2', seed: 1 };
    pinRun('fit', values, 3, [live]);
    xs.length = 0;
    ys.length = 0;
    values.lr = 0.1;
    const [p] = pinsOf('fit');
    expect(p.curves.get('training loss')).toEqual({ xs: [1, 2, 3], ys: [3, 2, 1], color: '#123456' });
    expect(p.values.lr).toBe(0.5);
    expect(p.step).toBe(3);
    expect(pinsOf('other')).toEqual([]);
  });

  it('keeps the first curve of a label, skips empty ones, and holds at most MAX_PINS (the oldest goes)', () => {
    pinRun('fit', {}, 1, [loss([1], [2]), loss([5], [6]), { ...loss([], []), label: 'test loss' }]);
    expect([...pinsOf('fit')[0].curves.keys()]).toEqual(['training loss']);
    expect(pinsOf('fit')[0].curves.get('training loss')!.xs).toEqual([1]);
    for (let i = 0; i < MAX_PINS + 2; i++) pinRun('fit', { lr: i }, 1, [loss([1], [1])]);
    expect(pinsOf('fit').map((p) => p.values.lr)).toEqual([2, 3, 4, 5]);
  });

  it('removes one pin by id; ids are never reused', () => {
    const a = pinRun('fit', {}, 1, [loss([1], [1])]);
    const b = pinRun('fit', {}, 1, [loss([1], [1])]);
    unpin('fit', a.id);
    expect(pinsOf('fit').map((p) => p.id)).toEqual([b.id]);
    unpin('fit', b.id);
    expect(pinsOf('fit')).toEqual([]);
    expect(pinRun('fit', {}, 1, [loss([1], [1])]).id).toBeGreaterThan(b.id);
  });
});

describe('the settings that differ', () => {
  const now = { lr: 0.1, batch: 200, loss: 'l2', seed: 1 };
  it('names each differing setting in the schema order, with its pinned value', () => {
    expect(differingSettings(SCHEMA, { ...now, batch: 10, lr: 0.5 }, now)).toBe('learning rate η = 0.5, batch size = 10');
    expect(differingSettings(SCHEMA, { ...now, loss: 'l1' }, now)).toBe('loss = l1');
  });
  it('keeps abbreviations and names a boolean on or off', () => {
    const schema = { l2: { kind: 'number', label: 'L2 weight', default: 0, min: 0, max: 1 }, show: { kind: 'boolean', label: 'Show the Gaussian classifier', default: false } } as const satisfies Schema;
    expect(differingSettings(schema, { l2: 0.1, show: true }, { l2: 0, show: false })).toBe('L2 weight = 0.1, show the Gaussian classifier = on');
  });
  it('counts the seed, and says so when nothing differs', () => {
    expect(differingSettings(SCHEMA, { ...now, seed: 7 }, now)).toBe('seed = 7');
    expect(differingSettings(SCHEMA, now, { ...now })).toBe('same settings');
  });
});

describe('pinned curves on a chart', () => {
  it('a data-space path and its bounds skip non-finite points (log10 of zero included)', () => {
    const c = { xs: [1, 2, 3, 4], ys: [10, 0, Number.NaN, 100], color: '' };
    expect(dataSpacePath(c, true)).toBe('M1,1M4,2');
    expect(dataSpacePath(c, false)).toBe('M1,10L2,0M4,100');
    expect(pinnedBounds([c])).toMatchObject({ xs: [1, 4], ys: [0, 100] });
    expect(pinnedBounds([{ xs: [], ys: [], color: '' }])).toBeNull();
  });

  let root: Root;
  let host: HTMLElement;
  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });
  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  for (const logY of [false, true]) {
    it(`draws a pinned run dashed, where the live path would put the same points (${logY ? 'log' : 'linear'} y), and leaves its series with the frame`, () => {
      const pinnedCurve = { xs: [0, 50, 100], ys: [4, 1, 0.25], color: '#123456' };
      const ctx: PinsContextValue = { drawn: new Map(), pins: [{ id: 9, label: 'learning rate η = 0.5', curves: new Map([['training loss', pinnedCurve]]) }] };
      const live = loss([0, 10, 20], [2, 1, 0.5]);
      act(() => root.render(<PinsContext.Provider value={ctx}><LineChart series={[live]} logY={logY} /></PinsContext.Provider>));
      const p = host.querySelector('path[data-pinned]')!;
      expect(p.getAttribute('data-pin-label')).toBe('learning rate η = 0.5');
      expect(p.getAttribute('stroke-dasharray')).toBeTruthy();
      expect(p.getAttribute('vector-effect')).toBe('non-scaling-stroke');
      expect([...ctx.drawn.values()]).toEqual([[live]]);

      // The transform maps the path's data-space points onto the chart's scales (which take in the pinned run's box).
      const m = /matrix\(([^)]+)\)/.exec(p.parentElement!.getAttribute('transform')!)![1].split(/[ ,]+/).map(Number);
      const both = [live, pinnedBounds([pinnedCurve])!];
      const { x, y } = chartScales(both, fitLeftMargin(both, DEFAULT_LAYOUT, logY), logY);
      pinnedCurve.xs.forEach((sx, i) => {
        const dy = logY ? Math.log10(pinnedCurve.ys[i]) : pinnedCurve.ys[i];
        expect(m[0] * sx + m[4]).toBeCloseTo(x(sx), 6);
        expect(m[3] * dy + m[5]).toBeCloseTo(y(pinnedCurve.ys[i]), 6);
      });
      act(() => root.unmount());
      expect(ctx.drawn.size).toBe(0);
      root = createRoot(host);
    });
  }

  it('outside a frame a chart draws no pins; usePins follows the store', () => {
    let seen = -1;
    function Probe() {
      seen = usePins('fit').length;
      return <LineChart series={[loss([0, 1], [1, 0.5])]} />;
    }
    act(() => root.render(<Probe />));
    expect(seen).toBe(0);
    act(() => void pinRun('fit', {}, 1, [loss([1], [1])]));
    expect(seen).toBe(1);
    expect(host.querySelector('path[data-pinned]')).toBeNull();
  });
});
