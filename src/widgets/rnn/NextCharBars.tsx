import { nextTokenDistribution } from '../../engine/math/sampling';
import { formatNumber } from '../kit/format';

/** How a character shows in the bars: the boundary as ↵ (end of a name or paragraph), a space as ␣. */
export const showChar = (ch: string) => (ch === '\n' ? '↵' : ch === ' ' ? '␣' : ch);

/**
 * The next-character distribution after the prompt at the reader's τ and top-k, recomputed here from
 * the model's logits (sampling.ts is plain JS) so that it follows the slider at once; the outline
 * marks each character's probability at τ = 1, so sharpening and flattening show against it.
 */
export function NextCharBars({ tokens, logits, temperature, topK, shown = 12 }: { tokens: string[]; logits: number[]; temperature: number; topK: number; shown?: number }) {
  const opts = { temperature, topK: topK > 0 ? topK : undefined };
  const p = nextTokenDistribution(logits, opts);
  const p1 = nextTokenDistribution(logits, { topK: opts.topK });
  // Reserved ids (padding, unknown) never occur in text: left out of the bars.
  const order = tokens.map((_, i) => i).filter((i) => i > 1).sort((a, b) => p1[b] - p1[a] || a - b).slice(0, shown);
  const entropy = -Array.from(p).reduce((s, x) => s + (x > 0 ? x * Math.log(x) : 0), 0);
  const max = Math.max(...order.map((i) => Math.max(p[i], p1[i])), 1e-9);
  return (
    <figure className="next-bars" aria-label={`next-character distribution at temperature ${temperature}`}>
      <div className="next-bars-grid">
        {order.map((i) => (
          <div key={i} className="next-bar" data-char={tokens[i]} data-p={p[i]} title={`${showChar(tokens[i])}: ${formatNumber(p[i] * 100, 3)}% (τ = 1: ${formatNumber(p1[i] * 100, 3)}%)`}>
            <span className="next-bar-col">
              <i className="at-one" style={{ height: `${(p1[i] / max) * 100}%` }} />
              <i className="at-tau" style={{ height: `${(p[i] / max) * 100}%` }} />
            </span>
            <b>{showChar(tokens[i])}</b>
          </div>
        ))}
      </div>
      <figcaption className="legend">
        Filled: τ = {formatNumber(temperature, 3)}{opts.topK ? `, top-${opts.topK}` : ''}; outline: τ = 1. Entropy {formatNumber(entropy, 3)} nats, as uncertain as a fair choice among {formatNumber(Math.exp(entropy), 3)} characters.
      </figcaption>
    </figure>
  );
}
