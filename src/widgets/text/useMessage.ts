import { useEffect, useState } from 'react';
import { MAX_MESSAGE_CHARS } from '../../engine/models/textClassifierConfig';

/** Pause after the last keystroke before a message goes to the models. */
const SETTLE_MS = 250;

/**
 * A typed message as the models receive it: cut to MAX_MESSAGE_CHARS (with a
 * flag, so the widget can say so), and sent a moment after typing stops.
 */
export function useMessage(initial: string): { raw: string; setRaw: (s: string) => void; sent: string; cut: boolean } {
  const [raw, setRaw] = useState(initial);
  const [sent, setSent] = useState(() => initial.slice(0, MAX_MESSAGE_CHARS));
  useEffect(() => {
    const next = raw.slice(0, MAX_MESSAGE_CHARS);
    if (next === sent) return;
    const t = setTimeout(() => setSent(next), SETTLE_MS);
    return () => clearTimeout(t);
  }, [raw, sent]);
  return { raw, setRaw, sent, cut: raw.length > MAX_MESSAGE_CHARS };
}
