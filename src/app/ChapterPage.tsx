import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { CHAPTERS, entryLabel } from '../../chapters/manifest';
import { components } from '../mdx/components';
import { BookToc, goToSection, type TocSection } from './BookToc';
import { chapterLoader, isReady } from './chapterModules';
import { watchWideMath } from './focusableScroll';

/**
 * A chapter: its MDX body, the book's contents in a sidebar (this chapter's sections expanded), and
 * previous/next links. `#/chapters/<slug>/<heading id>` opens the chapter at that section.
 */
export function ChapterPage() {
  const { slug = '', section } = useParams();
  const index = CHAPTERS.findIndex((c) => c.slug === slug && isReady(c));
  const entry = CHAPTERS[index];
  const load = chapterLoader(slug);
  const Body = useMemo(() => (load ? lazy(load) : null), [load]);
  const article = useRef<HTMLElement>(null);
  const [toc, setToc] = useState<TocSection[]>([]);

  useEffect(() => {
    document.title = entry ? `${entryLabel(entry, true)} ${entry.title} · Trainable` : 'Trainable';
    window.scrollTo(0, 0);
  }, [entry]);

  // The sidebar lists the sections once the lazily loaded body is in the DOM.
  useEffect(() => {
    const el = article.current;
    if (!el) return;
    const read = () => {
      const next = [...el.querySelectorAll('h2[id], h3[id]:not(.widget-title)')]
        .filter((h) => !h.closest('[data-widget]'))
        .map((h) => ({ id: h.id, text: h.textContent ?? '', level: h.tagName === 'H2' ? 2 : 3 }));
      setToc((old) => (old.length === next.length && old.every((t, i) => t.id === next[i].id) ? old : next));
    };
    read();
    const mo = new MutationObserver(read);
    mo.observe(el, { childList: true, subtree: false });
    const unwatch = watchWideMath(el);
    return () => {
      mo.disconnect();
      unwatch();
    };
  }, [Body]);

  // A section link (from search or a shared address) scrolls there once the body has rendered it: tried again
  // whenever the sections change, since the old chapter stays in the DOM, hidden, until the new one arrives.
  const scrolledTo = useRef('');
  useEffect(() => {
    const key = `${slug}/${section ?? ''}`;
    if (!section || scrolledTo.current === key) return;
    if (goToSection(section)) scrolledTo.current = key;
  }, [slug, section, toc]);

  if (!entry || !Body) {
    return (
      <main className="page">
        <p>This chapter is not written yet. <Link to="/">Back to the contents.</Link></p>
      </main>
    );
  }
  const prev = CHAPTERS.slice(0, index).reverse().find(isReady);
  const next = CHAPTERS.slice(index + 1).find(isReady);
  return (
    <div className="chapter-layout">
      <BookToc current={entry} sections={toc} />
      <main className="page chapter" ref={article}>
        <p className="chapter-number">{entryLabel(entry)}</p>
        <h1>{entry.title}</h1>
        <Suspense fallback={<p>Loading the chapter…</p>}>
          <Body components={components} />
        </Suspense>
        <nav className="prev-next" aria-label="Previous and next chapter">
          {prev ? <Link to={`/chapters/${prev.slug}`} rel="prev">← {entryLabel(prev, true)} {prev.title}</Link> : <span />}
          {next ? <Link to={`/chapters/${next.slug}`} rel="next">{entryLabel(next, true)} {next.title} →</Link> : <span />}
        </nav>
      </main>
    </div>
  );
}
