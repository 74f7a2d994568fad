import { useState, type ReactNode } from 'react';
import { followPreset } from '../widgets/kit/presetLinks';

/** Chapters' teaching blocks: the tags authors use instead of raw HTML. */

export function Intro({ children }: { children: ReactNode }) {
  return <div className="intro">{children}</div>;
}

export function YouWillLearn({ children }: { children: ReactNode }) {
  return (
    <aside className="box learn" aria-label="You will learn">
      <p className="box-title">You will learn</p>
      {children}
    </aside>
  );
}

export function DeepDive({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="box deep-dive">
      <summary>Deep dive: {title}</summary>
      {children}
    </details>
  );
}

export function TryThis({ children }: { children: ReactNode }) {
  return (
    // A note, not a landmark: a chapter has many of these, and landmarks must have unique names.
    <div className="box try" role="note" aria-label="What to try">
      <p className="box-title">What to try</p>
      {children}
    </div>
  );
}

export function Recap({ children }: { children: ReactNode }) {
  return (
    <aside className="box recap" aria-label="Recap">
      <p className="box-title">Recap</p>
      {children}
    </aside>
  );
}

export function Exercises({ children }: { children: ReactNode }) {
  return <ol className="exercises">{children}</ol>;
}

export function Exercise({ children }: { children: ReactNode }) {
  return <li className="exercise">{children}</li>;
}

export function Hint({ children }: { children: ReactNode }) {
  return <Reveal label="Hint">{children}</Reveal>;
}

export function Solution({ children }: { children: ReactNode }) {
  return <Reveal label="Solution">{children}</Reveal>;
}

function Reveal({ label, children }: { label: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="reveal">
      <button aria-expanded={open} onClick={() => setOpen(!open)}>{open ? `Hide ${label.toLowerCase()}` : `Show ${label.toLowerCase()}`}</button>
      {open && <div className="reveal-body">{children}</div>}
    </div>
  );
}

/** A figure at body, page or screen width, with an optional caption. */
export function Figure({ width = 'body', caption, children }: { width?: 'body' | 'page' | 'screen'; caption?: string; children: ReactNode }) {
  return (
    <figure className={`figure figure-${width}`}>
      {children}
      {caption && <figcaption>{caption}</figcaption>}
    </figure>
  );
}

/** A link that applies settings to a widget on this page in place, e.g. a "what to try" preset; still a real, shareable link. */
export function Preset({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a
      className="preset"
      href={href}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return; // let the reader open it in a new tab
        e.preventDefault();
        followPreset(href);
      }}
    >
      {children}
    </a>
  );
}
