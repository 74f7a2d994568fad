/** One row of a source/output table: each token in its own cell-width box, the wrong ones marked. */
export function SequenceRow({ label, text, expected, data }: { label: string; text: string; expected?: string; data?: string }) {
  const tokens = [...text];
  const wrong = expected === undefined ? 0 : tokens.filter((c, i) => c !== expected[i]).length + Math.max(0, expected.length - tokens.length);
  return (
    <tr data-row={data} data-text={text} data-correct={expected === undefined ? undefined : String(wrong === 0)}>
      <th scope="row">{label}</th>
      <td>
        {tokens.map((c, i) => <span key={i} className={`tok${expected !== undefined && c !== expected[i] ? ' wrong' : ''}`}>{c}</span>)}
        {expected !== undefined && <span className="seq-note"> {wrong === 0 ? '✓' : `${wrong} wrong`}</span>}
      </td>
    </tr>
  );
}
