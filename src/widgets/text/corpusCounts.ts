import { useEffect, useState } from 'react';
import { fetchSpam, messageText, type MailMessage } from '../../engine/data/spamCorpus';
import { spamUrl } from './spamUrl';
import { isClean } from '../../engine/text/offensive';
import { tokenize } from '../../engine/text/tokenize';

/** Word counts over the whole e-mail corpus, and the messages a page may show. */
export interface CorpusCounts {
  counts: Map<string, number>;
  messages: number;
  showable: MailMessage[];
}

/** Messages tokenised per slice of main-thread work: a slice stays well under the 50 ms long-task line. */
const SLICE = 150;

let shared: Promise<CorpusCounts> | null = null;

/** Fetches the corpus and counts its words a slice at a time, yielding between slices (once per page). */
function loadCounts(): Promise<CorpusCounts> {
  shared ??= fetchSpam(spamUrl()).then(
    (data) =>
      new Promise<CorpusCounts>((resolve) => {
        const counts = new Map<string, number>();
        const showable: MailMessage[] = [];
        let i = 0;
        const slice = () => {
          const end = Math.min(data.messages.length, i + SLICE);
          for (; i < end; i++) {
            const m = data.messages[i];
            for (const t of tokenize(messageText(m), 'word')) counts.set(t, (counts.get(t) ?? 0) + 1);
            // The same test as showableMessages, a slice at a time: the whole corpus at once is a long task.
            if (isClean(m.subject) && isClean(m.body)) showable.push(m);
          }
          if (i < data.messages.length) setTimeout(slice, 0);
          else setTimeout(() => resolve({ counts, messages: data.messages.length, showable }), 0);
        };
        slice();
      }),
    (e) => {
      shared = null;
      throw e;
    },
  );
  return shared;
}

/** The corpus counts once `active`; an error message if the file did not load (retry() tries again). */
export function useCorpusCounts(active: boolean): { counts: CorpusCounts | null; error: string | null; retry: () => void } {
  const [counts, setCounts] = useState<CorpusCounts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (!active) return;
    let live = true;
    loadCounts().then((c) => live && setCounts(c), (e: Error) => live && setError(e.message || String(e)));
    return () => {
      live = false;
    };
  }, [active, attempt]);
  return { counts, error, retry: () => { setError(null); setAttempt((a) => a + 1); } };
}
