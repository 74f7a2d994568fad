import { useEffect, useState } from 'react';

/** Pause after the last keystroke before typed text goes to the model. */
const SETTLE_MS = 250;

/** `value`, a moment after it stops changing. */
export function useSettled(value: string, ms = SETTLE_MS): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === settled) return;
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, settled, ms]);
  return settled;
}
