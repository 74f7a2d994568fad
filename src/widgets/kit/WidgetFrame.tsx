import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { PinsContext, type PinsContextValue } from '../../viz/chartPins';
import type { Series } from '../../viz/lineChart';
import type { Schema } from './params';
import type { TrainerHandle } from './useTrainer';
import type { WidgetParams } from './useWidgetParams';
import { formatLoss } from './format';
import { PinList } from './PinList';
import { differingSettings, pinRun, usePins } from './pins';

const SPEEDS: { label: string; value: number }[] = [
  { label: '1 step/s', value: 1 },
  { label: '10 steps/s', value: 10 },
  { label: '30 steps/s', value: 30 },
  { label: '100 steps/s', value: 100 },
  { label: '1000 steps/s', value: 1000 },
  { label: 'max', value: 0 },
];

/** Memoised: a controlled <select> re-checks every option on each render, and the frame renders 20 times a second. */
const SpeedSelect = memo(function SpeedSelect({ speed, setSpeed }: { speed: number; setSpeed: (sps: number) => void }) {
  return (
    <label className="speed">
      <span>Speed</span>
      <select data-control="speed" value={speed} onChange={(e) => setSpeed(Number(e.target.value))}>
        {SPEEDS.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
      </select>
    </label>
  );
});

interface Props<S extends Schema> {
  id: string;
  title: string;
  trainer: TrainerHandle;
  params: WidgetParams<S>;
  /** Text for screen readers and for the summary line under the chart. */
  summary?: string;
  /** Widget-specific state for the share link beyond the schema (e.g. dragged points). */
  shareExtras?: () => Record<string, string>;
  /** Extra classes on the root, for widget-specific layout (e.g. "widget-wide"). */
  className?: string;
  children: ReactNode;
}

/**
 * The frame every training widget shares: title, play/pause/step/reset, speed,
 * step counter, live loss, backend badge with steps per second, share link and
 * presenter mode. Keyboard: space play/pause, right arrow step, r reset, f fullscreen.
 * Carries the testing contract: data-widget, data-state, data-step, data-loss, data-action.
 */
export function WidgetFrame<S extends Schema>({ id, title, trainer, params, summary, shareExtras, className, children }: Props<S>) {
  const root = useRef<HTMLElement>(null);
  const [presenting, setPresenting] = useState(false);
  const [shared, setShared] = useState<string | null>(null);
  const running = trainer.state === 'running';
  const ready = trainer.state !== 'loading' && trainer.state !== 'error';
  // Pinned runs: kept per widget id for the page's life; each chart inside draws those with its labels.
  const pins = usePins(id);
  const drawn = useRef(new Map<object, Series[]>()).current;
  const pinsCtx = useMemo<PinsContextValue>(() => ({
    drawn,
    pins: pins.map((p) => ({ id: p.id, label: differingSettings(params.schema, p.values, params.values), curves: p.curves })),
  }), [pins, params.schema, params.values, drawn]);
  const pin = () => {
    if (trainer.steps > 0) pinRun(id, params.values, trainer.steps, [...drawn.values()].flat());
  };

  // The trainer is built once the widget comes within a screen of the viewport (at once without IntersectionObserver).
  useEffect(() => {
    const el = root.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      trainer.markNear();
      return;
    }
    const io = new IntersectionObserver(([e]) => {
      if (!e.isIntersecting) return;
      trainer.markNear();
      io.disconnect();
    }, { rootMargin: '100% 0px' });
    io.observe(el);
    return () => io.disconnect();
  }, [trainer.markNear]);

  // Off-screen widgets pause (the worker keeps their state) and resume when scrolled back.
  useEffect(() => {
    const el = root.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(([e]) => trainer.setVisible(e.isIntersecting), { rootMargin: '100px' });
    io.observe(el);
    return () => io.disconnect();
  }, [trainer.setVisible]);

  useEffect(() => {
    const onChange = () => setPresenting(document.fullscreenElement === root.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  // Chapter blocks are contained (styles.css); a presenting widget's position: fixed must not be held by one.
  useEffect(() => {
    if (!presenting) return;
    document.documentElement.classList.add('presenting-widget');
    return () => document.documentElement.classList.remove('presenting-widget');
  }, [presenting]);

  const togglePresent = () => {
    const el = root.current;
    if (!el) return;
    if (document.fullscreenElement) void document.exitFullscreen();
    else if (presenting) setPresenting(false);
    else el.requestFullscreen?.().catch(() => setPresenting(true)) ?? setPresenting(true);
  };

  const share = async () => {
    const url = params.shareUrl(shareExtras?.());
    setShared(url);
    await navigator.clipboard?.writeText(url).catch(() => undefined);
  };

  const onKey = (e: React.KeyboardEvent) => {
    if ((e.target as HTMLElement).closest('input, select, textarea')) return;
    if (e.key === ' ') trainer[running ? 'pause' : 'play']();
    else if (e.key === 'ArrowRight') trainer.step();
    else if (e.key === 'r') trainer.reset();
    else if (e.key === 'f') togglePresent();
    else if (e.key === 'p') pin();
    else return;
    e.preventDefault();
  };

  const problems = [...params.errors, trainer.error].filter(Boolean) as string[];
  return (
    <section
      ref={root}
      className={`widget${className ? ` ${className}` : ''}${presenting ? ' presenting' : ''}`}
      data-widget={id}
      id={`widget-${id}`}
      data-state={trainer.state === 'loading' ? 'idle' : trainer.state}
      data-step={trainer.steps}
      data-loss={trainer.loss ?? ''}
      tabIndex={0}
      onKeyDown={onKey}
      aria-label={`${title} (interactive figure; space plays or pauses, right arrow steps, r resets, p pins the run, f presents)`}
    >
      <header className="widget-head">
        <h3 className="widget-title">{title}</h3>
        <span className="badge" data-backend={trainer.backend ?? ''} title={trainer.backendReason}>
          {trainer.backend ? `${trainer.plainJs ? 'plain JS' : trainer.backend} · ${Math.round(trainer.stepsPerSecond)} steps/s` : 'loading TensorFlow.js…'}
        </span>
      </header>
      <div className="widget-toolbar" role="toolbar" aria-label={`${title} controls`}>
        {running ? (
          <button data-action="pause" onClick={trainer.pause}>Pause</button>
        ) : (
          <button data-action="play" onClick={trainer.play} disabled={!ready || trainer.state === 'diverged'}>Play</button>
        )}
        <button data-action="step" onClick={() => trainer.step()} disabled={!ready || trainer.state === 'diverged'}>Step</button>
        <button data-action="reset" onClick={() => trainer.reset()} disabled={trainer.state === 'loading'}>Reset</button>
        <button data-action="pin" onClick={pin} disabled={trainer.steps === 0}
          title="Keep this run's curves on the chart, dashed, to compare with the next run">Pin run</button>
        <SpeedSelect speed={trainer.speed} setSpeed={trainer.setSpeed} />
        <span className="readout live-readout" aria-live="off">
          step <b data-readout="step">{trainer.steps}</b> · loss <b data-readout="loss">{formatLoss(trainer.loss)}</b>
        </span>
        <button data-action="share" onClick={share}>Share link</button>
        <button data-action="present" onClick={togglePresent} aria-pressed={presenting}>{presenting ? 'Exit' : 'Present'}</button>
      </div>
      {trainer.state === 'diverged' && (
        <p className="widget-alert" role="alert">
          {trainer.message} <button data-action="reset-diverged" onClick={() => trainer.reset()}>Reset</button>
        </p>
      )}
      {trainer.state === 'error' && trainer.message && (
        <p className="widget-alert" role="alert" data-error>{trainer.message}</p>
      )}
      {problems.map((p, i) => (
        <p key={i} className="widget-alert" role="alert" data-error>{p}</p>
      ))}
      {trainer.fallback && <p className="widget-note" role="status">{trainer.fallback}</p>}
      {shared && (
        <p className="widget-note share-url">
          Link to this run (copied): <a href={shared}>{shared}</a>
        </p>
      )}
      <PinList widgetId={id} pins={pinsCtx.pins} />
      <PinsContext.Provider value={pinsCtx}>
        <div className="widget-body">{children}</div>
      </PinsContext.Provider>
      {summary && <p className="widget-summary">{summary}</p>}
      {/* Always there, two lines tall at least (styles.css): the reason arriving with the worker then moves nothing below. */}
      <p className="widget-backend-reason">Backend: {trainer.backendReason || 'choosing the fastest for this model…'}{trainer.backendReason ? '.' : ''}</p>
    </section>
  );
}
