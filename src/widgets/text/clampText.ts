/** Characters a text box passes on: a pasted book is cut here, with a notice, instead of stalling the page. */
export const TEXT_INPUT_MAX = 20000;

/** The text cut to `max` characters, and whether it was cut. */
export function clampText(raw: string, max = TEXT_INPUT_MAX): { text: string; cut: boolean } {
  return raw.length > max ? { text: raw.slice(0, max), cut: true } : { text: raw, cut: false };
}
