import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { BackendName } from '../../engine/backend';
import type { Kind, KindAnswer, KindConfig, KindRequest, KindView } from '../../engine/kinds';
import type { DataPayload, SeriesPoint } from '../../engine/model';
import type { FromWorker } from '../../engine/protocol';
import type { TrainerState } from '../../engine/trainer';
import type { BoundedSeries } from '../../viz/boundedSeries';
import { measureFrame } from './frameCost';
import { SeriesStore } from './seriesStore';
import { abandonRequests, forcedBackend, newTrainerId, request, send, subscribe } from './trainerClient';

/** Everything a widget shows about its trainer: plain numbers, never tensors. */
export interface TrainerView<V = KindView<Kind>> {
  state: TrainerState | 'loading';
  /** Steps done so far. */
  steps: number;
  loss: number | null;
  message: string | null;
  stepsPerSecond: number;
  /** The model's latest snapshot, typed by its kind (src/engine/kinds.ts). */
  view: V | null;
  backend: BackendName | null;
  /** Training steps run in plain JS (the probe found it faster for this tiny network); `backend` draws the views. */
  plainJs: boolean;
  backendReason: string;
  fallback: string | null;
  error: string | null;
  /** Loss history for the curve (every group's loss); bounded, so memory stays flat. The same as series.get('loss'). */
  history: BoundedSeries;
  /** Every named scalar the model reports in `view.series`, and 'loss', each a bounded history against the step. */
  series: SeriesStore;
  /** Bumps whenever history or series change, to re-render charts. */
  version: number;
  /** The speed cap in steps per second; 0 means as fast as the device allows. */
  speed: number;
  /** How many times the run has been at step 0 (creation and each reset): tells a fresh run from a stale one. */
  restarts: number;
}

export interface TrainerHandle<K extends Kind = Kind> extends TrainerView<KindView<K>> {
  /**
   * Asks the model a question (Model.answer) with its current weights, running or paused. Rejects with a
   * reader-facing reason when the trainer is not built yet or is gone, or its model answers no requests.
   */
  ask(request: KindRequest<K>): Promise<KindAnswer<K>>;
  play(): void;
  pause(): void;
  step(n?: number): void;
  reset(seed?: number): void;
  setSpeed(stepsPerSecond: number): void;
  setVisible(visible: boolean): void;
  /** The widget is near the viewport: its trainer is built now (once), not when the chapter loads. */
  markNear(): void;
}

/** 20 renders a second look continuous; on 2 cores every render the page skips is time the training worker gets. */
const RENDER_INTERVAL_MS = 50;
/**
 * At speed "max" the reader asks for training first: at most 10 renders a second, and fewer where a
 * render is expensive, so that drawing takes at most this share of the main thread. On a 2-core laptop
 * every frame competes with the training worker (a frame of chapter 1 costs 5-9 ms there, bench/RESULTS.md):
 * it then draws about 5 times a second, while a fast machine keeps 10.
 */
const MAX_SPEED_RENDER_INTERVAL_MS = 100;
const MAX_SPEED_DRAW_SHARE = 0.05;

export interface TrainerOptions {
  /** Speed cap in steps per second; 0 (the default) means as fast as the device allows. */
  speed?: number;
  /** Large inputs by name (Model.receiveData): each is sent once per trainer, and again only when its identity changes. */
  data?: Record<string, DataPayload>;
}

const NOT_BUILT = 'This widget\'s trainer is not running: it is built when the widget comes near the screen, and gone once the widget is removed.';

const INITIAL: Omit<TrainerView, 'history' | 'series'> = {
  state: 'loading', steps: 0, loss: null, message: null, stepsPerSecond: 0, view: null, backend: null, plainJs: false, backendReason: '', fallback: null, error: null, version: 0, speed: 0, restarts: 0,
};

/**
 * Builds a trainer of `kind` in the page's worker and keeps it in sync:
 * rebuilt when `structuralKey` changes, reconfigured live when `config` changes,
 * reset when `seed` changes. Worker messages are coalesced into at most one render
 * every RENDER_INTERVAL_MS: repainting figures is what costs the page, not training.
 */
