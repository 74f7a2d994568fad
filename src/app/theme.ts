/** Light and dark themes: the reader's choice is stored; a stored value that is not a theme is ignored. */
export type Theme = 'light' | 'dark';
const KEY = 'trainable.theme';

export function storedTheme(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : null;
  } catch {
    return null;
  }
}

export function currentTheme(): Theme {
  return storedTheme() ?? (window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
}

export function setTheme(t: Theme): void {
  document.documentElement.dataset.theme = t;
  try {
    localStorage.setItem(KEY, t);
  } catch {
    // private mode: the theme still applies for this visit
  }
}

export function applyStoredTheme(): void {
  document.documentElement.dataset.theme = currentTheme();
}
