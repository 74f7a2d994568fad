import { TEXT_MODEL_LABELS, type TextClassifyAnswer, type TextModelName } from '../../engine/models/textClassifierConfig';
import { seriesColor } from '../../viz/palette';

/** Background for a push: orange towards spam, blue towards ham, stronger for a bigger push. */
function pushColour(p: number, scale: number): string {
  const a = Math.min(1, Math.abs(p) / scale) * 0.75;
  return p > 0 ? `rgba(213, 94, 0, ${a})` : `rgba(0, 114, 178, ${a})`;
}

/** Each model's P(spam) for a typed message, and the message's words coloured by how hard each pushed which way. */
export function MessageVerdicts({ view, models, seqLen }: { view: TextClassifyAnswer; models: readonly TextModelName[]; seqLen: number }) {
  return (
    <div className="verdicts" data-verdicts>
      {view.total > view.tokens.length && <p className="legend">The models read {view.tokens.length} of the message's {view.total} tokens (T = {seqLen}).</p>}
      {models.map((m, i) => {
        const v = view.models[m];
        if (!v) return null;
        const scale = Math.max(0.05, ...v.push.map(Math.abs));
        const spam = v.prob >= 0.5;
        return (
          <div key={m} className="verdict" data-model={m} data-prob={v.prob} data-class={spam ? 'spam' : 'ham'}>
            <h5>{TEXT_MODEL_LABELS[m]}: <span className={spam ? 'check-no' : 'check-ok'}>{spam ? 'spam' : 'ham'}</span>, P(spam) = {(v.prob * 100).toFixed(1)}%, P(ham) = {((1 - v.prob) * 100).toFixed(1)}%</h5>
            <span className="prob-bar"><i style={{ width: `${v.prob * 100}%`, background: seriesColor(i) }} /></span>
            <p>
              {view.tokens.map((t, j) => (
                <span key={j} className={view.known[j] ? 'push' : 'push unk'} style={{ background: pushColour(v.push[j], scale) }}
                  title={`${view.known[j] ? '' : 'unknown word (id 1); '}removing it moves the logit by ${(-v.push[j]).toFixed(3)}`}>{t}</span>
              ))}
            </p>
          </div>
        );
      })}
      <p className="push-legend"><span className="push" style={{ background: pushColour(1, 1) }}>orange</span> pushed towards spam, <span className="push" style={{ background: pushColour(-1, 1) }}>blue</span> towards ham: how far the logit falls when the word is taken out. Dotted: not in the vocabulary (id 1).</p>
    </div>
  );
}
