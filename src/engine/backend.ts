import * as tf from '@tensorflow/tfjs';

/** The backends the book knows, fastest-first for large models (the order fallbacks follow). */
export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export function isBackendName(s: string): s is BackendName {
  return (BACKENDS as readonly string[]).includes(s);
}

/** What we found out about one backend on this device. */
export interface BackendStatus {
  name: BackendName;
  ok: boolean;
  /** Why it failed, or a caveat such as a software WebGPU adapter. */
  note: string;
  /** A software GPU (SwiftShader WebGPU adapter or WebGL renderer): works, but slower than the CPU backends. */
  slow: boolean;
}

/** Hooks the host environment provides: in the browser these register wasm paths and query WebGPU adapters. */
export interface BackendHost {
  /** Returns true when a WebGPU adapter exists, and whether it is a fallback (software) adapter. */
  webgpuAdapter(): Promise<{ available: boolean; fallback: boolean }>;
  /** True when WebGL is drawn by a software renderer (SwiftShader, llvmpipe): no GPU behind it. */
  webglSoftware?(): Promise<boolean>;
}

const statusCache = new Map<BackendName, Promise<BackendStatus>>();

/** Tries to initialise one backend and run a tiny op on it. Cached: each backend is tried once per page. */
export function checkBackend(name: BackendName, host: BackendHost): Promise<BackendStatus> {
  let p = statusCache.get(name);
  if (!p) {
    p = tryBackend(name, host);
    statusCache.set(name, p);
  }
  return p;
}

async function tryBackend(name: BackendName, host: BackendHost): Promise<BackendStatus> {
  const fail = (note: string): BackendStatus => ({ name, ok: false, note, slow: false });
  let slow = false;
  let note = '';
  if (name === 'webgpu') {
    const a = await host.webgpuAdapter().catch(() => ({ available: false, fallback: false }));
    if (!a.available) return fail('no WebGPU adapter in this browser');
    slow = a.fallback;
    if (slow) note = 'software adapter (no real GPU): slow';
  }
  if (name === 'webgl' && (await host.webglSoftware?.().catch(() => false))) {
    slow = true;
    note = 'software renderer (no real GPU): slow';
  }
  if (!tf.findBackendFactory(name)) return fail('not registered in this build');
  const previous = tf.getBackend();
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return fail('failed to initialise');
    const t = tf.tidy(() => tf.sum(tf.mul(tf.tensor1d([1, 2, 3]), 2)));
    const [v] = await t.data();
    t.dispose();
    if (v !== 12) return fail(`wrong result from a test op (${v})`);
    return { name, ok: true, note, slow };
  } catch (e) {
    return fail(`failed: ${(e as Error).message ?? String(e)}`);
  } finally {
    if (previous && previous !== name) await tf.setBackend(previous).catch(() => false);
  }
}

/** Every backend's status, in BACKENDS order. */
export function checkAll(host: BackendHost): Promise<BackendStatus[]> {
  // Sequential: initialising two GPU backends at once can starve both.
  return BACKENDS.reduce<Promise<BackendStatus[]>>(
    async (acc, name) => [...(await acc), await checkBackend(name, host)],
    Promise.resolve([]),
  );
}

/** Result of choosing a backend for one kind of model. */
export interface BackendChoice {
  backend: BackendName;
  /** One sentence saying why, shown to the reader. */
  reason: string;
  /** Steps per second measured by the probe, per backend tried. */
  measured: Partial<Record<BackendName, number>>;
  /** Training steps run in plain JS (ModelSpec.plainJs); `backend` then serves only views and evaluation. */
  plainJs?: boolean;
}

/**
 * Adds plain-JS steps as one more candidate: `rate` is its probe on the chosen
 * backend. Taken only when faster than every tfjs backend measured, and said so.
 */
export function preferPlainJs(choice: BackendChoice, rate: number): BackendChoice {
  const tfRates = Object.entries(choice.measured).map(([n, r]) => `tfjs ${n} ${Math.round(r ?? 0)}`);
  const best = Math.max(0, ...Object.values(choice.measured).map((r) => r ?? 0));
  if (!(rate > best)) return { ...choice, reason: `${choice.reason}; plain JS steps ${Math.round(rate)}` };
  return {
    ...choice,
    plainJs: true,
    reason:
      `plain JS steps were fastest for this small network: ${Math.round(rate)} steps/s` +
      (tfRates.length ? ` (vs ${tfRates.join(', ')})` : '') +
      ': at this size tfjs spends longer launching kernels than doing the arithmetic',
  };
}

/**
 * Times `stepsFor(ms)` on each working backend and picks the fastest. A forced
 * backend is used when it works; otherwise the choice falls back and says so.
 * A software GPU (WebGPU or WebGL without a real GPU) is not probed unless forced:
 * it is always slower than wasm and cpu, and compiling its shaders can take tens of seconds.
 */
export async function chooseBackend(
  host: BackendHost,
  probe: (budgetMs: number) => Promise<number>,
  forced: BackendName | null,
  budgetMs = 150,
): Promise<BackendChoice> {
  const statuses = await checkAll(host);
  if (forced) {
    const s = statuses.find((x) => x.name === forced)!;
    if (s.ok) {
      await tf.setBackend(forced);
      return { backend: forced, reason: `${forced}, as the URL asked (?backend=${forced})`, measured: {} };
    }
    const next = statuses.find((x) => x.ok)!;
    await tf.setBackend(next.name);
    return { backend: next.name, reason: `${forced} was asked for but ${s.note}; using ${next.name}`, measured: {} };
  }
  const candidates = statuses.filter((s) => s.ok && !s.slow);
  const measured: Partial<Record<BackendName, number>> = {};
  for (const s of candidates) {
    try {
      await tf.setBackend(s.name);
      measured[s.name] = await probe(budgetMs);
    } catch {
      measured[s.name] = 0;
    }
  }
  const ranked = candidates.map((s) => s.name).sort((a, b) => (measured[b] ?? 0) - (measured[a] ?? 0));
  const best = ranked[0] ?? 'cpu';
  await tf.setBackend(best);
  const others = ranked.slice(1).map((n) => `${n} ${Math.round(measured[n] ?? 0)}`).join(', ');
  const skipped = statuses.filter((s) => s.ok && s.slow).map((s) => `${s.name} skipped (${s.note})`);
  const reason =
    `${best} was fastest for this model: ${Math.round(measured[best] ?? 0)} steps/s` +
    (others ? ` (vs ${others})` : '') +
    (skipped.length ? `; ${skipped.join('; ')}` : '');
  return { backend: best, reason, measured };
}

/** The next working backend after `failed`, for a fallback in the middle of a run. */
export async function fallbackAfter(failed: BackendName, host: BackendHost): Promise<BackendName> {
  statusCache.set(failed, Promise.resolve({ name: failed, ok: false, note: 'failed during training', slow: false }));
  const statuses = await checkAll(host);
  const next = statuses.find((s) => s.ok && s.name !== failed)?.name ?? 'cpu';
  await tf.setBackend(next);
  return next;
}
