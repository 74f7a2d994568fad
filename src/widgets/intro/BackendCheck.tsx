import { useEffect, useState } from 'react';
import type { BackendName, BackendStatus } from '../../engine/backend';
import { ComputeFrame } from '../kit/ComputeFrame';
import { checkBackends } from '../kit/trainerClient';

type Result = { statuses: BackendStatus[]; timings: Partial<Record<BackendName, number>> };

/** Chapter 0's live check: which of WebGPU, WebGL, WASM and CPU work on this device, and how fast each trains a small regression. */
export function BackendCheck({ id = 'backends' }: { id?: string }) {
  const [result, setResult] = useState<Result | null>(null);
  const [running, setRunning] = useState(false);
  const run = () => {
    setRunning(true);
    setResult(null);
    return checkBackends((m) => {
      setResult({ statuses: m.statuses, timings: m.timings });
      setRunning(false);
    });
  };
  useEffect(() => run(), []);
  const fastest = result ? (Object.entries(result.timings).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))[0]?.[0] ?? null) : null;
  return (
    <ComputeFrame id={id} title="The backends on your device">
      <table className="values backends" aria-busy={running}>
        <thead><tr><th>backend</th><th>works?</th><th>small regression, steps/s</th><th>note</th></tr></thead>
        <tbody>
          {(result?.statuses ?? (['webgpu', 'webgl', 'wasm', 'cpu'] as BackendName[]).map((name) => ({ name, ok: false, note: 'checking…', slow: false }))).map((s) => (
            <tr key={s.name} data-backend-row={s.name} data-ok={result ? String(s.ok) : undefined}>
              <td><code>{s.name}</code></td>
              <td>{result ? (s.ok ? 'yes' : 'no') : '…'}</td>
              <td>{result?.timings[s.name] ? Math.round(result.timings[s.name]!) : '–'}{fastest === s.name ? ' (fastest)' : ''}</td>
              <td>{s.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button data-action="recheck" onClick={run} disabled={running}>{running ? 'Checking…' : 'Check again'}</button>
      </p>
    </ComputeFrame>
  );
}
