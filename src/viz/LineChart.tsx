import { useLayoutEffect, useRef, useState } from 'react';
import { PinnedPaths, usePinnedCurves } from './PinnedPaths';
import { chartScales, curveSummary, DEFAULT_LAYOUT, fitLeftMargin, seriesPath, yTicks, type ChartLayout, type Series } from './lineChart';

export interface LineChartProps {
  series: Series[];
  xLabel?: string;
  yLabel?: string;
  logY?: boolean;
  layout?: ChartLayout;
}

/**
 * A line chart of one or more series (loss curves), with axes, legend and a text summary.
 * In a column narrower than the layout's width the chart is laid out at the width it really has,
 * instead of being scaled down, so that its tick labels keep their size (10 px) in small figures.
 */
export function LineChart({ series, xLabel = 'step', yLabel = 'loss', logY = false, layout: given = DEFAULT_LAYOUT }: LineChartProps) {
  const box = useRef<HTMLElement>(null);
  const [fit, setFit] = useState<number | null>(null);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(([e]) => {
      const w = Math.round(e.contentRect.width);
      setFit(w > 120 && w < given.width ? w : null);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [given.width]);
  const sized = fit ? { ...given, width: fit } : given;
  // Runs the reader pinned in the widget's frame (if any): their curves with this chart's labels, and the box they need.
  const pinned = usePinnedCurves(series);
  const all = pinned.bounds ? [...series, pinned.bounds] : series;
  const layout = fitLeftMargin(all, sized, logY);
  const { x, y, logY: shownLog } = chartScales(all, layout, logY);
  const { width, height, margin } = layout;
  // About one x tick per 80 px, so that labels such as "100,000" never run into each other.
  const xCount = Math.max(2, Math.min(5, Math.floor((width - margin.left - margin.right) / 80)));
  const xt = x.ticks(xCount);
  const yt = yTicks(y, logY);
  const summary = series.map(curveSummary).join(' ');
  const xf = x.tickFormat(xCount);
  const yf = y.tickFormat(4, logY ? '.0e' : undefined);
  return (
    <figure className="chart" ref={box}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${yLabel} against ${xLabel}. ${summary}`}>
        <g className="axis">
          {xt.map((t) => (
            <g key={`x${t}`} transform={`translate(${x(t)},${height - margin.bottom})`}>
              <line y2={4} />
              <text y={16} textAnchor="middle">{xf(t)}</text>
            </g>
          ))}
          {yt.map((t) => (
            <g key={`y${t}`} transform={`translate(${margin.left},${y(t)})`}>
              <line x2={-4} />
              <line className="grid" x2={width - margin.left - margin.right} />
              <text x={-7} dy="0.32em" textAnchor="end">{yf(t)}</text>
            </g>
          ))}
          <line x1={margin.left} x2={width - margin.right} y1={height - margin.bottom} y2={height - margin.bottom} />
          <line x1={margin.left} x2={margin.left} y1={margin.top} y2={height - margin.bottom} />
          <text className="axis-label" x={width - margin.right} y={height - 2} textAnchor="end">{xLabel}</text>
          {/* Rotated about its own anchor, centred on the plot's height, inside the left margin beside the tick labels. */}
          <text className="axis-label" textAnchor="middle" dy="0.35em" transform={`translate(9 ${(margin.top + height - margin.bottom) / 2}) rotate(-90)`}>{yLabel}</text>
        </g>
        <PinnedPaths curves={pinned.curves} x={x} y={y} logY={shownLog} />
        {series.map((s) => (
          <path key={s.label} d={seriesPath(s, x, y)} fill="none" stroke={s.color} strokeWidth={1.8} />
        ))}
      </svg>
      {series.length > 1 && (
        <figcaption className="legend">
          {series.map((s) => (
            <span key={s.label}><i style={{ background: s.color }} /> {s.label}</span>
          ))}
        </figcaption>
      )}
    </figure>
  );
}
