import { memo } from 'react';
import type { SpaceChoices } from '../../engine/nas/space';
import { geneLabels } from './geneLabels';

/** The REINFORCE controller's policy: one row of probability bars per gene (uniform at the start). */
export const PolicyBars = memo(function PolicyBars({ space, probs, baseline }: { space: SpaceChoices; probs: number[][]; baseline: number | null }) {
  const genes = geneLabels(space);
  return (
    <div className="policy" data-policy>
      <h4>Controller policy π (REINFORCE){baseline !== null && <> · baseline b = {(baseline * 100).toFixed(1)}%</>}</h4>
      <table className="policy-table">
        <tbody>
          {genes.map((g, k) => (
            <tr key={g.name}>
              <th scope="row">{g.name}</th>
              <td>
                {g.options.map((o, j) => {
                  const p = probs[k]?.[j] ?? 1 / g.options.length;
                  return (
                    <span key={o} className="policy-opt" title={`${g.name} = ${o}: ${(p * 100).toFixed(1)}%`} data-prob={p.toFixed(4)}>
                      <span className="policy-bar" style={{ width: `${Math.max(0.15, p * 6).toFixed(2)}rem` }} />
                      <small>{o} {(p * 100).toFixed(0)}%</small>
                    </span>
                  );
                })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
