/**
 * The packed SpamAssassin corpus (scripts/packSpam.mjs): 6,046 e-mails, each
 * its group, decoded subject and the start of its body. The corpus holds adult
 * and abusive spam: anything shown on a page goes through text/offensive.ts
 * first (showableMessages does that).
 */
import { isClean } from '../text/offensive';
import { createDataCache, DataFormatError, decodeRecords, fetchPacked, readPacked, type FetchOptions } from './packedFile';

export const SPAM_KIND = { magic: 'TRSA', version: 1, what: 'the e-mail corpus' };
/** Where the site serves the file, relative to the page. */
export const SPAM_PATH = 'data/spam.bin';
export const SPAM_GROUPS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'] as const;
export type SpamGroup = (typeof SPAM_GROUPS)[number];

/** One message; `spam` is true for the spam-1 and spam-2 groups. */
export interface MailMessage {
  index: number;
  group: SpamGroup;
  spam: boolean;
  subject: string;
  /** The readable body, at most bodyMaxChars characters, whitespace collapsed. */
  body: string;
}

export interface SpamData {
  messages: MailMessage[];
  spamCount: number;
  hamCount: number;
  bodyMaxChars: number;
}

/** Parses and checks a packed corpus; throws DataFormatError with a reader-facing message. */
export function parseSpam(buffer: ArrayBuffer): SpamData {
  const file = readPacked(buffer, SPAM_KIND);
  const messages = decodeRecords(file, 3, SPAM_KIND.what).map(([group, subject, body], index) => {
    if (!(SPAM_GROUPS as readonly string[]).includes(group)) throw new DataFormatError(`The e-mail corpus is corrupt: message ${index} is in an unknown group.`);
    if (body.length > file.c) throw new DataFormatError(`The e-mail corpus is corrupt: message ${index} is longer than its header allows.`);
    return { index, group: group as SpamGroup, spam: group.startsWith('spam'), subject, body };
  });
  const spamCount = messages.filter((m) => m.spam).length;
  if (spamCount !== file.b) throw new DataFormatError(`The e-mail corpus holds ${spamCount} spam messages, but its header says ${file.b}.`);
  return { messages, spamCount, hamCount: messages.length - spamCount, bodyMaxChars: file.c };
}

/** Subject and body as one text, what a classifier reads. */
export function messageText(m: MailMessage): string {
  return m.subject ? `${m.subject}\n${m.body}` : m.body;
}

const showable = new WeakMap<readonly MailMessage[], MailMessage[]>();

/** The messages a page may show: those whose subject and body pass the offensive-terms filter (remembered per list: the whole corpus takes a few hundred ms). */
export function showableMessages(messages: readonly MailMessage[]): MailMessage[] {
  let out = showable.get(messages);
  if (!out) showable.set(messages, (out = messages.filter((m) => isClean(m.subject) && isClean(m.body))));
  return out;
}

/** Fetches and parses the corpus, retrying network failures. */
export function fetchSpam(url: string, opts?: FetchOptions): Promise<SpamData> {
  return fetchPacked(url, parseSpam, 'the e-mail corpus', opts);
}

/** The worker's one copy. */
export const spamStore = createDataCache('The e-mail corpus', (url) => fetchSpam(url));
