import type { ModelSpec } from './model';

/** A spec of any kind, as the worker handles it: configs, views, requests and answers are opaque here. */
export type AnySpec = ModelSpec<unknown, unknown, unknown, unknown>;

/**
 * Every model kind the worker can build, collected from the `*Spec` exports of
 * src/engine/models/*.ts, so that a chapter adds a model by adding a file.
 */
const modules = import.meta.glob<Record<string, unknown>>('./models/*.ts', { eager: true });

function isSpec(v: unknown): v is AnySpec {
  return typeof v === 'object' && v !== null && typeof (v as AnySpec).kind === 'string' && typeof (v as AnySpec).create === 'function';
}

const specs = new Map<string, AnySpec>();
for (const [file, mod] of Object.entries(modules)) {
  for (const [name, value] of Object.entries(mod)) {
    if (!name.endsWith('Spec') || !isSpec(value)) continue;
    if (specs.has(value.kind)) throw new Error(`model kind "${value.kind}" is defined twice (${file})`);
    specs.set(value.kind, value);
  }
}

/** Adds a kind that has no file under models/ (a test's model); a kind already taken throws. */
export function registerSpec(spec: AnySpec): void {
  if (specs.has(spec.kind)) throw new Error(`model kind "${spec.kind}" is defined twice`);
  specs.set(spec.kind, spec);
}

/** The spec registered for `kind`; throws for an unknown kind. */
export function modelSpec(kind: string): AnySpec {
  const s = specs.get(kind);
  if (!s) throw new Error(`unknown model kind "${kind}"`);
  return s;
}

/** Every registered kind. */
export function modelKinds(): string[] {
  return [...specs.keys()];
}
