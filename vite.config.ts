import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';
import remarkMath from 'remark-math';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdxFrontmatter from 'remark-mdx-frontmatter';
import rehypeKatex from 'rehype-katex';
import rehypeShiki from '@shikijs/rehype';
import { rehypeHeadingIds } from './scripts/rehypeHeadingIds';
// @ts-expect-error: a plain .mjs build script without type declarations
import { ensureMnistPacked } from './scripts/packMnist.mjs';
// @ts-expect-error: a plain .mjs build script without type declarations
import { ensureTextDataPacked } from './scripts/packData.mjs';
import { buildSearchIndex, sectionTitles } from './scripts/searchIndex';
import { GLOSSARY } from './chapters/glossary';
import { SEARCH_INDEX_FILE } from './src/app/searchOptions';
import { CHAPTERS } from './chapters/manifest';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

// Shiki made a cold MDX transform take 14 s with every grammar: load only the languages chapters use.
const CODE_LANGS = ['ts', 'js', 'python', 'bash', 'text'] as const;

/**
 * Inside the training worker's bundle, '@tensorflow/tfjs' means src/engine/tfCore.ts (tfjs-core, its gradients,
 * the cpu and webgl backends), not the whole package with layers, converter and data, which the engine never
 * uses. An alias rather than edited imports: every engine file keeps `import * as tf from '@tensorflow/tfjs'`,
 * so new files need no change, Node tests get the full package, and a use of tf.layers fails the build
 * (tfCore.ts has no such export) instead of reaching readers. Only the worker build sees this plugin.
 */
const TF_CORE = fileURLToPath(new URL('./src/engine/tfCore.ts', import.meta.url));
const tfjsCoreInWorker = (): Plugin => ({
  name: 'tfjs-core-in-worker',
  enforce: 'pre',
  resolveId: (id, importer) => (id === '@tensorflow/tfjs' && importer !== TF_CORE ? TF_CORE : undefined),
  // The bundler only warns that `tf.layers` would be undefined; readers would meet it as a crash, so stop here.
  onLog(_level, log) {
    if (log.code === 'IMPORT_IS_UNDEFINED' && log.message.includes('tfCore.ts')) this.error(`${log.message}: the worker has tfjs-core only (src/engine/tfCore.ts)`);
  },
});

export default defineConfig({
  base: './',
  plugins: [
    // public/data/mnist.bin is generated from the `mnist` package, never committed or bundled.
    { name: 'pack-mnist', buildStart: () => void ensureMnistPacked() },
    // The headings the glossary links to, by `<slug>#<id>`, read from the chapters' MDX at build time.
    {
      name: 'section-titles',
      resolveId: (id) => (id === 'virtual:section-titles' ? '\0virtual:section-titles' : undefined),
      load: (id) => (id === '\0virtual:section-titles' ? `export default ${JSON.stringify(sectionTitles(ROOT, CHAPTERS, new Set(GLOSSARY.map((e) => e.at))))};` : undefined),
    },
    // The search index, built from the chapters' MDX and fetched only when the reader opens search.
    {
      name: 'search-index',
      generateBundle() {
        this.emitFile({ type: 'asset', fileName: SEARCH_INDEX_FILE, source: buildSearchIndex(ROOT, CHAPTERS).json });
      },
      configureServer(server) {
        server.middlewares.use(`/${SEARCH_INDEX_FILE}`, (_req, res) => {
          res.setHeader('content-type', 'application/json');
          res.end(buildSearchIndex(ROOT, CHAPTERS).json);
        });
      },
    },
    // public/data/{names,moby-dick,spam,births,cmudict}.bin, from the @stdlib datasets packages, likewise.
    { name: 'pack-text-data', buildStart: () => void ensureTextDataPacked() },
    {
      enforce: 'pre',
      ...mdx({
        remarkPlugins: [remarkFrontmatter, remarkMdxFrontmatter, remarkGfm, remarkMath],
        rehypePlugins: [
          rehypeHeadingIds,
          [rehypeKatex, { strict: false }],
          [rehypeShiki, { themes: { light: 'github-light', dark: 'github-dark' }, langs: [...CODE_LANGS], defaultColor: 'light' }],
        ],
        providerImportSource: undefined,
      }),
    },
    react({ include: /\.(mdx|tsx|ts)$/ }),
    // Offline: after one visit every chapter, its lazy chunks, the worker, the wasm files and the data sets
    // are precached. 'prompt': a new deploy is installed beside the old one and the page says so
    // (src/app/OfflineNotice.tsx); the reader reloads into it.
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'Trainable: the deep-learning book whose figures learn',
        short_name: 'Trainable',
        description: 'An interactive deep-learning book whose figures train real models in your browser.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#fdfdfb',
        theme_color: '#0072b2',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // Fonts: browsers take KaTeX's woff2, so its woff and ttf copies are left out. data/**: every data set.
        globPatterns: ['**/*.{js,css,html,wasm,json,svg,png,woff2,webmanifest}', 'data/**/*'],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024, // MNIST is 7.85 MB; corpora may come larger
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
        // Unminified sw.js: minifying it with terser took 30 s of a 2-core build for a 20 KiB file.
        mode: 'development',
        disableDevLogs: true,
      },
    }),
  ],
  worker: { format: 'es', plugins: () => [tfjsCoreInWorker()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173 },
});
