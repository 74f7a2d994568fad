/**
 * What the search index holds, shared by the build-time builder (scripts/searchIndex.ts) and the page
 * (src/app/Search.tsx): MiniSearch.loadJSON needs the very options the index was built with.
 */
export interface SearchDoc {
  /** `<slug>/<anchor>`, or `<slug>/widget:<id>` for a widget: unique across the book. */
  id: string;
  slug: string;
  /** The element id to scroll to: a heading's id (for a widget, its section's), or '' for the chapter's top. */
  anchor: string;
  chapter: string;
  number: number;
  /** The section's heading (or the widget's title). */
  heading: string;
  /** A section, a widget, or a glossary term (anchored at the section that teaches it). */
  kind: 'section' | 'widget' | 'term';
  /** Terms the prose defines here (its bold phrases). */
  terms: string;
  /** Titles of the widgets in this section. */
  widgets: string;
  text: string;
}

export const SEARCH_INDEX_FILE = 'search-index.json';

export const SEARCH_OPTIONS = {
  fields: ['heading', 'terms', 'widgets', 'text', 'chapter'],
  storeFields: ['slug', 'anchor', 'chapter', 'number', 'heading', 'kind', 'text'],
  searchOptions: { boost: { heading: 4, terms: 3, widgets: 2, chapter: 1.5 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' as const },
};
