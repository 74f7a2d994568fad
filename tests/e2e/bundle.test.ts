/**
 * The bundle budgets (bench/bundle.mjs prints the full report): the entry that every page waits for and the
 * training worker, in KiB gzip, read from dist/ after the build that `npm run test:e2e` runs first.
 */
import { describe, expect, it } from 'vitest';
import { DIST, ensureDist } from './helpers';

interface Total { files: string[]; raw: number; gzip: number }
interface Report { entry: Total; worker: Total; chapters: { slug: string; total: Total }[] }
const BUNDLE_MJS = '../../bench/bundle.mjs';

describe('bundle budgets', async () => {
  ensureDist();
  const { bundleReport, BUDGETS } = (await import(/* @vite-ignore */ BUNDLE_MJS)) as { bundleReport: (dist: string) => Report; BUDGETS: { entry: number; worker: number } };
  const report = bundleReport(DIST);

  it(`entry JS is at most ${BUDGETS.entry} KiB gzip and holds no widget`, () => {
    expect(report.entry.gzip / 1024, `entry: ${report.entry.files.join(', ')}`).toBeLessThanOrEqual(BUDGETS.entry);
    expect(report.entry.files.filter((f) => /^(WidgetFrame|ComputeFrame|LineChart)-/.test(f)), 'widget code in the entry').toEqual([]);
  });

  it(`worker JS is at most ${BUDGETS.worker} KiB gzip`, () => {
    expect(report.worker.files.length).toBeGreaterThan(0);
    expect(report.worker.gzip / 1024, `worker: ${report.worker.files.join(', ')}`).toBeLessThanOrEqual(BUDGETS.worker);
  });

  it('every chapter has its own chunk', () => {
    expect(report.chapters.length).toBeGreaterThan(0);
    for (const c of report.chapters) expect(c.total.gzip, c.slug).toBeGreaterThan(0);
  });
});
