import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkFrontmatter from 'remark-frontmatter';
import remarkRehype from 'remark-rehype';
import { rehypeHeadingIds } from '../../../scripts/rehypeHeadingIds';

type HNode = { type: string; tagName?: string; properties?: Record<string, unknown>; children?: HNode[] };

export const ROOT = join(__dirname, '../../..');

/** The heading ids (h2-h4) a chapter's page will carry, from the same remark pipeline vite.config.ts runs. */
export function renderedIds(slug: string): string[] {
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
