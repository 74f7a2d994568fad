import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { CHAPTERS, entryLabel } from '../../chapters/manifest';
import { components } from '../mdx/components';
import { chapterLoader, isReady } from './chapterModules';

interface TocItem {
  id: string;
  text: string;
  level: number;
}

/** A chapter: its MDX body, a sidebar of its sections, and previous/next links. */
export function ChapterPage() {
  const { slug = '' } = useParams();
  const index = CHAPTERS.findIndex((c) => c.slug === slug && isReady(c));
  const entry = CHAPTERS[index];
  const load = chapterLoader(slug);
  const Body = useMemo(() => (load ? lazy(load) : null), [load]);
  const article = useRef<HTMLElement>(null);
  const [toc, setToc] = useState<TocItem[]>([]);

  useEffect(() => {
    document.title = entry ? `${entryLabel(entry, true)} ${entry.title} · Trainable` : 'Trainable';
    window.scrollTo(0, 0);
  }, [entry]);

  // The sidebar lists the sections once the lazily loaded body is in the DOM.
  useEffect(() => {
    const el = article.current;
    if (!el) return;
    const read = () =>
      setToc([...el.querySelectorAll('h2[id], h3[id]:not(.widget-title)')].map((h) => ({ id: h.id, text: h.textContent ?? '', level: h.tagName === 'H2' ? 2 : 3 })));
    read();
    const mo = new MutationObserver(read);
    mo.observe(el, { childList: true, subtree: false });
    return () => mo.disconnect();
  }, [Body]);

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
      <nav className="sidebar" aria-label="Sections of this chapter">
        <p className="sidebar-title">{entryLabel(entry, true)} {entry.title}</p>
        <ul>
          {toc.map((t) => (
            <li key={t.id} className={`toc-l${t.level}`}>
              <a href={`#${t.id}`} onClick={(e) => { e.preventDefault(); document.getElementById(t.id)?.scrollIntoView(); }}>{t.text}</a>
            </li>
          ))}
        </ul>
      </nav>
      <main className="page chapter" ref={article}>
        <p className="chapter-number">{entryLabel(entry)}</p>
        <h1>{entry.title}</h1>
        <Suspense fallback={<p>Loading the chapter…</p>}>
          <Body components={components} />
        </Suspense>
        <nav className="prev-next" aria-label="Chapters">
          {prev ? <Link to={`/chapters/${prev.slug}`} rel="prev">← {entryLabel(prev, true)} {prev.title}</Link> : <span />}
          {next ? <Link to={`/chapters/${next.slug}`} rel="next">{entryLabel(next, true)} {next.title} →</Link> : <span />}
        </nav>
      </main>
    </div>
  );
}
