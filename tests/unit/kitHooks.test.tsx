// @vitest-environment happy-dom
/**
 * The kit's hooks in a DOM (happy-dom), with a fake Worker in place of the training worker:
 * useTrainer builds its trainer only once near, keeps named series per run, and asks its
 * model questions (answers routed by requestId; rejected when not built, on the worker's
 * reason, and when the widget unmounts); data goes once per identity; usePeer follows
 * usePublishPeer. React 19's act() flushes effects and updates.
 */
import { act, memo, useEffect } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FromWorker, ToWorker } from '../../src/engine/protocol';
import { usePeer, usePublishPeer } from '../../src/widgets/kit/peers';
import { SeriesStore } from '../../src/widgets/kit/seriesStore';
import { useTrainer, type TrainerHandle } from '../../src/widgets/kit/useTrainer';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Stands in for the page's training worker: records what the page posts, delivers what the test says. */
class FakeWorker {
  static last: FakeWorker | null = null;
  posted: ToWorker[] = [];
  onmessage: ((ev: { data: FromWorker }) => void) | null = null;
  onerror: ((ev: { message: string; preventDefault(): void }) => void) | null = null;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(m: ToWorker) {
    this.posted.push(m);
  }
  deliver(m: FromWorker) {
    this.onmessage?.({ data: m });
  }
}
(globalThis as unknown as { Worker: unknown }).Worker = FakeWorker;

const worker = () => FakeWorker.last!;
const posted = <T extends ToWorker['type']>(type: T) => worker().posted.filter((m): m is Extract<ToWorker, { type: T }> => m.type === type);
const config = { xs: [0, 1], ys: [1, 3], loss: 'l2' as const, learningRate: 0.1, batchSize: 2, huberDelta: 1 };
const metrics = (id: string, step: number, over: Partial<Extract<FromWorker, { type: 'metrics' }>> = {}): FromWorker => ({
  type: 'metrics', id, state: 'running', step, loss: 1 / (step + 1), message: null, run: 0, stepsPerSecond: 100, view: null, trail: null, ...over,
});
/** Lets requestAnimationFrame-paced renders land. */
const frames = () => act(() => new Promise<void>((r) => setTimeout(r, 120)));

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

function renderTrainer(data?: Record<string, Float32Array>) {
  const out: { t: TrainerHandle<'linear-regression'> | null } = { t: null };
  function Probe({ d }: { d?: Record<string, Float32Array> }) {
    out.t = useTrainer('linear-regression', config, 1, '', { data: d });
    return null;
  }
  const render = (d?: Record<string, Float32Array>) => act(() => root.render(<Probe d={d} />));
  render(data);
  return { out, render };
}

