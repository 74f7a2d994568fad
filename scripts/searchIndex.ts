/**
 * Builds the book's search index at build time from the chapters' MDX: one document per section (the
 * heading with the id rehypeHeadingIds gives it, its prose, the terms it defines in bold, the titles of
 * its widgets) and one per widget. Serialised with MiniSearch, so the page only loads it.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkFrontmatter from 'remark-frontmatter';
import { slugify } from './rehypeHeadingIds';
import { CHAPTERS, entryLabel, type ChapterEntry } from '../chapters/manifest';
import { GLOSSARY, type GlossaryEntry } from '../chapters/glossary';
import { glossaryAnchor } from '../src/mdx/glossaryLinks';
import { SEARCH_OPTIONS, type SearchDoc } from '../src/app/searchOptions';

interface MdNode { type: string; value?: string; depth?: number; name?: string | null; children?: MdNode[]; attributes?: { type: string; name?: string; value?: unknown }[] }
type Chapter = ChapterEntry;
type WidgetDefaults = Map<string, { id?: string; title?: string }>;

/** Skipped as prose: display math, code, imports and JS expressions. Inline math is kept, readably (inlineMathText). */
const NOT_PROSE = new Set(['math', 'code', 'mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression', 'yaml', 'toml']);

/** TeX commands an inline formula uses, read as the characters they print. */
const TEX_SYMBOLS: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', varepsilon: 'ε', eta: 'η', theta: 'θ', kappa: 'κ', lambda: 'λ', mu: 'μ',
  nu: 'ν', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', varphi: 'φ', psi: 'ψ', omega: 'ω', Delta: 'Δ', Sigma: 'Σ', Omega: 'Ω',
  nabla: '∇', partial: '∂', infty: '∞', times: '×', cdot: '·', cdots: '…', ldots: '…', dots: '…', approx: '≈', neq: '≠', ne: '≠',
  le: '≤', leq: '≤', ge: '≥', geq: '≥', to: '→', rightarrow: '→', leftarrow: '←', sum: 'Σ', prod: 'Π', in: '∈', pm: '±', mid: '|',
  lVert: '‖', rVert: '‖', Vert: '‖', lvert: '|', rvert: '|', log: 'log', ln: 'ln', exp: 'exp', max: 'max', min: 'min', top: '⊤', sqrt: '√',
  quad: ' ', qquad: ' ', odot: '⊙', circ: '∘', sim: '~', propto: '∝', lfloor: '⌊', rfloor: '⌋', ell: 'ℓ', langle: '⟨', rangle: '⟩',
};

/**
 * An inline formula as plain text a reader recognises in a snippet: `$\eta = 0.1$` → "η = 0.1",
 * `$\mathbf{W}^\top \mathbf{x}$` → "W^⊤ x". Font commands keep their argument, \frac{a}{b} reads a/b,
 * and anything unknown keeps its name, so nothing the formula says is dropped.
 */
