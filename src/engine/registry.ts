import type { ModelSpec } from './model';

/**
 * Every model kind the worker can build, collected from the `*Spec` exports of
 * src/engine/models/*.ts, so that a chapter adds a model by adding a file.
 */
const modules = import.meta.glob<Record<string, unknown>>('./models/*.ts', { eager: true });

function isSpec(v: unknown): v is ModelSpec<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as ModelSpec<unknown>).kind === 'string' && typeof (v as ModelSpec<unknown>).create === 'function';
}

const specs = new Map<string, ModelSpec<unknown>>();
for (const [file, mod] of Object.entries(modules)) {
  for (const [name, value] of Object.entries(mod)) {
    if (!name.endsWith('Spec') || !isSpec(value)) continue;
    if (specs.has(value.kind)) throw new Error(`model kind "${value.kind}" is defined twice (${file})`);
    specs.set(value.kind, value);
  }
}

export function modelSpec(kind: string): ModelSpec<unknown> {
  const s = specs.get(kind);
  if (!s) throw new Error(`unknown model kind "${kind}"`);
  return s;
}
