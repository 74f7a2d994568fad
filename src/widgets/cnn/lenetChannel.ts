import { useCallback, useSyncExternalStore } from 'react';

/**
 * The page-level link between a LeNet figure and the draw pads that read with
 * its network, keyed by the LeNet figure's widget id. A pad sends its
 * preprocessed drawing; the LeNet figure puts it in its trainer's config and
 * sends back the probabilities with how far its network has trained. Plain
 * numbers only: the network itself stays in the worker.
 */

/** A drawing to classify: 28x28 pixels in [0, 1] after MNIST's preprocessing, tagged so its answer can be told from an older one's. */
export interface PadDrawing {
  pixels: number[];
  tag: number;
}

/** What a LeNet figure tells the pads on its page. */
export interface LenetReport {
  /** The figure's title, for "the LeNet in ... above". */
  title: string;
  /** Its architecture and training settings, in words. */
  model: string;
  state: string;
  /** Training steps so far (0: untrained, or just reset). */
  step: number;
  examples: number;
  /** Test accuracy at the last curve point; null before the first one. */
  testAcc: number | null;
  /** Softmax of the network on the drawing tagged `tag`, computed at step `probsStep`. */
  probs: number[] | null;
  tag: number | null;
  probsStep: number | null;
}

interface Slot {
  drawing: PadDrawing | null;
  report: LenetReport | null;
  listeners: Set<() => void>;
}

const slots = new Map<string, Slot>();
let lastTag = 0;

function slot(id: string): Slot {
  let s = slots.get(id);
  if (!s) {
    s = { drawing: null, report: null, listeners: new Set() };
    slots.set(id, s);
  }
  return s;
}

function notify(s: Slot): void {
  for (const l of [...s.listeners]) l();
}

function subscribeTo(id: string, listener: () => void): () => void {
  const s = slot(id);
  s.listeners.add(listener);
  return () => s.listeners.delete(listener);
}

/** A tag no other drawing on this page has. */
export function newDrawingTag(): number {
  return ++lastTag;
}

/** A pad asks the LeNet figure `id` to classify `drawing` (null withdraws it). */
export function sendDrawing(id: string, drawing: PadDrawing | null): void {
  const s = slot(id);
  if (s.drawing === drawing) return;
  s.drawing = drawing;
  notify(s);
}

/** Withdraws the drawing tagged `tag`, if it is still the one the LeNet figure `id` reads (a pad unmounting). */
export function withdrawDrawing(id: string, tag: number): void {
  if (slots.get(id)?.drawing?.tag === tag) sendDrawing(id, null);
}

/** The LeNet figure `id` reports its state and its answer (null when it unmounts). Unchanged reports notify nobody. */
export function publishReport(id: string, report: LenetReport | null): void {
  const s = slot(id);
  if (sameReport(s.report, report)) return;
  s.report = report;
  notify(s);
}

// Probabilities for one drawing at one step are one computation: comparing tag and step compares them.
function sameReport(a: LenetReport | null, b: LenetReport | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.title === b.title && a.model === b.model && a.state === b.state && a.step === b.step && a.examples === b.examples
    && a.testAcc === b.testAcc && a.tag === b.tag && a.probsStep === b.probsStep && (a.probs === null) === (b.probs === null);
}

/** The drawing pads have sent to the LeNet figure `id`, for that figure's config. */
export function useLenetDrawing(id: string): PadDrawing | null {
  const subscribe = useCallback((l: () => void) => subscribeTo(id, l), [id]);
  return useSyncExternalStore(subscribe, () => slot(id).drawing, () => null);
}

/** The latest report of the LeNet figure `id`; null while no such figure is on the page. */
export function useLenetReport(id: string): LenetReport | null {
  const subscribe = useCallback((l: () => void) => subscribeTo(id, l), [id]);
  return useSyncExternalStore(subscribe, () => slot(id).report, () => null);
}
