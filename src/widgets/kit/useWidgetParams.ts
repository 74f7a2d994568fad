import { useCallback, useEffect, useMemo, useState } from 'react';
import { PARAMS_CHANGED, widgetIdsIn } from './presetLinks';
import { decodeParams, encodeParams, parseValue, SEED_SPEC, withPreset, type Schema, type Values } from './params';

export type WithSeed<S extends Schema> = S & { seed: typeof SEED_SPEC };

export interface WidgetParams<S extends Schema> {
  schema: WithSeed<S>;
  values: Values<WithSeed<S>>;
  /** Messages about refused values (from the URL, a preset or a text box). */
  errors: string[];
  /** Sets one value from a control; a bad raw string is refused, reported, and the last good value kept. */
  set(key: keyof S | 'seed', raw: string | number | boolean): boolean;
  /** Replaces several values at once (preset buttons). */
  assign(patch: Partial<Values<WithSeed<S>>>): void;
  dismissErrors(): void;
  /** A link that restores this widget's exact settings and seed; `extra` adds widget-specific keys (e.g. dragged points). */
  shareUrl(extra?: Record<string, string>): string;
}

/**
 * A widget's hyperparameters: the chapter's preset over the schema defaults,
 * then the URL's values over those, all validated against the one schema.
 */
export function useWidgetParams<S extends Schema>(
  widgetId: string,
  schema: S,
  preset: Partial<Record<keyof S | 'seed', unknown>> = {},
  /** URL keys the widget encodes and decodes itself (see shareUrl's `extra`). */
  extraKeys: readonly string[] = [],
): WidgetParams<S> {
  const full = useMemo(() => ({ ...schema, seed: SEED_SPEC }) as WithSeed<S>, [schema]);
  const [state, setState] = useState(() => {
    const p = withPreset(full, preset as Partial<Record<keyof WithSeed<S>, unknown>>);
    const u = decodeParams(widgetId, full, new URLSearchParams(window.location.search), p.values, extraKeys);
    return { values: u.values, errors: [...p.errors, ...u.errors], base: p.values };
  });

  // A preset link naming this widget replaces its values by the chapter preset plus the link's values.
  useEffect(() => {
    const onChange = () => {
      const search = new URLSearchParams(window.location.search);
      if (!widgetIdsIn(search).includes(widgetId)) return;
      setState((s) => {
        const u = decodeParams(widgetId, full, search, s.base, extraKeys);
        return { ...s, values: u.values, errors: u.errors };
      });
    };
    window.addEventListener(PARAMS_CHANGED, onChange);
    window.addEventListener('popstate', onChange);
    return () => {
      window.removeEventListener(PARAMS_CHANGED, onChange);
      window.removeEventListener('popstate', onChange);
    };
    // extraKeys is a literal array at each call site: compare by content, not identity.
  }, [widgetId, full, extraKeys.join(',')]);

  const set = useCallback(
    (key: keyof S | 'seed', raw: string | number | boolean) => {
      const spec = full[key as string];
      const r = parseValue(spec, String(raw));
      setState((s) => (r.ok ? { ...s, values: { ...s.values, [key]: r.value }, errors: [] } : { ...s, errors: [`${r.message}; kept ${String(s.values[key as keyof typeof s.values])}.`] }));
      return r.ok;
    },
    [full],
  );

  const assign = useCallback((patch: Partial<Values<WithSeed<S>>>) => setState((s) => ({ ...s, values: { ...s.values, ...patch }, errors: [] })), []);
  const dismissErrors = useCallback(() => setState((s) => ({ ...s, errors: [] })), []);

  const shareUrl = useCallback((extra: Record<string, string> = {}) => {
    const loc = window.location;
    const params = new URLSearchParams(loc.search);
    for (const k of [...params.keys()]) if (k.startsWith(`${widgetId}.`)) params.delete(k);
    // The seed always goes in: a link names the exact run, not "whatever the default is today".
    const own = encodeParams(widgetId, full, state.values, { ...state.base, seed: Number.NaN } as Values<WithSeed<S>>);
    for (const [k, v] of own) params.set(k, v);
    for (const [k, v] of Object.entries(extra)) params.set(`${widgetId}.${k}`, v);
    const q = params.toString();
    return `${loc.origin}${loc.pathname}${q ? `?${q}` : ''}${loc.hash}`;
  }, [widgetId, full, state]);

  // One object per change of values, so memoised controls skip the renders a training widget does every frame.
  return useMemo(
    () => ({ schema: full, values: state.values, errors: state.errors, set, assign, dismissErrors, shareUrl }),
    [full, state.values, state.errors, set, assign, dismissErrors, shareUrl],
  );
}
