/**
 * A display formula wider than the column scrolls sideways; a keyboard reader can scroll it only if it can
 * take focus (axe: scrollable-region-focusable). Only the ones that overflow at this width become tab stops.
 * Chapter blocks are content-visibility: auto, so a formula's width is known only once it is near the
 * viewport: each is measured when an IntersectionObserver first sees it, and again after a resize.
 */
export function watchWideMath(root: HTMLElement): () => void {
  if (typeof IntersectionObserver === 'undefined') return () => undefined;
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) markIfWide(e.target as HTMLElement);
  }, { rootMargin: '50% 0px' });
  const observeAll = () => {
    io.disconnect();
    root.querySelectorAll<HTMLElement>('.katex-display').forEach((el) => io.observe(el));
  };
  observeAll();
  const mo = new MutationObserver(observeAll);
  mo.observe(root, { childList: true });
  window.addEventListener('resize', observeAll);
  void document.fonts?.ready.then(observeAll); // KaTeX's fonts widen the formulas when they arrive
  return () => {
    io.disconnect();
    mo.disconnect();
    window.removeEventListener('resize', observeAll);
  };
}

function markIfWide(el: HTMLElement): void {
  const wide = el.scrollWidth > el.clientWidth + 1;
  if (wide && !el.hasAttribute('tabindex')) {
    el.tabIndex = 0;
    el.setAttribute('role', 'group');
    el.setAttribute('aria-label', 'wide formula, scrolls sideways');
  } else if (!wide && el.getAttribute('role') === 'group') {
    el.removeAttribute('tabindex');
    el.removeAttribute('role');
    el.removeAttribute('aria-label');
  }
}
