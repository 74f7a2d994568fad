import { useCallback, useEffect, useSyncExternalStore } from 'react';

/**
 * A page-level board on which a widget publishes a small summary of itself under its widget id, so
 * that another widget on the page can follow it and ask its trainer questions (a draw pad reading with
 * the LeNet figure's network). Plain values and stable functions only; the network stays in the worker.
 */
interface Entry {
  value: object | null;
  listeners: Set<() => void>;
}

const board = new Map<string, Entry>();

function entry(id: string): Entry {
  let e = board.get(id);
  if (!e) board.set(id, (e = { value: null, listeners: new Set() }));
  return e;
}

/** Same keys, same values (by identity): a re-render that changed nothing notifies nobody. */
function shallowEqual(a: object | null, b: object | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.is((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

function publish(id: string, value: object | null): void {
  const e = entry(id);
  if (shallowEqual(e.value, value)) return;
  e.value = value;
  for (const l of [...e.listeners]) l();
}

/** Publishes `value` as widget `id`'s summary after every render; withdrawn when the widget unmounts. */
export function usePublishPeer<T extends object>(id: string, value: T): void {
  useEffect(() => publish(id, value));
  useEffect(() => () => publish(id, null), [id]);
}

/** The summary widget `id` publishes; null while no such widget is on the page. */
export function usePeer<T extends object>(id: string): T | null {
  const subscribe = useCallback((l: () => void) => {
    const e = entry(id);
    e.listeners.add(l);
    return () => e.listeners.delete(l);
  }, [id]);
  return useSyncExternalStore(subscribe, () => entry(id).value as T | null, () => null);
}
