/** Names for glossary links, shared by the page (Glossary.tsx) and the search index (scripts/searchIndex.ts). */

/** The element id of a term's entry on the glossary page: `term-` and its slug. */
export function glossaryAnchor(term: string): string {
  return `term-${term.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
}

/** A heading id read as words ("the-loss-surface-is-a-bowl" → "The loss surface is a bowl"), for link text. */
export function sectionName(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
