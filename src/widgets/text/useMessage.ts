import { useEffect, useRef, useState } from 'react';
import { MAX_MESSAGE_CHARS } from '../../engine/models/textClassifierConfig';

/** Pause after the last keystroke before a message goes to the models. */
const SETTLE_MS = 250;

/**
 * A typed message as the models receive it: cut to MAX_MESSAGE_CHARS (with a
 * flag, so the widget can say so), sent a moment after typing stops, with a
 * tag that grows with each new text so an old answer is never shown for it.
 */
export function useMessage(initial: string): { raw: string; setRaw: (s: string) => void; sent: string; tag: number; cut: boolean } {
  const [raw, setRaw] = useState(initial);
  const [sent, setSent] = useState(() => initial.slice(0, MAX_MESSAGE_CHARS));
  const tag = useRef(0);
  const [tagValue, setTag] = useState(0);
  useEffect(() => {
    const next = raw.slice(0, MAX_MESSAGE_CHARS);
    if (next === sent) return;
    const t = setTimeout(() => {
      tag.current += 1;
      setTag(tag.current);
      setSent(next);
    }, SETTLE_MS);
    return () => clearTimeout(t);
  }, [raw, sent]);
  return { raw, setRaw, sent, tag: tagValue, cut: raw.length > MAX_MESSAGE_CHARS };
}
