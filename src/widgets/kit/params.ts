/**
 * Hyperparameters declared once per widget: type, default, bounds, label. The
 * controls, validation and the share-link codec all derive from this declaration.
 */
export type ParamSpec =
  | { kind: 'number'; label: string; default: number; min: number; max: number; step?: number; integer?: boolean; log?: boolean; help?: string }
  | { kind: 'choice'; label: string; default: string; options: readonly string[]; optionLabels?: Readonly<Record<string, string>>; help?: string }
  | { kind: 'boolean'; label: string; default: boolean; help?: string }
  /**
   * Text the reader types (a prompt, a sequence): at most `maxLength` characters, each matching `allowed` when given
   * (`allowedHint` says which in words). Kept exactly (no trimming); in a share link only up to URL_TEXT_MAX characters.
   */
  | { kind: 'text'; label: string; default: string; maxLength: number; allowed?: RegExp; allowedHint?: string; help?: string };

/** Longer text stays out of share links (links over a couple of thousand characters break in mail and chat). */
export const URL_TEXT_MAX = 500;

export type Schema = Record<string, ParamSpec>;

/** The value type each spec describes; a choice declared `as const` keeps its options' literal types. */
export type ValueOf<P extends ParamSpec> = P extends { kind: 'number' } ? number : P extends { kind: 'choice'; options: readonly (infer O)[] } ? O : P extends { kind: 'text' } ? string : boolean;
export type Values<S extends Schema> = { [K in keyof S]: ValueOf<S[K]> };

/** Every widget also carries a seed, so that a share link reproduces its run exactly. */
export const SEED_SPEC = { kind: 'number', label: 'Seed', default: 1, min: 0, max: 2147483647, integer: true, help: 'Same seed, same data, same initial weights, same curve.' } as const satisfies ParamSpec;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parses one raw string (from a text box or a URL) against its spec. */
export function parseValue(spec: ParamSpec, raw: string): Parsed<number | string | boolean> {
  if (spec.kind === 'text') {
    if (raw.length > spec.maxLength) return { ok: false, message: `${spec.label}: ${raw.length} characters is more than ${spec.maxLength}` };
    const bad = spec.allowed ? [...raw].find((ch) => !spec.allowed!.test(ch)) : undefined;
    if (bad !== undefined) return { ok: false, message: `${spec.label}: "${bad}" is not allowed${spec.allowedHint ? ` (${spec.allowedHint})` : ''}` };
    return { ok: true, value: raw };
  }
  const s = raw.trim();
  switch (spec.kind) {
    case 'number': {
      if (s === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return { ok: false, message: `${spec.label}: "${raw}" is not a number` };
      const v = Number(s);
      if (!Number.isFinite(v)) return { ok: false, message: `${spec.label}: "${raw}" is not a finite number` };
      if (spec.integer && !Number.isInteger(v)) return { ok: false, message: `${spec.label}: must be a whole number, got ${raw}` };
      if (v < spec.min || v > spec.max) return { ok: false, message: `${spec.label}: ${raw} is outside ${spec.min} to ${spec.max}` };
      return { ok: true, value: v };
    }
    case 'choice':
      if (!spec.options.includes(s)) return { ok: false, message: `${spec.label}: "${raw}" is not one of ${spec.options.join(', ')}` };
      return { ok: true, value: s };
    case 'boolean':
      if (s === 'true' || s === '1') return { ok: true, value: true };
      if (s === 'false' || s === '0') return { ok: true, value: false };
      return { ok: false, message: `${spec.label}: "${raw}" is not true or false` };
  }
}

/** Formats a value so that parseValue gives it back exactly. */
export function formatValue(spec: ParamSpec, value: number | string | boolean): string {
  if (spec.kind === 'number') return String(value);
  return String(value);
}

export function defaults<S extends Schema>(schema: S): Values<S> {
  const out = {} as Record<string, unknown>;
  for (const [k, spec] of Object.entries(schema)) out[k] = spec.default;
  return out as Values<S>;
}

/** Applies a preset (literal props from a chapter) on top of the defaults; bad preset values are reported too. */
export function withPreset<S extends Schema>(schema: S, preset: Partial<Record<keyof S, unknown>>): { values: Values<S>; errors: string[] } {
  const values = defaults(schema) as Record<string, unknown>;
  const errors: string[] = [];
  for (const [k, v] of Object.entries(preset)) {
    const spec = schema[k];
    if (!spec || v === undefined) continue;
    const r = parseValue(spec, String(v));
    if (r.ok) values[k] = r.value;
    else errors.push(`preset ${r.message}`);
  }
  return { values: values as Values<S>, errors };
}

/** URL keys are namespaced per widget: `fit.lr=0.1`. */
export function urlKey(widgetId: string, key: string): string {
  return `${widgetId}.${key}`;
}

/** Writes every value that differs from `base` into URL search params. */
export function encodeParams<S extends Schema>(widgetId: string, schema: S, values: Values<S>, base: Values<S> = defaults(schema)): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, spec] of Object.entries(schema)) {
    const v = values[k as keyof S] as number | string | boolean;
    if (spec.kind === 'text' && String(v).length > URL_TEXT_MAX) continue;
    if (v !== base[k as keyof S]) out.set(urlKey(widgetId, k), formatValue(spec, v));
  }
  return out;
}

/**
 * Reads this widget's values from URL search params (keys in `extraKeys` belong to the widget and are skipped). A bad value is refused with
 * a message and the value from `fallback` is kept; unknown keys are reported.
 */
export function decodeParams<S extends Schema>(widgetId: string, schema: S, search: URLSearchParams, fallback: Values<S>, extraKeys: readonly string[] = []): { values: Values<S>; errors: string[] } {
  const values = { ...fallback } as Record<string, unknown>;
  const errors: string[] = [];
  const prefix = `${widgetId}.`;
  for (const [key, raw] of search) {
    if (!key.startsWith(prefix)) continue;
    const name = key.slice(prefix.length);
    if (extraKeys.includes(name)) continue; // the widget reads these itself
    const spec = schema[name];
    if (!spec) {
      errors.push(`Unknown setting "${key}" in the link was ignored.`);
      continue;
    }
    const r = parseValue(spec, raw);
    if (r.ok) values[name] = r.value;
    else errors.push(`${r.message}; kept ${formatValue(spec, values[name] as number | string | boolean)}.`);
  }
  return { values: values as Values<S>, errors };
}
