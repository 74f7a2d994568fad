/**
 * What a widget's place shows while its code loads: an empty widget frame as tall as the widget will be.
 * The heights come from widgetSizes.json, measured in the built site at several column widths by
 * `node scripts/measureWidgets.mjs` (rerun it when a widget's layout changes; tests/e2e/lazyWidgets.test.ts
 * fails when a placeholder and its widget differ). Between measured widths the height is interpolated.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import sizes from './widgetSizes.json';

/** [widget width, widget height] in CSS pixels, by width, for each `Tag#id` (`Tag#` for the tag's default id). */
const SIZES = sizes as unknown as Record<string, [number, number][]>;
/** A widget never measured: about the median widget. */
const DEFAULT_HEIGHT = 800;

/** The key a widget's sizes are stored under: its tag and the id prop the chapter gave it, if any. */
export function sizeKey(tag: string, id: string | undefined): string {
  return `${tag}#${id ?? ''}`;
}

/** Height at `width`, linear between the two nearest measured widths, held flat beyond the ends. */
export function heightAt(samples: [number, number][] | undefined, width: number): number {
  if (!samples?.length) return DEFAULT_HEIGHT;
  if (width <= samples[0][0]) return samples[0][1];
  for (let i = 1; i < samples.length; i++) {
    const [w1, h1] = samples[i];
    // Widths are stored rounded to the pixel: within half a pixel of one, that measurement is exact, while the
    // line from the previous sample could be off by several pixels for a widget whose rows re-wrap between the two.
    if (Math.abs(width - w1) <= 0.5) return h1;
    if (width > w1) continue;
    const [w0, h0] = samples[i - 1];
    return h0 + ((h1 - h0) * (width - w0)) / (w1 - w0);
  }
  return samples[samples.length - 1][1];
}

/** The frame of `<tag id>` before its code arrives: the widget's border and margins, its height, no content. */
export function WidgetPlaceholder({ tag, id }: { tag: string; id?: string }) {
  const key = sizeKey(tag, id);
  const root = useRef<HTMLElement>(null);
  const [inner, setInner] = useState<number | null>(null);
  // Before the first paint: the frame's width picks the height; the body is that less the frame's own padding
  // and border. Height goes on a child, not the frame, so that off-screen (content-visibility: auto) the frame
  // takes the same intrinsic size as a real widget would.
  useLayoutEffect(() => {
    const el = root.current;
    if (!el) return;
    const s = getComputedStyle(el);
    const chrome = ['paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'].reduce((sum, k) => sum + parseFloat(s[k as 'paddingTop']), 0);
    setInner(Math.max(0, heightAt(SIZES[key], el.getBoundingClientRect().width) - chrome));
  }, [key]);
  return (
    <section ref={root} className="widget widget-placeholder" data-widget-placeholder={key} aria-busy="true" aria-label="Interactive figure, loading">
      <div className="widget-placeholder-body" style={{ height: inner ?? DEFAULT_HEIGHT }}>Loading the figure…</div>
    </section>
  );
}
