/**
 * Builds the benchmark's own page (bench/index.html -> bench/out/), apart from
 * the site's vite.config.ts, so that the bare tfjs loop runs from a production
 * build with the same tfjs, the same backends and the same worker format as the
 * site, without adding a bench entry to the book. Run by bench/run.mjs.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', outDir: 'out', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
  logLevel: 'error', // rolldown's plugin-timing notice is noise here
});
