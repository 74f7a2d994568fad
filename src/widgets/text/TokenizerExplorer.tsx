import { useMemo, useState } from 'react';
import { isClean } from '../../engine/text/offensive';
import { oneHot, padSequence } from '../../engine/text/sequences';
import { tokenize } from '../../engine/text/tokenize';
import { buildVocabulary, countTokens, coverageCurve, encode, PAD_ID, tokenRows, typesForCoverage, UNK_ID, vocabularyCoverage, vocabularySize } from '../../engine/text/vocabulary';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { ComputeFrame } from '../kit/ComputeFrame';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useWidgetParams } from '../kit/useWidgetParams';
import { useCorpusCounts } from './corpusCounts';
import { clampText, TEXT_INPUT_MAX } from './clampText';
import './text.css';

const PARAMS = {
  source: { kind: 'choice', label: 'Vocabulary from', default: 'text', options: ['text', 'corpus'], optionLabels: { text: 'your text', corpus: 'the e-mail corpus (6,046 messages)' }, help: 'Count words in the text box, or in the whole SpamAssassin corpus.' },
  vocab: { kind: 'number', label: 'Vocabulary size |V|', default: 12, min: 2, max: 50000, integer: true, help: 'Entries kept, padding (0) and unknown (1) included; rarer words become 1.' },
  len: { kind: 'number', label: 'Sequence length T', default: 12, min: 1, max: 200, integer: true, help: 'Every sequence is padded or cut to exactly T ids.' },
  padding: { kind: 'choice', label: 'Pad at', default: 'pre', options: ['pre', 'post'], optionLabels: { pre: 'the front (pre)', post: 'the back (post)' } },
  truncating: { kind: 'choice', label: 'Cut long ones at', default: 'pre', options: ['pre', 'post'], optionLabels: { pre: 'the front (keep the last T)', post: 'the back (keep the first T)' } },
} as const satisfies Schema;

const SAMPLE = 'The cat sat on the mat. The dog sat on the log, and the cat watched the dog.';
/** Tokens and one-hot rows drawn at most: the table would not fit past this. */
const SHOW_TOKENS = 60;
const ONE_HOT_COLS = 16;

