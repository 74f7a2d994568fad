/**
 * The search index: every section a chapter renders is a document whose anchor is the id the heading gets
 * on the page (the same remark pipeline and rehypeHeadingIds), widgets are documents of their own, and
 * queries for prose, headings, widget titles and bold terms find the right place.
 */
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { CHAPTERS } from '../../chapters/manifest';
import { GLOSSARY } from '../../chapters/glossary';
import { buildSearchIndex, inlineMathText } from '../../scripts/searchIndex';
import { SEARCH_OPTIONS, type SearchDoc } from '../../src/app/searchOptions';
import { snippet } from '../../src/app/searchSnippet';
import { renderedIds, ROOT } from './support/renderedIds';

const { json, docs } = buildSearchIndex(ROOT, CHAPTERS);
const written = [...new Set(docs.filter((d) => d.kind !== 'term').map((d) => d.slug))];

describe('search index', () => {
  it('covers every written chapter', () => {
    expect(written.length).toBeGreaterThanOrEqual(7);
  });

  for (const slug of written) {
    it(`${slug}: one section document per rendered heading, anchored at its id`, () => {
      const anchors = docs.filter((d) => d.slug === slug && d.kind === 'section' && d.anchor).map((d) => d.anchor);
      expect(anchors).toEqual(renderedIds(slug));
    });
  }

  it('loads on the page side with the shared options and finds prose, headings, widget titles and terms', () => {
    const ms = MiniSearch.loadJSON<SearchDoc>(json, SEARCH_OPTIONS);
    const top = (q: string) => ms.search(q)[0] as unknown as SearchDoc & { score: number };
    expect(top('cross-entropy').slug).toBe('02-classification');
    const fit = top('Fit a line by gradient descent');
    expect(fit).toMatchObject({ slug: '01-linear-regression', kind: 'widget', heading: 'Fit a line by gradient descent' });
    expect(renderedIds('01-linear-regression')).toContain(fit.anchor); // its section's heading
    expect(top('perceptron').slug).toBe('03-mlp-backprop');
    expect(top('logit').slug).toBe('02-classification'); // a bold term
    expect(top('LeNet').slug).toBe('06-cnn');
    expect(top('convolution kernel').slug).toBe('06-cnn');
    expect(ms.search('zzzqqq')).toEqual([]);
  });

  it('finds glossary terms, each anchored at the heading that teaches it', () => {
    const ms = MiniSearch.loadJSON<SearchDoc>(json, SEARCH_OPTIONS);
    const terms = docs.filter((d) => d.kind === 'term');
    expect(terms.length).toBe(GLOSSARY.length);
    const hit = ms.search('receptive field').find((h) => h.kind === 'term') as unknown as SearchDoc;
    expect(hit).toMatchObject({ slug: '06-cnn', anchor: 'how-far-one-unit-can-see', heading: 'receptive field' });
    // glossary.test.ts checks every such heading exists; here, that each term document points where its entry says.
    expect(terms.map((t) => `${t.slug}#${t.anchor}`)).toEqual(GLOSSARY.map((e) => e.at));
  });

  it('keeps inline math in the prose as readable text', () => {
    expect(inlineMathText('\\eta = 0.1')).toBe('η = 0.1');
    expect(inlineMathText('\\mathbf{X}^\\top \\mathbf y')).toBe('X^⊤ y');
    expect(inlineMathText('\\boldsymbol\\theta \\leftarrow \\boldsymbol\\theta - \\eta \\mathbf{g}')).toBe('θ ← θ - η g');
    expect(inlineMathText('\\frac{\\partial L}{\\partial \\mathbf{w}}')).toBe('(∂ L)/(∂ w)');
    expect(inlineMathText('\\tfrac12 \\lVert \\mathbf{w} \\rVert^2')).toBe('1/2 ‖ w ‖^2');
    expect(inlineMathText('\\begin{pmatrix} 2 & 3 \\\\ 3 & 2 \\end{pmatrix}')).toBe('( 2, 3; 3, 2 )');
    // In the index: chapter 4's momentum rate keeps its κ, and its snippet shows it.
    const momentum = docs.find((d) => d.id === '04-optimisation/momentum-rate')!;
    expect(momentum.text).toMatch(/κ/);
    const every = docs.map((d) => d.text).join(' ');
    expect(every).toMatch(/η = 0\.1/);
    expect(snippet(momentum.text, ['κ']).some((p) => p.mark && p.text === 'κ')).toBe(true);
  });

  it('keeps math source and code out of the prose', () => {
    const text = docs.map((d) => d.text).join(' ');
    expect(text).not.toMatch(/\\frac|\\mathbf/);
    expect(text).not.toMatch(/import \{/);
  });

  it('is small enough to fetch when search opens', () => {
    expect(json.length).toBeLessThan(1_500_000);
    console.log(`[search] ${docs.length} documents, ${(json.length / 1024).toFixed(0)} KiB of JSON`);
  });
});