export function useTrainer<K extends Kind>(kind: K, config: KindConfig<K>, seed: number, structuralKey = '', options: TrainerOptions = {}): TrainerHandle<K> {
  const [view, setView] = useState<TrainerView>(() => freshView(options.speed ?? 0));
  const speedRef = useRef(options.speed ?? 0);
  const idRef = useRef<string | null>(null);
  /** The inputs the current trainer has been sent, by name. */
  const sentData = useRef(new Map<string, DataPayload>());
  const latest = useRef({ config, seed });
  latest.current = { config, seed };
  // Trainers are built only for widgets the reader comes near: a chapter's far-off widgets cost the
  // worker nothing (no build, no backend probe), and idle trainers in the worker's heap were measured to
  // slow the running one's tensor bookkeeping (bench/RESULTS.md).
  const [near, setNear] = useState(false);
  const visibleRef = useRef(true);

  useEffect(() => {
    if (!near) return;
    const id = newTrainerId(kind);
    idRef.current = id;
    const series = new SeriesStore();
    const history = series.get('loss');
    sentData.current.clear();
    let restarts = 0;
    /** The run the series belong to: a reset starts the next. */
    let run = 0;
    /** The last step offered to the history (which keeps only some of them in a long run). */
    let offered = 0;
    let pending: Partial<TrainerView> = {};
    let frame = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastRender = 0;
    /** The main thread's cost of a recent frame that drew this widget (ms), smoothed. */
    let drawCost = 0;
    const flush = () => {
      frame = 0;
      timer = undefined;
      lastRender = performance.now();
      measureFrame(lastRender, (ms) => (drawCost = drawCost ? 0.7 * drawCost + 0.3 * ms : ms));
      const patch = pending;
      pending = {};
      // Rendered inside this animation frame, so that the frame paints it: a plain setState here would
      // render in a task after the frame and cost the page a second frame per update.
      flushSync(() => setView((v) => ({ ...v, ...patch, history, series, version: v.version + 1 })));
    };
    const onMessage = (m: FromWorker) => {
      if (m.type === 'metrics') {
        if (m.step < offered || m.run !== run) {
          series.clear();
          offered = 0;
          run = m.run;
        }
        // Every group's loss since the last message (metrics come every 50 ms, 100 at max speed), then this one's.
        const steps = m.trail?.steps ?? [];
        const losses = m.trail?.losses ?? [];
        for (let i = 0; i <= steps.length; i++) {
          const [s, l] = i < steps.length ? [steps[i], losses[i]] : [m.step, m.loss];
          if (l !== null && s > 0 && s > offered) series.push('loss', s, l);
          if (s > offered) offered = s;
        }
        if (m.step === 0) {
          offered = 0;
          restarts += 1;
          pending.restarts = restarts;
        }
        Object.assign(pending, { state: m.state, steps: m.step, loss: m.loss, message: m.message, stepsPerSecond: m.stepsPerSecond, error: null });
        if (m.view) {
          // The view's own type is its kind's (kinds.ts): the protocol carries it as a plain View.
          pending.view = m.view as TrainerView['view'];
          if (m.view.series) series.append(m.step, m.view.series as SeriesPoint);
        }
      } else if (m.type === 'backend') {
        Object.assign(pending, { backend: m.backend, plainJs: m.plainJs, backendReason: m.reason, fallback: m.fallback });
      } else if (m.type === 'error') {
        Object.assign(pending, { error: m.message });
        if (m.message.startsWith('The training worker failed')) pending.state = 'error';
      }
      if (frame || timer !== undefined) return;
      const interval = speedRef.current === 0 ? Math.max(MAX_SPEED_RENDER_INTERVAL_MS, drawCost / MAX_SPEED_DRAW_SHARE) : RENDER_INTERVAL_MS;
      const wait = lastRender + interval - performance.now();
      if (wait <= 0) frame = requestAnimationFrame(flush);
      else timer = setTimeout(() => (frame = requestAnimationFrame(flush)), wait);
    };
    const off = subscribe(id, onMessage);
    setView({ ...INITIAL, speed: speedRef.current, history, series });
    send({ type: 'create', id, kind, config: latest.current.config, seed: latest.current.seed, forced: forcedBackend(), stepsPerSecond: speedRef.current });
    if (!visibleRef.current) send({ type: 'visible', id, visible: false });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      off();
      abandonRequests(id, 'The trainer was rebuilt or removed before it answered.');
      send({ type: 'dispose', id });
      idRef.current = null;
    };
  }, [kind, structuralKey, near]);

  // After the create effect, so that a new trainer gets every input right after it is built.
  useEffect(() => {
    const id = idRef.current;
    if (!id || !options.data) return;
    for (const [name, payload] of Object.entries(options.data)) {
      if (sentData.current.get(name) === payload) continue;
      sentData.current.set(name, payload);
      // Copied, not transferred: the widget keeps drawing from its own arrays.
      send({ type: 'data', id, name, payload });
    }
  });

  const configJson = JSON.stringify(config);
  const firstConfig = useRef(true);
  useEffect(() => {
    if (firstConfig.current) {
      firstConfig.current = false;
      return;
    }
    if (idRef.current) send({ type: 'configure', id: idRef.current, config: latest.current.config });
  }, [configJson]);

  const firstSeed = useRef(true);
  useEffect(() => {
    if (firstSeed.current) {
      firstSeed.current = false;
      return;
    }
    if (idRef.current) send({ type: 'reset', id: idRef.current, seed });
  }, [seed]);

  const to = useCallback((make: (id: string) => Parameters<typeof send>[0]) => {
    if (idRef.current) send(make(idRef.current));
  }, []);

  return {
    ...(view as TrainerView<KindView<K>>),
    ask: useCallback(
      (req: KindRequest<K>) => (idRef.current ? (request(idRef.current, req) as Promise<KindAnswer<K>>) : Promise.reject(new Error(NOT_BUILT))),
      [],
    ),
    play: useCallback(() => to((id) => ({ type: 'play', id })), [to]),
    pause: useCallback(() => to((id) => ({ type: 'pause', id })), [to]),
    step: useCallback((n = 1) => to((id) => ({ type: 'step', id, n })), [to]),
    reset: useCallback((s?: number) => to((id) => ({ type: 'reset', id, seed: s ?? latest.current.seed })), [to]),
    setSpeed: useCallback(
      (sps: number) => {
        speedRef.current = sps;
        setView((v) => ({ ...v, speed: sps }));
        to((id) => ({ type: 'speed', id, stepsPerSecond: sps }));
      },
      [to],
    ),
    setVisible: useCallback(
      (v: boolean) => {
        visibleRef.current = v;
        to((id) => ({ type: 'visible', id, visible: v }));
      },
      [to],
    ),
    markNear: useCallback(() => setNear(true), []),
  };
}

function freshView(speed: number): TrainerView {
  const series = new SeriesStore();
  return { ...INITIAL, speed, history: series.get('loss'), series };
}
