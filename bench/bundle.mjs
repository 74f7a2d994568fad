/**
 * The bundle report: reads dist/ after `npx vite build` and prints every script chunk's raw and gzip size,
 * what the home page loads (the entry: index.html's script and its static imports), the training worker, and
 * what each chapter page adds (its MDX chunk and the chunks of the widgets it uses), against the budgets. The worker's
 * budget counts what it loads at start; the chunks it imports only when needed (WebGPU's backend) are listed apart.
 *   npx vite build && node bench/bundle.mjs
 * tests/e2e/bundle.test.ts fails when the entry or the worker is over budget. Gzip at zlib's default level 6,
 * as static hosts commonly send; sizes in KiB (1024 bytes).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** KiB gzip. The entry is what every page waits for; the worker is tfjs with four backends and the engine. */
export const BUDGETS = { entry: 100, worker: 300 };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KIB = 1024;

/** @param {string} file */
function sizes(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes).length };
}

/** Dynamic imports of a chunk (`import("./x.js")`, any quotes), as file names. @param {string} code */
function dynamicImports(code) {
  return [...code.matchAll(/\bimport\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g)].map((m) => m[1]);
}

/** Static imports of a chunk (`import{..}from"./x.js"`, `import"./x.js"`), as file names. @param {string} code */
function staticImports(code) {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([\w.-]+\.js)["']/g)].map((m) => m[1]);
}

/**
 * Sizes of everything in dist/assets and the totals the budgets apply to.
 * @param {string} [dist]
 */
export function bundleReport(dist = join(ROOT, 'dist')) {
  const assets = join(dist, 'assets');
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} has no index.html: run npx vite build first`);
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  /** @type {Record<string, { raw: number, gzip: number, imports: string[], lazy: string[] }>} */
  const chunks = {};
  for (const f of files) {
    const code = readFileSync(join(assets, f), 'utf8');
    chunks[f] = { ...sizes(join(assets, f)), imports: staticImports(code), lazy: dynamicImports(code) };
  }
  /** A chunk and everything it imports statically, transitively. @param {string[]} roots */
  const closure = (roots) => {
    const seen = new Set();
    const visit = (/** @type {string} */ f) => {
      if (seen.has(f) || !chunks[f]) return;
      seen.add(f);
      chunks[f].imports.forEach(visit);
    };
    roots.forEach(visit);
    return seen;
  };
  const total = (/** @type {Iterable<string>} */ set) => [...set].reduce((s, f) => ({ raw: s.raw + chunks[f].raw, gzip: s.gzip + chunks[f].gzip }), { raw: 0, gzip: 0 });

  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entryRoots = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.\/assets\/([\w.-]+\.js)"/g)].map((m) => m[1]);
  const entry = closure(entryRoots);
  const worker = closure(files.filter((f) => /^worker-/.test(f)));
  // What the worker loads only when needed (the WebGPU backend, where an adapter exists).
  const workerLazy = [...closure([...worker].flatMap((f) => chunks[f].lazy))].filter((f) => !worker.has(f));

  // A chapter page loads its MDX chunk and, once rendered, the chunk of each widget tag it uses with their imports.
  const chaptersDir = join(ROOT, 'chapters');
  const chapters = readdirSync(chaptersDir).filter((d) => existsSync(join(chaptersDir, d, 'index.mdx'))).sort().map((slug) => {
    const mdx = readFileSync(join(chaptersDir, slug, 'index.mdx'), 'utf8');
    const tags = new Set([...mdx.matchAll(/<([A-Z]\w+)/g)].map((m) => m[1]));
    const own = files.filter((f) => f.startsWith(`${slug}-`) || [...tags].some((t) => new RegExp(`^${t}-[\\w-]{8}\\.js$`).test(f)));
    const loads = [...closure(own)].filter((f) => !entry.has(f));
    return { slug, mdx: total(own.filter((f) => f.startsWith(`${slug}-`))), widgets: total(loads.filter((f) => !f.startsWith(`${slug}-`))), total: total(loads) };
  });
  return { chunks, entry: { files: [...entry], ...total(entry) }, worker: { files: [...worker], ...total(worker) }, workerLazy: { files: workerLazy, ...total(workerLazy) }, chapters };
}

const kib = (/** @type {number} */ n) => (n / KIB).toFixed(1).padStart(7);

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = bundleReport();
  console.log('chunk                                        raw KiB  gzip KiB');
  for (const [f, c] of Object.entries(r.chunks).sort((a, b) => b[1].gzip - a[1].gzip)) console.log(`${f.padEnd(44)} ${kib(c.raw)}  ${kib(c.gzip)}`);
  console.log('\nchapter page adds to the entry (KiB gzip): MDX + widgets = total');
  for (const c of r.chapters) console.log(`${c.slug.padEnd(24)} ${kib(c.mdx.gzip)} + ${kib(c.widgets.gzip)} = ${kib(c.total.gzip)}`);
  console.log('\nbudget                       gzip KiB   budget');
  for (const k of /** @type {const} */ (['entry', 'worker'])) {
    const over = r[k].gzip > BUDGETS[k] * KIB;
    console.log(`${`${k} (${r[k].files.length} chunk${r[k].files.length === 1 ? '' : 's'})`.padEnd(28)} ${kib(r[k].gzip)}  ${String(BUDGETS[k]).padStart(7)}  ${over ? 'OVER' : 'ok'}`);
  }
  console.log(`${'worker, loaded when needed'.padEnd(28)} ${kib(r.workerLazy.gzip)}  (${r.workerLazy.files.join(', ') || 'none'})`);
}
