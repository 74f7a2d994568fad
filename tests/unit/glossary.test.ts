/** The glossary: every term unique, defined in one line, and linked to a heading that exists in its chapter. */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHAPTERS } from '../../chapters/manifest';
import { GLOSSARY } from '../../chapters/glossary';
import { glossaryAnchor, sectionName } from '../../src/mdx/glossaryLinks';
import { renderedIds, ROOT } from './support/renderedIds';

describe('glossary', () => {
  it('terms are unique (ignoring case), and so are their anchors on the page', () => {
    const keys = GLOSSARY.map((e) => e.term.toLowerCase());
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    const anchors = GLOSSARY.map((e) => glossaryAnchor(e.term));
    expect(new Set(anchors).size).toBe(anchors.length);
  });

  it('every entry links to a heading its chapter renders', () => {
    const ids = new Map<string, string[]>();
    const broken: string[] = [];
    for (const e of GLOSSARY) {
      const [slug, id] = e.at.split('#');
      const chapter = CHAPTERS.find((c) => c.slug === slug);
      if (!chapter || !existsSync(join(ROOT, 'chapters', slug, 'index.mdx'))) {
        broken.push(`${e.term}: no chapter ${slug}`);
        continue;
      }
      if (!ids.has(slug)) ids.set(slug, renderedIds(slug));
      if (!ids.get(slug)!.includes(id)) broken.push(`${e.term}: no heading #${id} in ${slug}`);
    }
    expect(broken).toEqual([]);
  });

  it('every definition is one sentence of its own, and chapters 0-8 have at least six terms each', () => {
    for (const e of GLOSSARY) {
      expect(e.def.length, e.term).toBeLessThan(200);
      expect(e.def, e.term).toMatch(/^[A-Z'].*\.$/);
      expect(e.def.toLowerCase().startsWith(e.term.toLowerCase() + ' is'), e.term).toBe(false);
    }
    for (let n = 0; n <= 8; n++) {
      const slug = CHAPTERS.find((c) => c.number === n)!.slug;
      expect(GLOSSARY.filter((e) => e.at.startsWith(`${slug}#`)).length, slug).toBeGreaterThanOrEqual(6);
    }
  });

  it('link text reads the heading id as words, and anchors are slugs', () => {
    expect(sectionName('the-loss-surface-is-a-bowl')).toBe('The loss surface is a bowl');
    expect(glossaryAnchor('Huber loss')).toBe('term-huber-loss');
    expect(glossaryAnchor('cross-entropy')).toBe('term-cross-entropy');
  });
});
