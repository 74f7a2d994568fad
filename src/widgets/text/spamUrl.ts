import { SPAM_PATH } from '../../engine/data/spamCorpus';

/** The packed e-mail corpus's absolute URL, resolved against the page (the worker's own URL is elsewhere). */
export function spamUrl(): string {
  return new URL(SPAM_PATH, document.baseURI).href;
}