export function inlineMathText(tex: string): string {
  const FONT = 'mathbf|mathrm|mathcal|mathbb|boldsymbol|bm|text|textbf|textit|textrm|operatorname|mathit|hat|tilde|bar|vec|overline|widehat|widetilde';
  // A matrix reads row by row: (a, b; c, d).
  let s = tex.replace(/\\begin\{[a-z]*matrix\}/g, '(').replace(/\\end\{[a-z]*matrix\}/g, ')').replace(/\s*&\s*/g, ', ').replace(/\s*\\\\\s*/g, '; ');
  // Innermost first: a font command keeps its argument, \sqrt{x} → √(x), \frac{a}{b} → (a)/(b), \tfrac12 → 1/2.
  for (let i = 0; i < 4; i++)
    s = s
      .replace(new RegExp(`\\\\(?:${FONT})\\s*\\{([^{}]*)\\}`, 'g'), '$1')
      .replace(/\\sqrt\s*\{([^{}]*)\}/g, '√($1)')
      .replace(/\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, '($1)/($2)')
      .replace(/\\[dt]?frac\s*(\d)(\d)/g, '$1/$2');
  s = s
    .replace(new RegExp(`\\\\(?:${FONT}|displaystyle|textstyle|[dt]?frac)(?![a-zA-Z])`, 'g'), '')
    .replace(/\\(?:left|right|big|Big|bigg|Bigg)(?![a-zA-Z])/g, '')
    .replace(/\\([a-zA-Z]+)/g, (_, name: string) => TEX_SYMBOLS[name] ?? name)
    .replace(/\\[,;:! ]/g, ' ')
    .replace(/\\([{}%$#_&|])/g, '$1')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ');
  return s.trim();
}

/** A heading's text as rehypeHeadingIds sees it (inline math and code by their source), so the slugs agree. */
function headingText(node: MdNode): string {
  if (node.value !== undefined && node.type !== 'mdxTextExpression') return node.value;
  return (node.children ?? []).map(headingText).join('');
}

function proseOf(node: MdNode): string {
  if (NOT_PROSE.has(node.type)) return ' ';
  if (node.type === 'inlineMath') return inlineMathText(node.value ?? '');
  if (node.type === 'text') return node.value ?? '';
  const inner = (node.children ?? []).map(proseOf).join('');
  return /^(paragraph|listItem|tableCell|heading|blockquote)$/.test(node.type) ? `${inner} ` : inner;
}

function attr(node: MdNode, name: string): string | undefined {
  const a = node.attributes?.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  return typeof a?.value === 'string' ? a.value : undefined;
}

/** Each widget component's default id and title, read from its source (`{ id = 'fit', title = '...' }`). */
export function readWidgetDefaults(widgetsDir: string): WidgetDefaults {
  const out: WidgetDefaults = new Map();
  for (const topic of readdirSync(widgetsDir)) {
    const dir = join(widgetsDir, topic);
    if (topic === 'kit' || !existsSync(join(dir, 'tags.ts'))) continue;
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.tsx'))) {
      const src = readFileSync(join(dir, f), 'utf8');
      const m = /export function (\w+)\(\{([^)]*)\}/.exec(src);
      if (!m) continue;
      const id = /\bid = '([^']+)'/.exec(m[2])?.[1];
      const title = /\btitle = '([^']+)'/.exec(m[2])?.[1] ?? /<(?:Widget|Compute)Frame[^>]*\btitle="([^"]+)"/.exec(src)?.[1];
      out.set(m[1], { id, title });
    }
  }
  return out;
}

