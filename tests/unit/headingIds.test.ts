/** Heading ids: slugs by default, an explicit {#id} wins and is stripped, duplicates fail the build. */
import { describe, expect, it } from 'vitest';
import { rehypeHeadingIds, slugify } from '../../scripts/rehypeHeadingIds';

type Node = { type: string; tagName?: string; value?: string; properties?: Record<string, unknown>; children?: Node[] };

const text = (value: string): Node => ({ type: 'text', value });
const el = (tagName: string, ...children: Node[]): Node => ({ type: 'element', tagName, properties: {}, children });
const root = (...children: Node[]): Node => ({ type: 'root', children });

function run(tree: Node, path = 'chapters/01/index.mdx'): Node {
  rehypeHeadingIds()(tree, { path });
  return tree;
}

describe('rehypeHeadingIds', () => {
  it('gives h2-h4 slug ids and leaves other elements alone', () => {
    const tree = run(
      root(
        el('h1', text('Title')),
        el('h2', text('Gradient Descent, by Hand!')),
        el('section', el('h3', text('Why  the  loss   falls'))),
        el('h4', text('L1 vs. L2')),
        el('p', text('Body')),
      ),
    );
    const [h1, h2, section, h4, p] = tree.children!;
    expect(h1.properties).toEqual({});
    expect(h2.properties!.id).toBe('gradient-descent-by-hand');
    expect(section.children![0].properties!.id).toBe('why-the-loss-falls');
    expect(h4.properties!.id).toBe('l1-vs-l2');
    expect(p.properties).toEqual({});
  });

  it('takes the text of nested inline elements', () => {
    const tree = run(root(el('h2', text('The '), el('em', text('mean')), text(' squared error'))));
    expect(tree.children![0].properties!.id).toBe('the-mean-squared-error');
  });

  it('honours a trailing {#explicit-id} and strips it from the text', () => {
    const h = el('h2', text('The '), el('code', text('lr')), text(' knob {#learning-rate}'));
    run(root(h));
    expect(h.properties!.id).toBe('learning-rate');
    expect(h.children![2].value).toBe(' knob');
  });

  it('keeps other properties of the heading', () => {
    const h: Node = { type: 'element', tagName: 'h2', properties: { className: ['x'] }, children: [text('A')] };
    run(root(h));
    expect(h.properties).toEqual({ className: ['x'], id: 'a' });
  });

  it('throws on duplicate ids, from slugs or explicit ids, naming the file', () => {
    expect(() => run(root(el('h2', text('Setup')), el('h3', text('Setup'))))).toThrow(/chapters\/01\/index\.mdx.*duplicate heading id "setup"/);
    expect(() => run(root(el('h2', text('Loss {#x}')), el('h2', text('Other {#x}'))))).toThrow(/duplicate heading id "x"/);
  });

  it('throws on a heading with no text', () => {
    expect(() => run(root(el('h2', text('!!!'))))).toThrow(/heading without text/);
  });
});

describe('slugify', () => {
  it('lowercases, drops punctuation, joins words with single dashes', () => {
    expect(slugify('  Hello,  World -- again ')).toBe('hello-world-again');
  });
});
