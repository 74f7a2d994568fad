import { useEffect, useState } from 'react';
import { MAX_MESSAGE_CHARS, TEXT_MODEL_LABELS, TEXT_MODELS, textParamCount, type TextClassifyAnswer, type TextClassifyConfig, type TextModelName } from '../../engine/models/textClassifierConfig';
import type { OptimizerKind } from '../../engine/nn/optimizerSettings';
import { LineChart } from '../../viz/LineChart';
import { seriesColor } from '../../viz/palette';
import { formatNumber } from '../kit/format';
import { ParamControls } from '../kit/ParamControls';
import { useTrainer } from '../kit/useTrainer';
import { useWidgetParams } from '../kit/useWidgetParams';
import { WidgetFrame } from '../kit/WidgetFrame';
import { MessageVerdicts } from './MessageVerdicts';
import { parseWidths, SPAM_PARAMS, type SpamPreset } from './textParams';
import { spamUrl } from './spamUrl';
import { useMessage } from './useMessage';
import './text.css';

const EXAMPLE = 'Dear friend, you have been selected to receive a FREE gift card worth $500! Click here now to claim your prize before midnight.';

/**
 * Chapter 8's main figure: a bag of words, averaged embeddings and a TextCNN
 * trained side by side on the same mini-batches of real e-mail, their held-out
 * accuracies against the majority-class baseline, and a box where the reader
 * types a message that every model classifies, word by word.
 */
export function SpamClassifier({ id = 'spam', title = 'Spam or ham: three classifiers on real e-mail', ...preset }: { id?: string; title?: string } & SpamPreset) {
  const params = useWidgetParams(id, SPAM_PARAMS, preset);
  const v = params.values;
  const [retry, setRetry] = useState(0);
  const msg = useMessage(EXAMPLE);
  const models: TextModelName[] = [...TEXT_MODELS];
  const widths = parseWidths(v.widths);
  const config: TextClassifyConfig = {
    dataUrl: spamUrl(), models, vocabSize: v.vocab, seqLen: v.len, truncating: v.cut as 'pre' | 'post', embedDim: v.dim, filters: v.filters, widths,
    optimizer: v.optimizer as OptimizerKind, learningRate: v.lr, batchSize: v.batch, wordMap: false,
  };
  const trainer = useTrainer('text-classify', config, v.seed, `${v.seed}|${v.vocab}|${v.len}|${v.cut}|${v.dim}|${v.filters}|${v.widths}|${retry}`);
  const view = trainer.view;
  const curve = view?.curve;
  const acc = view?.testAcc ?? {};
  const baseline = view?.baseline ?? null;
  const steps = curve?.step ?? [];
  const evaluated = steps.length > 0;
  const loadFailed = trainer.state === 'loading' && trainer.error !== null;
  const nTest = view?.nTest ?? 0;
  const accText = (m: TextModelName) => (evaluated ? `${formatNumber((acc[m] ?? 0) * 100, 3)}%` : '–');

  // The typed message goes to the models through the trainer's request path, running or paused; it is asked
  // again at each held-out evaluation, so the verdict follows the weights as they learn.
  const [answer, setAnswer] = useState<{ text: string; value: TextClassifyAnswer } | null>(null);
  const [askError, setAskError] = useState<string | null>(null);
  const ready = view !== null;
  const evalStep = view?.evalStep ?? 0;
  const { ask } = trainer;
  useEffect(() => {
    const text = msg.sent;
    if (!ready || !text.trim()) return;
    let live = true;
    ask({ message: text }).then(
      (value) => live && (setAnswer({ text, value }), setAskError(null)),
      (e: Error) => live && setAskError(e.message || String(e)),
    );
    return () => {
      live = false;
    };
  }, [ask, msg.sent, ready, evalStep, trainer.restarts]);
  const message = answer && answer.text === msg.sent ? answer.value : null;

  return (
    <WidgetFrame id={id} title={title} trainer={trainer} params={params} className="widget-wide"
      summary={evaluated ? `Held-out accuracy on ${nTest} messages: ${models.map((m) => `${TEXT_MODEL_LABELS[m]} ${accText(m)}`).join('; ')}; always answering ham scores ${formatNumber((baseline ?? 0) * 100, 3)}%.` : 'Loading the e-mail corpus.'}>
      {loadFailed && <p className="widget-alert" role="alert">The e-mail corpus did not load. <button data-action="retry" onClick={() => setRetry((r) => r + 1)}>Retry</button></p>}
      <div className="widget-grid text-panel">
        <div>
          <h4>Held-out accuracy ({nTest ? nTest.toLocaleString('en-GB') : '…'} messages never trained on)</h4>
          <table className="acc-table" data-baseline={baseline ?? ''}>
            <thead><tr><th>model</th><th>parameters</th><th>accuracy</th></tr></thead>
            <tbody>
              {models.map((m, i) => (
                <tr key={m} data-model={m} data-acc={evaluated ? acc[m] : ''}>
                  <td><span className="acc-bar" style={{ width: '0.7rem', background: seriesColor(i) }} /> {TEXT_MODEL_LABELS[m]}</td>
                  <td>{textParamCount(m, config).toLocaleString('en-GB')}</td>
                  <td>{accText(m)}</td>
                </tr>
              ))}
              <tr><td>always “ham” (majority class)</td><td>0</td><td>{baseline === null ? '–' : `${formatNumber(baseline * 100, 3)}%`}</td></tr>
            </tbody>
          </table>
          <p className="legend">{view ? `Vocabulary from ${view.nTrain.toLocaleString('en-GB')} training messages covers ${formatNumber(view.coverage * 100, 3)}% of their tokens; ${formatNumber(view.examples, 6)} examples seen.` : 'Loading 6,046 e-mails (3.5 MB) and timing the backends on this device…'}</p>
        </div>
        <LineChart series={[
          ...models.map((m, i) => ({ label: m === 'bow' ? 'bag of words' : m === 'avg' ? 'averaged embeddings' : 'TextCNN', xs: steps, ys: curve?.[m] ?? [], color: seriesColor(i) })),
          ...(baseline !== null && steps.length ? [{ label: 'majority class', xs: [steps[0], steps[steps.length - 1]], ys: [baseline, baseline], color: '#888888' }] : []),
        ]} yLabel="held-out accuracy" />
      </div>
      <div className="text-panel">
        <label className="text-input">
          <span>Type a message and every model reads it {msg.cut && <em role="status" data-clamped>(cut to its first {MAX_MESSAGE_CHARS.toLocaleString('en-GB')} characters)</em>}</span>
          <textarea data-control="message" rows={3} value={msg.raw} onChange={(e) => msg.setRaw(e.target.value)} spellCheck={false} />
        </label>
        {!msg.raw.trim() ? <p className="legend" role="status" data-empty>Type a message above to see how each model classifies it.</p>
          : message ? <MessageVerdicts view={message} models={models} seqLen={v.len} />
          : <p className="legend">{askError ?? (view ? 'Reading the message…' : 'The models read it once the corpus has loaded.')}</p>}
      </div>
      <ParamControls params={params} />
    </WidgetFrame>
  );
}
