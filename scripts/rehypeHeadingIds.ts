/**
 * Gives every h2-h4 a stable id. An explicit `{#id}` at the end of the heading wins;
 * otherwise the id is the slug of the heading text. Duplicates are a build error,
 * so a link to a section never silently points at the wrong one.
 */
type Node = { type: string; tagName?: string; value?: string; properties?: Record<string, unknown>; children?: Node[] };

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-');
}

function textOf(node: Node): string {
  if (node.type === 'text') return node.value ?? '';
  return (node.children ?? []).map(textOf).join('');
}

function stripExplicitId(node: Node): string | null {
  const last = node.children?.[node.children.length - 1];
  if (!last || last.type !== 'text' || !last.value) return null;
  const m = /\s*\{#([a-z0-9-]+)\}\s*$/.exec(last.value);
  if (!m) return null;
  last.value = last.value.slice(0, m.index);
  return m[1];
}

export function rehypeHeadingIds() {
  return (tree: Node, file: { path?: string }) => {
    const seen = new Set<string>();
    const visit = (node: Node) => {
      if (node.type === 'element' && /^h[2-4]$/.test(node.tagName ?? '')) {
        const id = stripExplicitId(node) ?? slugify(textOf(node));
        if (!id) throw new Error(`${file.path ?? 'chapter'}: heading without text`);
        if (seen.has(id)) throw new Error(`${file.path ?? 'chapter'}: duplicate heading id "${id}"`);
        seen.add(id);
        node.properties = { ...(node.properties ?? {}), id };
      }
      node.children?.forEach(visit);
    };
    visit(tree);
  };
}
