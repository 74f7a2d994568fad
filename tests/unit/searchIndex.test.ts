/**
 * The search index: every section a chapter renders is a document whose anchor is the id the heading gets
 * on the page (the same remark pipeline and rehypeHeadingIds), widgets are documents of their own, and
 * queries for prose, headings, widget titles and bold terms find the right place.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkFrontmatter from 'remark-frontmatter';
import remarkRehype from 'remark-rehype';
import { describe, expect, it } from 'vitest';
import { CHAPTERS } from '../../chapters/manifest';
import { buildSearchIndex } from '../../scripts/searchIndex';
import { rehypeHeadingIds } from '../../scripts/rehypeHeadingIds';
import { SEARCH_OPTIONS, type SearchDoc } from '../../src/app/searchOptions';

const ROOT = join(__dirname, '../..');
const { json, docs } = buildSearchIndex(ROOT, CHAPTERS);
const written = [...new Set(docs.map((d) => d.slug))];

type HNode = { type: string; tagName?: string; properties?: Record<string, unknown>; children?: HNode[] };

/** The heading ids the page will carry, from the same remark pipeline vite.config.ts runs. */
function renderedIds(slug: string): string[] {
  const source = readFileSync(join(ROOT, 'chapters', slug, 'index.mdx'), 'utf8');
  const mdx = ['mdxjsEsm', 'mdxFlowExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxTextExpression'] as const;
  const proc = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter).use(remarkGfm).use(remarkMath).use(remarkRehype, { passThrough: [...mdx] });
  const hast = proc.runSync(proc.parse(source)) as HNode;
  rehypeHeadingIds()(hast as never, { path: slug });
  const ids: string[] = [];
  const visit = (n: HNode) => {
    if (n.type === 'element' && /^h[2-4]$/.test(n.tagName ?? '')) ids.push(String(n.properties?.id));
    n.children?.forEach(visit);
  };
  visit(hast);
  return ids;
}

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
