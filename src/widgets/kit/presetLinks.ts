/**
 * Preset links ("try η = 0.01") apply to the widgets on the page in place: the
 * URL changes (so the link can still be shared and the back button works) and
 * the widgets named in it pick up their new values, without a reload.
 */
export const PARAMS_CHANGED = 'trainable:params-changed';

/** Widget ids named by a query string's keys (`fit.lr` names `fit`). */
export function widgetIdsIn(search: URLSearchParams): string[] {
  return [...new Set([...search.keys()].filter((k) => k.includes('.')).map((k) => k.slice(0, k.indexOf('.'))))];
}

/** Pushes the link's query (and route) into the address bar, tells the widgets, and scrolls to the first one it sets. */
export function followPreset(href: string): void {
  const url = new URL(href, window.location.href);
  window.history.pushState(null, '', url);
  window.dispatchEvent(new Event(PARAMS_CHANGED));
  const first = widgetIdsIn(url.searchParams)[0];
  if (first) document.getElementById(`widget-${first}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
}
