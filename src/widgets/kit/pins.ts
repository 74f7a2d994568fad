import { useSyncExternalStore } from 'react';
import type { PinnedCurve } from '../../viz/chartPins';
import type { Series } from '../../viz/lineChart';
import { formatValue, type Schema } from './params';

/** A run the reader pinned: its settings and every chart curve it had, by the curve's label. */
export interface Pin {
  /** Unique on the page, never reused (a key and the remove button's target). */
  id: number;
  /** The widget's parameter values (seed included) when it was pinned. */
  values: Readonly<Record<string, unknown>>;
  /** The step it had reached. */
  step: number;
  curves: ReadonlyMap<string, PinnedCurve>;
}

/** How many runs one widget keeps pinned: more faded curves than this only hide one another. */
export const MAX_PINS = 4;

// Module level: pins survive Reset, rebuilds and re-mounts while the page is open, and go with a reload.
const byWidget = new Map<string, readonly Pin[]>();
const listeners = new Set<() => void>();
const NONE: readonly Pin[] = [];
let nextId = 1;

const notify = () => listeners.forEach((l) => l());

/** The pins of one widget, oldest first. */
export function pinsOf(widgetId: string): readonly Pin[] {
  return byWidget.get(widgetId) ?? NONE;
}

/** Pins a run: copies of the curves (so that later steps and resets leave it alone) and of the values. The oldest goes past MAX_PINS. */
export function pinRun(widgetId: string, values: Record<string, unknown>, step: number, curves: Iterable<Series>): Pin {
  const copied = new Map<string, PinnedCurve>();
  for (const s of curves) if (!copied.has(s.label) && s.xs.length) copied.set(s.label, { xs: Array.from(s.xs), ys: Array.from(s.ys), color: s.color });
  const pin: Pin = { id: nextId++, values: { ...values }, step, curves: copied };
  byWidget.set(widgetId, [...pinsOf(widgetId), pin].slice(-MAX_PINS));
  notify();
  return pin;
}

/** Removes one pin (a no-op when it is already gone). */
export function unpin(widgetId: string, pinId: number): void {
  const left = pinsOf(widgetId).filter((p) => p.id !== pinId);
  if (left.length) byWidget.set(widgetId, left);
  else byWidget.delete(widgetId);
  notify();
}

/** Removes every pin of every widget (tests). */
export function clearAllPins(): void {
  byWidget.clear();
  notify();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** The pins of one widget, re-rendering when they change. */
export function usePins(widgetId: string): readonly Pin[] {
  return useSyncExternalStore(subscribe, () => pinsOf(widgetId), () => NONE);
}

/** A label inside a sentence: its first letter lower-cased, unless it starts an abbreviation ("L2", "MLP"). */
function inSentence(label: string): string {
  return /^[A-Z][a-z\s]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
}

/**
 * The settings of a pinned run that differ from the current ones, in the schema's order, as
 * "learning rate η = 0.5, batch size = 10"; "same settings" when none differs (the seed counts).
 */
export function differingSettings(schema: Schema, pinned: Readonly<Record<string, unknown>>, current: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const key of Object.keys(schema)) {
    const a = pinned[key];
    if (a === undefined || Object.is(a, current[key])) continue;
    const spec = schema[key];
    const raw = typeof a === 'boolean' ? (a ? 'on' : 'off') : formatValue(spec, a as number | string);
    const value = raw.length > 24 ? `${raw.slice(0, 23)}…` : raw; // a text setting (a prompt, a corpus) stays one short line
    parts.push(`${inSentence(spec.label)} = ${value}`);
  }
  return parts.length ? parts.join(', ') : 'same settings';
}
