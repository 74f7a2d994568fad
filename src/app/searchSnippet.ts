/** A short excerpt of `text` around the first of the matched `terms`, split into plain and marked parts. */
export function snippet(text: string, terms: string[], width = 180): { text: string; mark: boolean }[] {
  const words = terms.filter(Boolean).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  if (!text) return [];
  if (!words.length) return [{ text: text.slice(0, width) + (text.length > width ? '…' : ''), mark: false }];
  const re = new RegExp(`(${words.join('|')})`, 'gi');
  const first = text.search(re);
  const start = Math.max(0, first < 0 ? 0 : first - Math.round(width / 3));
  const from = start > 0 ? text.indexOf(' ', start) + 1 || start : 0;
  const cut = text.slice(from, from + width);
  const parts: { text: string; mark: boolean }[] = [];
  if (from > 0) parts.push({ text: '…', mark: false });
  let last = 0;
  for (const m of cut.matchAll(re)) {
    if (m.index > last) parts.push({ text: cut.slice(last, m.index), mark: false });
    parts.push({ text: m[0], mark: true });
    last = m.index + m[0].length;
  }
  parts.push({ text: cut.slice(last) + (from + width < text.length ? '…' : ''), mark: false });
  return parts;
}
