import { MAX_MESSAGE_CHARS, type ModelVerdict, type TextClassifyAnswer, type TextClassifyConfig } from '../../models/textClassifierConfig';
import { tokenize } from '../../text/tokenize';
import { encode, RESERVED, type Vocabulary } from '../../text/vocabulary';
import { toSequence } from './spamDataset';
import type { TextRun } from './textRun';

const sigmoid = (o: number) => 1 / (1 + Math.exp(-o));

/**
 * Every model's verdict on one typed message: P(spam) and, for each token the
 * models read, how far the spam logit falls when that word is removed from the
 * message (every occurrence replaced by padding): positive pushes towards spam,
 * negative towards ham. One batched forward pass per model: the message and one
 * copy of it per distinct word.
 */
export async function classifyMessage(run: TextRun, vocab: Vocabulary, message: string, cfg: TextClassifyConfig): Promise<TextClassifyAnswer> {
  const t = cfg.seqLen;
  // A pasted book is cut first: the models read at most T tokens anyway.
  const all = tokenize(message.slice(0, MAX_MESSAGE_CHARS), 'word');
  // The tokens the models read: the first T ('post') or the last T ('pre'), as the data set cuts.
  const read = cfg.truncating === 'post' ? all.slice(0, t) : all.slice(Math.max(0, all.length - t));
  const ids = encode(vocab, read);
  const row = toSequence(vocab, read, t, cfg.truncating);
  const distinct = [...new Set(ids)];
  const rows = new Int32Array((distinct.length + 1) * t);
  rows.set(row, 0);
  distinct.forEach((id, r) => {
    const copy = row.map((x) => (x === id ? 0 : x));
    rows.set(copy, (r + 1) * t);
  });
  const logits = await run.logits(rows, distinct.length + 1);
  const models: TextClassifyAnswer['models'] = {};
  run.nets.forEach((net, m) => {
    const z = logits[m];
    const drop = new Map(distinct.map((id, r) => [id, z[0] - z[r + 1]]));
    const verdict: ModelVerdict = { prob: sigmoid(z[0]), logit: z[0], push: Array.from(ids, (id) => drop.get(id) ?? 0) };
    models[net.name] = verdict;
  });
  return {
    tokens: read,
    known: Array.from(ids, (id) => (id >= RESERVED ? 1 : 0)),
    total: all.length,
    models,
    step: run.steps,
  };
}
