import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
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
import { buildSearchIndex } from './scripts/searchIndex';
import { SEARCH_INDEX_FILE } from './src/app/searchOptions';
import { CHAPTERS } from './chapters/manifest';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

// Shiki made a cold MDX transform take 14 s with every grammar: load only the languages chapters use.
const CODE_LANGS = ['ts', 'js', 'python', 'bash', 'text'] as const;

export default defineConfig({
  base: './',
  plugins: [
    // public/data/mnist.bin is generated from the `mnist` package, never committed or bundled.
    { name: 'pack-mnist', buildStart: () => void ensureMnistPacked() },
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
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173 },
});
