import { memo, useEffect, useId, useState } from 'react';
import type { ParamSpec, Schema } from './params';
import type { WidgetParams } from './useWidgetParams';

/** Controls generated from a widget's schema: sliders with a text box, selects, checkboxes, text lines; all labelled. */
export const ParamControls = memo(ParamControlsImpl) as typeof ParamControlsImpl;

function ParamControlsImpl<S extends Schema>({ params, keys }: { params: WidgetParams<S>; keys?: (keyof S | 'seed')[] }) {
  const names = (keys ?? (Object.keys(params.schema) as (keyof S)[])) as string[];
  return (
    <div className="param-controls">
      {names.map((k) => (
        <ParamControl key={k} name={k} spec={params.schema[k]} value={params.values[k as keyof typeof params.values] as number | string | boolean} onSet={(raw) => params.set(k as keyof S, raw)} />
      ))}
    </div>
  );
}

function ParamControl({ name, spec, value, onSet }: { name: string; spec: ParamSpec; value: number | string | boolean; onSet: (raw: string | number | boolean) => boolean }) {
  const id = useId();
  if (spec.kind === 'choice') {
    return (
      <label className="param" htmlFor={id} title={spec.help}>
        <span>{spec.label}</span>
        <select id={id} data-param={name} value={String(value)} onChange={(e) => onSet(e.target.value)}>
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {spec.optionLabels?.[o] ?? o}
            </option>
          ))}
        </select>
      </label>
    );
  }
  if (spec.kind === 'boolean') {
    return (
      <label className="param param-check" htmlFor={id} title={spec.help}>
        <input id={id} type="checkbox" data-param={name} checked={Boolean(value)} onChange={(e) => onSet(e.target.checked)} />
        <span>{spec.label}</span>
      </label>
    );
  }
  if (spec.kind === 'text') return <TextControl id={id} name={name} spec={spec} value={String(value)} onSet={onSet} />;
  return <NumberControl id={id} name={name} spec={spec} value={Number(value)} onSet={onSet} />;
}

/** A text box for a prompt or a sequence, committed on Enter or on leaving it; a refused text goes back to the last good one. */
function TextControl({ id, name, spec, value, onSet }: { id: string; name: string; spec: Extract<ParamSpec, { kind: 'text' }>; value: string; onSet: (raw: string) => boolean }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text !== value && !onSet(text)) setText(value);
  };
  return (
    <label className="param param-textline" htmlFor={id} title={spec.help}>
      <span>{spec.label}</span>
      <input
        id={id}
        data-param={name}
        value={text}
        maxLength={spec.maxLength}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          e.stopPropagation(); // typing must not trigger the frame's shortcuts
        }}
      />
    </label>
  );
}

/** A slider (log-scaled where the spec says so) beside a text box that accepts exact values. */
function NumberControl({ id, name, spec, value, onSet }: { id: string; name: string; spec: Extract<ParamSpec, { kind: 'number' }>; value: number; onSet: (raw: string | number) => boolean }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const toSlider = (v: number) => (spec.log ? Math.log10(v) : v);
  const fromSlider = (s: number) => (spec.log ? Number(Math.pow(10, s).toPrecision(2)) : s);
  const lo = toSlider(spec.min);
  const hi = toSlider(spec.max);
  const commit = () => {
    if (!onSet(text)) setText(String(value));
  };
  return (
    <div className="param" title={spec.help}>
      <label htmlFor={id}>{spec.label}</label>
      <input
        type="range"
        aria-label={`${spec.label} slider`}
        min={lo}
        max={hi}
        step={spec.log ? (hi - lo) / 100 : spec.step ?? (spec.integer ? 1 : (hi - lo) / 100)}
        value={toSlider(value)}
        onChange={(e) => onSet(fromSlider(Number(e.target.value)))}
      />
      <input
        id={id}
        className="param-text"
        data-param={name}
        inputMode="decimal"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          e.stopPropagation(); // typing a value must not trigger the frame's shortcuts
        }}
      />
    </div>
  );
}
