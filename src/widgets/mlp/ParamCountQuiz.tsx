import { useState } from 'react';
import { ComputeFrame } from '../kit/ComputeFrame';

/** (d + 1)m + (m + 1)k for one hidden layer; more layers chain the same count. */
export function parameterCount(sizes: number[]): number {
  let n = 0;
  for (let i = 0; i + 1 < sizes.length; i++) n += (sizes[i] + 1) * sizes[i + 1];
  return n;
}

/** An exercise checked in the page: count the parameters of an MLP with the given layer widths. */
export function ParamCountQuiz({ id = 'param-quiz', sizes = [10, 32, 3] }: { id?: string; sizes?: number[] }) {
  const [text, setText] = useState('');
  const [checked, setChecked] = useState<null | { ok: boolean; message: string }>(null);
  const answer = parameterCount(sizes);
  const check = () => {
    const v = Number(text.trim().replace(/[,\s_]/g, ''));
    if (!text.trim() || !Number.isFinite(v)) return setChecked({ ok: false, message: `“${text}” is not a number.` });
    if (v === answer) return setChecked({ ok: true, message: `Right: ${answer.toLocaleString('en')} parameters.` });
    const noBias = sizes.slice(1).reduce((s, m, i) => s + sizes[i] * m, 0);
    const hint = v === noBias ? 'That leaves out the biases: each unit has one.' : v < answer ? 'Too few. Count weights and biases of every layer.' : 'Too many. Each layer has (inputs + 1) × outputs parameters.';
    setChecked({ ok: false, message: `Not yet: ${hint}` });
  };
  return (
    <ComputeFrame className="widget-wide" id={id} title={`Exercise: how many parameters does a ${sizes.join('-')} MLP have?`}>
      <p>
        Inputs of dimension {sizes[0]}, {sizes.length > 3 ? `hidden layers of ${sizes.slice(1, -1).join(', ')} units` : `one hidden layer of ${sizes[1]} units`}, {sizes[sizes.length - 1]} outputs, every layer with weights and biases.
      </p>
      <p className="bp-toolbar">
        <label>
          Parameters:{' '}
          <input data-param="answer" inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && check()} style={{ width: '8rem' }} />
        </label>
        <button data-action="check" onClick={check}>Check</button>
        {checked && <span className={checked.ok ? 'check-ok' : 'check-no'} role="status" data-solved={checked.ok}>{checked.message}</span>}
      </p>
    </ComputeFrame>
  );
}