/** The tokenizer and vocabulary explorer: words, counts, |V| against coverage, ids with 0 and 1 reserved, padding to T, one-hot rows. */
export function TokenizerExplorer({ id = 'tokens', title = 'From text to ids', ...preset }: { id?: string; title?: string } & Partial<Record<keyof typeof PARAMS, string | number>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const [raw, setRaw] = useState(SAMPLE);
  const { text, cut } = clampText(raw);
  const corpus = useCorpusCounts(v.source === 'corpus');
  const fromCorpus = v.source === 'corpus';

  const tokens = useMemo(() => tokenize(text, 'word'), [text]);
  const counts = useMemo(() => (fromCorpus ? corpus.counts?.counts ?? null : countTokens(tokens)), [fromCorpus, corpus.counts, tokens]);
  const curve = useMemo(() => (counts ? coverageCurve(counts) : null), [counts]);
  const vocab = useMemo(() => (counts ? buildVocabulary(counts, { level: 'word', maxSize: v.vocab }) : null), [counts, v.vocab]);
  const ids = useMemo(() => (vocab ? encode(vocab, tokens) : new Int32Array(0)), [vocab, tokens]);
  const seq = useMemo(() => padSequence(ids, v.len, { padding: v.padding as 'pre' | 'post', truncating: v.truncating as 'pre' | 'post' }), [ids, v.len, v.padding, v.truncating]);
  const size = vocab ? vocabularySize(vocab) : 0;
  const rows = vocab ? tokenRows(vocab, 10, { show: fromCorpus ? isClean : () => true }) : [];
  const hidden = vocab && fromCorpus ? tokenRows(vocab, 10, {}).filter((r) => !isClean(r.token)).length : 0;
  const coverage = vocab ? vocabularyCoverage(vocab) : 0;
  const ninety = curve ? typesForCoverage(curve, 0.9) : 0;
  const unknown = Array.from(ids).filter((x) => x === UNK_ID).length;
  const oneHotCols = Math.min(size, ONE_HOT_COLS);
  const showLen = Math.min(v.len, 24);
  const hotRows = Math.min(showLen, 12);
  // Only the rows drawn: T x |V| floats for a 50,000-word vocabulary would be 40 MB.
  const hot = useMemo(() => (size ? oneHot(seq.subarray(0, hotRows), size) : new Float32Array(0)), [seq, size, hotRows]);

  const errors = [...params.errors];
  if (corpus.error) errors.push(`The e-mail corpus did not load: ${corpus.error}`);
  const empty = tokens.length === 0;
  // Until the corpus is counted there is no vocabulary to show: the panels wait instead of showing |V| = 0.
  const waiting = fromCorpus && !corpus.counts;
  const pickMessage = () => {
    const list = corpus.counts?.showable;
    if (!list?.length) return;
    const m = list[Math.floor(Math.random() * list.length)];
    setRaw(`${m.subject}\n${m.body}`);
  };

  return (
    <ComputeFrame id={id} title={title} errors={errors} className="widget-wide"
      summary={empty ? 'No tokens yet.' : `${tokens.length} tokens; |V| = ${size} covers ${formatNumber(coverage * 100, 3)}% of the ${fromCorpus ? 'corpus' : 'text'}'s tokens; the sequence has T = ${v.len} ids.`}>
      <label className="text-input">
        <span>Your text {cut && <em role="status" data-clamped>(cut to the first {TEXT_INPUT_MAX.toLocaleString('en-GB')} characters)</em>}</span>
        <textarea data-control="text" rows={3} value={raw} onChange={(e) => setRaw(e.target.value)} spellCheck={false} />
      </label>
      {fromCorpus && (
        <p className="legend">
          {corpus.counts ? <>Counts from all {corpus.counts.messages.toLocaleString('en-GB')} messages. <button data-action="sample" onClick={pickMessage}>Put a random e-mail in the box</button> (only messages that pass the offensive-terms filter).</> : corpus.error ? <button data-action="retry" onClick={corpus.retry}>Retry</button> : 'Counting words in 6,046 e-mails…'}
        </p>
      )}
      {waiting ? null : empty ? <p className="widget-alert" role="status" data-empty>There is no text to tokenise: type a sentence above.</p> : (
        <div className="token-strip" aria-label="tokens and their ids">
          {tokens.slice(0, SHOW_TOKENS).map((t, i) => (
            <span key={i} className={ids[i] === UNK_ID ? 'tok unk' : 'tok'}><b>{fromCorpus && !isClean(t) ? '•••' : t}</b><small>{ids[i]}</small></span>
          ))}
          {tokens.length > SHOW_TOKENS && <span className="legend">… {tokens.length - SHOW_TOKENS} more</span>}
        </div>
      )}
      {!waiting && <>
      <div className="widget-grid">
        <div>
          <h4>Vocabulary ({size} entries{vocab ? `, from ${formatNumber(vocab.corpusTypes, 6)} distinct words` : ''})</h4>
          <table className="vocab-table" data-vocab-size={size}>
            <thead><tr><th>id</th><th>token</th><th>count</th><th>share</th></tr></thead>
            <tbody>
              <tr className="reserved"><td>{PAD_ID}</td><td>&lt;pad&gt;</td><td>–</td><td>padding</td></tr>
              <tr className="reserved"><td>{UNK_ID}</td><td>&lt;unk&gt;</td><td>{vocab ? vocab.counts[UNK_ID].toLocaleString('en-GB') : '–'}</td><td>{vocab && vocab.totalTokens ? `${formatNumber((vocab.counts[UNK_ID] / vocab.totalTokens) * 100, 3)}%` : '–'}</td></tr>
              {rows.map((r) => <tr key={r.id}><td>{r.id}</td><td>{r.token}</td><td>{r.count.toLocaleString('en-GB')}</td><td>{formatNumber(r.share * 100, 3)}%</td></tr>)}
            </tbody>
          </table>
          {hidden > 0 && <p className="legend">{hidden} of the first ten words are hidden by the offensive-terms filter (their ids are kept).</p>}
        </div>
        <div>
          <h4>Coverage: share of tokens inside the vocabulary</h4>
          {curve && curve.length > 1 && <LineChart series={[{ label: 'coverage', xs: Array.from(curve, (_, k) => k + 2), ys: curve, color: seriesColor(0) }, { label: `|V| = ${size}`, xs: [size, size], ys: [0, 1], color: seriesColor(1) }]} xLabel="|V| (reserved entries included)" yLabel="coverage" />}
          <p data-coverage={coverage}>|V| = {size} covers <b>{formatNumber(coverage * 100, 3)}%</b> of the tokens; 90% needs {ninety + 2} entries. {unknown > 0 && <>Your text has {unknown} unknown token{unknown === 1 ? '' : 's'} (id 1).</>}</p>
        </div>
      </div>
      <h4>Padded to T = {v.len}{ids.length > v.len ? ` (cut from ${ids.length})` : ids.length < v.len ? ` (${v.len - ids.length} padding ids added)` : ''}</h4>
      <div className="seq-strip" data-seq={Array.from(seq).join(',')}>
        {Array.from(seq.subarray(0, showLen), (x, i) => <span key={i} className={x === PAD_ID ? 'id pad' : x === UNK_ID ? 'id unk' : 'id'}>{x}</span>)}
        {v.len > showLen && <span className="legend">… {v.len - showLen} more</span>}
      </div>
      <h4>One-hot rows: T × |V| = {v.len} × {size} = {formatNumber(v.len * size, 6)} numbers, {Math.min(v.len, ids.length)} of them ones{size > oneHotCols ? ` (first ${oneHotCols} columns shown)` : ''}</h4>
      <table className="onehot" aria-label="one-hot matrix">
        <thead><tr><th scope="col">id</th>{Array.from({ length: oneHotCols }, (_, j) => <th key={j}>{j}</th>)}</tr></thead>
        <tbody>
          {Array.from({ length: hotRows }, (_, t) => (
            <tr key={t}><th>{seq[t]}</th>{Array.from({ length: oneHotCols }, (_, j) => <td key={j} className={hot[t * size + j] ? 'on' : ''}>{hot[t * size + j] ? 1 : 0}</td>)}</tr>
          ))}
        </tbody>
      </table>
      </>}
      <ParamControls params={params} />
    </ComputeFrame>
  );
}
