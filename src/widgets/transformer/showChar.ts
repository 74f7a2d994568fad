/** A character as the figures show it: a line break as ↵ (followed by a real break in running text), a space as ␣ when alone. */
export function showChar(ch: string, inText = false): string {
  if (ch === '\n') return inText ? '↵\n' : '↵';
  if (ch === ' ' && !inText) return '␣';
  return ch;
}
