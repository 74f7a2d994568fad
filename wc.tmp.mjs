import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
const SKIP = new Set(['math', 'inlineMath', 'code', 'inlineCode', 'mdxjsEsm', 'mdxFlowExpression', 'mdxTextExpression']);
for (const slug of process.argv.slice(2)) {
  const src = readFileSync(`${slug}`, 'utf8');
  const tree = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(remarkMath).parse(src);
  let words = 0, refs = 0, deep = 0, inRefs = false;
  const walk = (n, inDeep) => {
    if (n.type === 'heading' && n.depth === 2) inRefs = /References/.test(JSON.stringify(n));
    if (SKIP.has(n.type)) return;
    if (n.type === 'text') { const c = n.value.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length; words += c; if (inRefs) refs += c; if (inDeep) deep += c; }
    const d = inDeep || (n.name === 'DeepDive');
    (n.children ?? []).forEach((c) => walk(c, d));
  };
  walk(tree, false);
  console.log(slug, 'prose words', words, 'of which references', refs, 'deep dives', deep, 'body without refs', words - refs);
}
