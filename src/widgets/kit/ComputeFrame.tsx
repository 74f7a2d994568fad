import type { ReactNode } from 'react';

/**
 * The frame of a widget that computes but does not train: same look and the
 * same testing contract (data-widget, data-state="idle"), no transport buttons.
 */
export function ComputeFrame({ id, title, errors = [], children, summary, className }: { id: string; title: string; errors?: string[]; children: ReactNode; summary?: string; className?: string }) {
  return (
    <section className={className ? `widget ${className}` : 'widget'} data-widget={id} id={`widget-${id}`} data-state="idle" data-step={0} data-loss="" aria-label={title}>
      <header className="widget-head">
        <h3 className="widget-title">{title}</h3>
      </header>
      {errors.map((e, i) => (
        <p key={i} className="widget-alert" role="alert" data-error>{e}</p>
      ))}
      <div className="widget-body">{children}</div>
      {summary && <p className="widget-summary">{summary}</p>}
    </section>
  );
}
