import { useEffect, useRef, useState } from 'react';

/**
 * The latest value, but at most one update per `ms` (the last one always lands).
 * Views arrive at 20 Hz; redrawing dozens of canvases that often costs the main
 * thread more than the eye gains, and on a two-core machine it slows training.
 */
export function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + ms - performance.now();
    if (wait <= 0) {
      last.current = performance.now();
      setShown(value);
      return;
    }
    const t = setTimeout(() => {
      last.current = performance.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(t);
  }, [value, ms]);
  return shown;
}
