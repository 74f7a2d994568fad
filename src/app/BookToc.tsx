import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { CHAPTERS, entryLabel, type ChapterEntry } from '../../chapters/manifest';
import { isReady } from './chapterModules';
import { useScrollSpy } from './useScrollSpy';

export interface TocSection {
  id: string;
  text: string;
  level: number;
}

/**
 * The sidebar: the whole book's contents, the open chapter expanded into its sections with the one being
 * read highlighted (aria-current), and chapters not yet written listed as in preparation.
 */
export function BookToc({ current, sections }: { current: ChapterEntry; sections: TocSection[] }) {
  const active = useScrollSpy(sections.map((s) => s.id));
  const nav = useRef<HTMLElement>(null);

  // Keep the highlighted section visible when the sidebar itself scrolls (a long book on a short screen).
  useEffect(() => {
    const box = nav.current;
    const item = active ? box?.querySelector<HTMLElement>(`a[data-section="${CSS.escape(active)}"]`) : null;
    if (!box || !item) return;
    const top = item.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - item.offsetHeight) box.scrollTop = top - box.clientHeight / 3;
  }, [active]);

  return (
    <nav className="sidebar" aria-label="Contents" ref={nav}>
      <p className="sidebar-title"><Link to="/">Contents</Link></p>
      <ol className="book-toc">
        {CHAPTERS.map((c) => {
          const here = c.slug === current.slug;
          if (!isReady(c)) {
            return (
              <li key={c.slug} className="toc-planned">
                <span>{entryLabel(c, true)} {c.title}</span> <span className="toc-tag">in preparation</span>
              </li>
            );
          }
          return (
            <li key={c.slug} className={here ? 'toc-current' : undefined}>
              <Link to={`/chapters/${c.slug}`} aria-current={here ? 'page' : undefined}>{entryLabel(c, true)} {c.title}</Link>
              {here && sections.length > 0 && (
                <ul className="toc-sections" aria-label={`Sections of ${entryLabel(c)}`}>
                  {sections.map((s) => (
                    <li key={s.id} className={`toc-l${s.level}`}>
                      <Link
                        to={`/chapters/${c.slug}/${s.id}`}
                        replace
                        data-section={s.id}
                        className={s.id === active ? 'active' : undefined}
                        aria-current={s.id === active ? 'location' : undefined}
                        onClick={() => goToSection(s.id)}
                      >
                        {s.text}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

/** Scrolls to a section's heading and moves keyboard focus there, so Tab continues from the section. */
export function goToSection(id: string): boolean {
  const h = document.getElementById(id);
  if (!h || !h.getClientRects().length) return false; // absent, or in a page being replaced
  h.scrollIntoView();
  if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
  h.focus({ preventScroll: true });
  return true;
}