describe('useTrainer', () => {
  it('builds nothing until near; then asks are routed by requestId, and a worker error rejects with its reason', async () => {
    const { out } = renderTrainer();
    await expect(out.t!.ask(undefined as never)).rejects.toThrow(/not running/);
    act(() => out.t!.markNear());
    const create = posted('create').at(-1)!;
    expect(create.kind).toBe('linear-regression');
    const p1 = out.t!.ask(undefined as never);
    const p2 = out.t!.ask(undefined as never);
    const [r1, r2] = posted('request').slice(-2);
    expect(r1.id).toBe(create.id);
    worker().deliver({ type: 'answer', id: create.id, requestId: r2.requestId, answer: 'second' });
    worker().deliver({ type: 'answer', id: create.id, requestId: r1.requestId, error: 'The "linear-regression" model answers no requests.' });
    await expect(p2).resolves.toBe('second');
    await expect(p1).rejects.toThrow(/answers no requests/);
  });

  it('a request still waiting when the widget unmounts is rejected, and the trainer disposed', async () => {
    const { out } = renderTrainer();
    act(() => out.t!.markNear());
    const id = posted('create').at(-1)!.id;
    const pending = out.t!.ask(undefined as never);
    act(() => root.unmount());
    await expect(pending).rejects.toThrow(/before it answered/);
    expect(posted('dispose').map((m) => m.id)).toContain(id);
    root = createRoot(host); // for afterEach
  });

  it('keeps each named series of a run, drops repeats, and starts afresh on the next run', async () => {
    const { out } = renderTrainer();
    act(() => out.t!.markNear());
    const id = posted('create').at(-1)!.id;
    const view = (s: Record<string, number>) => ({ w: 1, b: 0, fullLoss: 1, series: s });
    worker().deliver(metrics(id, 10, { view: view({ 'test loss': 0.5, acc: 0.2 }) }));
    worker().deliver(metrics(id, 10, { view: view({ 'test loss': 0.5, acc: 0.2 }) })); // the same view again
    worker().deliver(metrics(id, 20, { view: view({ 'test loss': 0.4, acc: NaN }), trail: { steps: [15, 20], losses: [0.9, 0.8] } }));
    await frames();
    const t = out.t!;
    expect(t.series.get('test loss').xs).toEqual([10, 20]);
    expect(t.series.get('test loss').ys).toEqual([0.5, 0.4]);
    expect(t.series.get('acc').ys).toEqual([0.2]); // NaN skipped
    expect(t.history).toBe(t.series.get('loss'));
    expect(t.history.xs).toEqual([10, 15, 20]);
    expect(t.view?.w).toBe(1);
    worker().deliver(metrics(id, 0, { run: 1, state: 'idle', loss: null, view: view({ 'test loss': 2 }) }));
    await frames();
    expect(out.t!.series.get('test loss').xs).toEqual([0]);
    expect(out.t!.series.get('loss').length).toBe(0);
  });

  it('sends each named input once per identity, after its trainer\'s create', async () => {
    const a = new Float32Array([1, 2]);
    const { out, render } = renderTrainer({ points: a });
    act(() => out.t!.markNear());
    render({ points: a });
    render({ points: a });
    expect(posted('data').map((m) => m.payload)).toEqual([a]);
    const b = new Float32Array([3]);
    render({ points: b });
    expect(posted('data').map((m) => m.payload)).toEqual([a, b]);
    // The data message follows its trainer's create.
    const order = worker().posted.map((m) => m.type);
    expect(order.indexOf('data')).toBeGreaterThan(order.lastIndexOf('create'));
  });
});

describe('usePeer / usePublishPeer', () => {
  it('a widget follows another one\'s published summary, which re-renders it only when a value changes, and null once it unmounts', async () => {
    const seen: ({ step: number } | null)[] = [];
    function Owner({ step, extra }: { step: number; extra: number }) {
      void extra;
      usePublishPeer('owner', { step });
      return null;
    }
    // memo: the follower renders for the board's changes only, not for its parent's.
    const Follower = memo(function Follower() {
      const p = usePeer<{ step: number }>('owner');
      useEffect(() => void seen.push(p));
      return null;
    });
    act(() => root.render(<><Owner step={1} extra={0} /><Follower /></>));
    act(() => root.render(<><Owner step={1} extra={1} /><Follower /></>));
    act(() => root.render(<><Owner step={2} extra={1} /><Follower /></>));
    act(() => root.render(<>{null}<Follower /></>));
    expect(seen.map((p) => p?.step ?? null)).toEqual([null, 1, 2, null]);
  });
});

describe('SeriesStore', () => {
  it('one bounded history per name; an unknown name reads as empty; clear keeps the objects', () => {
    const s = new SeriesStore(8);
    for (let i = 1; i <= 100; i++) s.append(i, { a: i, b: -i });
    expect(s.names()).toEqual(['a', 'b']);
    expect(s.get('a').length).toBeLessThan(8);
    expect(s.get('a').xs[0]).toBe(1);
    expect(s.get('missing').length).toBe(0);
    const a = s.get('a');
    s.clear();
    expect(s.get('a')).toBe(a);
    expect(a.length).toBe(0);
    s.push('a', 5, 1);
    s.push('a', 5, 2);
    s.push('a', 4, 3);
    expect(a.ys).toEqual([1]);
  });
});
