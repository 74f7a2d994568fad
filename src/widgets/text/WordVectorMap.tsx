import { useMemo, useState } from 'react';
import type { TextClassifyConfig } from '../../engine/models/textClassifierConfig';
import type { OptimizerKind } from '../../engine/nn/optimizerSettings';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import type { Schema } from '../kit/params';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { SPAM_PARAMS } from './textParams';
import { spamUrl } from './spamUrl';
import { WordMapPlot } from './WordMapPlot';
import './text.css';

const PARAMS = {
  vocab: SPAM_PARAMS.vocab,
  len: SPAM_PARAMS.len,
  dim: { ...SPAM_PARAMS.dim, default: 8 },
  optimizer: SPAM_PARAMS.optimizer,
  lr: SPAM_PARAMS.lr,
  batch: SPAM_PARAMS.batch,
} as const satisfies Schema;

/**
 * Word vectors moving: the averaged-embedding classifier trains on e-mail, and
 * its embedding rows for 150 frequent words are drawn on their first two
 * principal components, coloured by how hard each pushes towards spam or ham,
 * the strongest eight each way labelled.
 */
export function WordVectorMap({ id = 'vectors', title = 'Word vectors learning to separate spam from ham', ...preset }: { id?: string; title?: string } & Partial<Record<keyof typeof PARAMS | 'seed', string | number>>) {
  const params = useWidgetParams(id, PARAMS, preset);
  const v = params.values;
  const [retry, setRetry] = useState(0);
  const config: TextClassifyConfig = {
    dataUrl: spamUrl(), models: ['avg'], vocabSize: v.vocab, seqLen: v.len, truncating: 'post', embedDim: v.dim, filters: 1, widths: [1],
    optimizer: v.optimizer as OptimizerKind, learningRate: v.lr, batchSize: v.batch, wordMap: true,
  };
  const trainer = useTrainer('text-classify', config, v.seed, `${v.seed}|${v.vocab}|${v.len}|${v.dim}|${retry}`);
  const view = trainer.view;
  const words = view?.mapWords ?? [];
  const xy = view?.mapXY ?? new Float32Array(0);
  const scores = view?.mapScore ?? [];
  const spam = view?.spamWords ?? [];
  const ham = view?.hamWords ?? [];
  const labelled = useMemo(() => new Set([...spam, ...ham]), [spam.join(' '), ham.join(' ')]); // eslint-disable-line react-hooks/exhaustive-deps
  const acc = view?.testAcc.avg;
  const loadFailed = trainer.state === 'loading' && trainer.error !== null;
  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params}
      summary={words.length ? `${words.length} word vectors on their first two principal components. Towards spam: ${spam.join(', ')}. Towards ham: ${ham.join(', ')}.` : 'Loading the e-mail corpus.'}>
      {loadFailed && <p className="widget-alert" role="alert">The e-mail corpus did not load. <button data-action="retry" onClick={() => setRetry((r) => r + 1)}>Retry</button></p>}
      <div className="widget-grid text-panel">
        <WordMapPlot words={words} xy={xy} scores={scores} labelled={labelled} />
        <div>
          <h4>Push towards spam, s = E[word] · w</h4>
          <p className="word-list" data-spam-words={spam.join(' ')}>Spam: {spam.map((w, i) => <span key={w}><b>{w}</b> {formatNumber(view?.spamWordScores?.[i], 2)}{i < spam.length - 1 ? ', ' : ''}</span>)}</p>
          <p className="word-list" data-ham-words={ham.join(' ')}>Ham: {ham.map((w, i) => <span key={w}><b>{w}</b> {formatNumber(view?.hamWordScores?.[i], 2)}{i < ham.length - 1 ? ', ' : ''}</span>)}</p>
          <p className="legend">Held-out accuracy {acc === undefined || !trainer.steps ? '–' : `${formatNumber(acc * 100, 3)}%`} after {trainer.steps} steps. Only words that pass the offensive-terms filter are drawn.</p>
        </div>
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
