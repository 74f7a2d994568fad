import { useCallback, useEffect, useRef, useState } from 'react';
import type MiniSearch from 'minisearch';
import { goToSection } from './BookToc';
import { SEARCH_INDEX_FILE, SEARCH_OPTIONS, type SearchDoc } from './searchOptions';
import { snippet } from './searchSnippet';

type Hit = SearchDoc & { score: number; terms: string[] };
const MAX_HITS = 20;

let loading: Promise<MiniSearch<SearchDoc>> | null = null;
/** The index and MiniSearch itself are fetched the first time search opens, never with the page. */
function loadIndex(): Promise<MiniSearch<SearchDoc>> {
  loading ??= Promise.all([
    import('minisearch'),
    fetch(new URL(SEARCH_INDEX_FILE, document.baseURI)).then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.text();
    }),
  ]).then(([m, json]) => m.default.loadJSON<SearchDoc>(json, SEARCH_OPTIONS));
  loading.catch(() => (loading = null)); // a later open tries again
  return loading;
}

const typing = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));

/**
 * Full-text search over every chapter: a button in the top bar, or `/` anywhere. Keyboard: type, arrow
 * down into the results, arrows to move, Enter to open one, Escape to close.
 */
export function Search() {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [index, setIndex] = useState<MiniSearch<SearchDoc> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');

  const open = useCallback(() => {
    const d = dialog.current;
    if (!d || d.open) return;
    d.showModal();
    input.current?.select();
    if (!index) loadIndex().then(setIndex, (e: Error) => setError(`The search index did not load (${e.message}). Try again when online.`));
  }, [index]);
  const close = () => dialog.current?.close();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      e.preventDefault();
      open();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  const hits: Hit[] = index && query.trim() ? (index.search(query) as unknown as Hit[]).slice(0, MAX_HITS) : [];

  const links = () => [...(list.current?.querySelectorAll<HTMLAnchorElement>('a') ?? [])];
  const onListKey = (e: React.KeyboardEvent) => {
    const all = links();
    const i = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (e.key === 'ArrowDown') all[Math.min(i + 1, all.length - 1)]?.focus();
    else if (e.key === 'ArrowUp') (i <= 0 ? input.current : all[i - 1])?.focus();
    else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey) input.current?.focus(); // typing goes back to the box
    else return;
    if (e.key.length !== 1) e.preventDefault();
  };

  const follow = (h: Hit) => {
    close();
    // Already on that chapter and section: the route does not change, so scroll here.
    setTimeout(() => h.anchor && goToSection(h.anchor), 0);
  };

  return (
    <>
      <button className="search-open" onClick={open} aria-keyshortcuts="/" aria-haspopup="dialog">
        Search <kbd aria-hidden="true">/</kbd>
      </button>
      <dialog ref={dialog} className="search-dialog" aria-label="Search the book" onClick={(e) => e.target === dialog.current && close()}>
        <div className="search-box">
          <input
            ref={input}
            type="search"
            placeholder="Search every chapter: prose, headings, figures, terms"
            aria-label="Search the book"
            aria-controls="search-results"
            data-search-input
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault(); // a search box would clear itself first; Escape closes search at once
                close();
                return;
              }
              if (e.key === 'ArrowDown' || (e.key === 'Enter' && hits.length)) {
                e.preventDefault();
                if (e.key === 'Enter') links()[0]?.click();
                else links()[0]?.focus();
              }
            }}
          />
          <button onClick={close}>Close</button>
        </div>
        <p className="search-status" role="status">
          {error ?? (!index ? 'Loading the index…' : query.trim() ? `${hits.length ? hits.length : 'No'} result${hits.length === 1 ? '' : 's'}` : 'Type to search.')}
        </p>
        <ul id="search-results" className="search-results" ref={list} onKeyDown={onListKey}>
          {hits.map((h) => (
            <li key={h.id}>
              <a href={`#/chapters/${h.slug}${h.anchor ? `/${h.anchor}` : ''}`} onClick={() => follow(h)} data-search-hit={h.id}>
                <span className="search-where">{h.chapter}{h.kind === 'widget' ? ' · interactive figure' : h.kind === 'term' ? ' · glossary' : ''}</span>
                <span className="search-heading">{h.heading}</span>
                <span className="search-snippet">
                  {snippet(h.text, h.terms).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
                </span>
              </a>
            </li>
          ))}
        </ul>
      </dialog>
    </>
  );
}
