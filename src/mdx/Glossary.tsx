import { CHAPTERS, entryLabel } from '../../chapters/manifest';
import { GLOSSARY } from '../../chapters/glossary';
import titles from 'virtual:section-titles';
import { glossaryAnchor, sectionName } from './glossaryLinks';

/**
 * Appendix B's list: every term of chapters/glossary.ts in alphabetical order, its one-line definition,
 * and a link to the section that teaches it. Loaded with its page only (components.tsx), so the terms
 * stay out of the entry chunk.
 */
export default function Glossary() {
  const entries = [...GLOSSARY].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
  return (
    <dl className="glossary">
      {entries.map((e) => {
        const [slug, id] = e.at.split('#');
        const chapter = CHAPTERS.find((c) => c.slug === slug);
        return (
          <div key={e.term} className="glossary-entry" id={glossaryAnchor(e.term)}>
            <dt>{e.term}</dt>
            <dd>
              {e.def}{' '}
              <a href={`#/chapters/${slug}/${id}`}>{chapter ? `${entryLabel(chapter)}: ` : ''}{titles[e.at] ?? sectionName(id)}</a>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