/** The search documents of one chapter's MDX source. */
export function chapterDocs(chapter: Chapter, source: string, widgets: WidgetDefaults): SearchDoc[] {
  const tree = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath).use(remarkFrontmatter).parse(source) as MdNode;
  const docs: SearchDoc[] = [];
  const base = { slug: chapter.slug, chapter: `${entryLabel(chapter, true)} ${chapter.title}`, number: chapter.number };
  let section: SearchDoc = { ...base, id: `${chapter.slug}/`, anchor: '', heading: chapter.title, kind: 'section', terms: '', widgets: '', text: '' };
  docs.push(section);
  const seen = new Set<string>();

  const visit = (node: MdNode) => {
    if (node.type === 'heading' && (node.depth ?? 0) >= 2 && (node.depth ?? 0) <= 4) {
      const raw = headingText(node);
      const explicit = /\s*\{#([a-z0-9-]+)\}\s*$/.exec(raw);
      const text = explicit ? raw.slice(0, explicit.index) : raw;
      const anchor = explicit?.[1] ?? slugify(text);
      section = { ...base, id: `${chapter.slug}/${anchor}`, anchor, heading: proseOf(node).replace(/\s*\{#[a-z0-9-]+\}\s*$/, '').trim(), kind: 'section', terms: '', widgets: '', text: '' };
      docs.push(section);
      return;
    }
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name && /^[A-Z]/.test(node.name)) {
      const known = widgets.get(node.name);
      if (known) {
        const id = attr(node, 'id') ?? known.id;
        const title = attr(node, 'title') ?? known.title;
        if (title) {
          section.widgets += `${title}; `;
          // Anchored at its section's heading: a lazily loaded widget is not in the page until its code arrives.
          const key = `${chapter.slug}/widget:${id ?? title}`;
          if (!seen.has(key)) {
            seen.add(key);
            docs.push({ ...base, id: key, anchor: section.anchor, heading: title, kind: 'widget', terms: '', widgets: title, text: `Interactive figure in the section "${section.heading}".` });
          }
        }
        return;
      }
      const title = attr(node, 'title');
      if (title) section.text += `${title} `; // a DeepDive's title, a Figure's caption
      const caption = attr(node, 'caption');
      if (caption) section.text += `${caption} `;
    }
    if (node.type === 'strong') section.terms += `${proseOf(node).trim()}; `;
    if (/^(paragraph|tableRow|code|math)$/.test(node.type) || node.type === 'heading') {
      section.text += proseOf(node);
      if (node.type === 'paragraph' || node.type === 'tableRow') {
        for (const c of node.children ?? []) collectInline(c);
      }
      return;
    }
    node.children?.forEach(visit);
  };
  // Bold terms and inline widgets inside a paragraph still count.
  const collectInline = (node: MdNode) => {
    if (node.type === 'strong') section.terms += `${proseOf(node).trim()}; `;
    else node.children?.forEach(collectInline);
  };
  tree.children?.forEach(visit);
  return docs.map((d) => ({ ...d, text: d.text.replace(/\s+/g, ' ').trim() }));
}

/**
 * One document per glossary term, anchored at the heading that teaches it, so a search for the term lands
 * on that section. A term whose chapter is not in `chapters` (not written yet) is left out.
 */
export function glossaryDocs(entries: GlossaryEntry[], chapters: Chapter[] = CHAPTERS): SearchDoc[] {
  const out: SearchDoc[] = [];
  for (const e of entries) {
    const [slug, anchor] = e.at.split('#');
    const c = chapters.find((x) => x.slug === slug);
    if (!c) continue;
    out.push({ id: `glossary/${glossaryAnchor(e.term)}`, slug, anchor, chapter: `${entryLabel(c, true)} ${c.title}`, number: c.number, heading: e.term, kind: 'term', terms: e.term, widgets: '', text: `Glossary: ${e.def}` });
  }
  return out;
}

/** Each written section's heading by `<slug>#<anchor>`, for the glossary's link text (the `virtual:section-titles` module). */
export function sectionTitles(root: string, chapters: Chapter[], wanted?: Set<string>): Record<string, string> {
  const widgets = readWidgetDefaults(join(root, 'src/widgets'));
  const out: Record<string, string> = {};
  for (const c of chapters) {
    const file = join(root, 'chapters', c.slug, 'index.mdx');
    if (!existsSync(file)) continue;
    for (const d of chapterDocs(c, readFileSync(file, 'utf8'), widgets)) {
      const key = `${c.slug}#${d.anchor}`;
      if (d.kind === 'section' && d.anchor && (!wanted || wanted.has(key))) out[key] = d.heading;
    }
  }
  return out;
}

/** Every written chapter's documents and the glossary's terms, indexed; returns the JSON the page loads. */
export function buildSearchIndex(root: string, chapters: Chapter[]): { json: string; docs: SearchDoc[] } {
  const widgets = readWidgetDefaults(join(root, 'src/widgets'));
  const docs: SearchDoc[] = [];
  for (const c of chapters) {
    const file = join(root, 'chapters', c.slug, 'index.mdx');
    if (existsSync(file)) docs.push(...chapterDocs(c, readFileSync(file, 'utf8'), widgets));
  }
  const written = chapters.filter((c) => existsSync(join(root, 'chapters', c.slug, 'index.mdx')));
  docs.push(...glossaryDocs(GLOSSARY, written));
  const ms = new MiniSearch<SearchDoc>(SEARCH_OPTIONS);
  ms.addAll(docs);
  return { json: JSON.stringify(ms), docs };
}
