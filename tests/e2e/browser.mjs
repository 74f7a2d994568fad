import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/** Flags that keep Chromium off the network this machine does not have (see DESIGN.md). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The system Chromium, headless, with a throwaway profile. Never downloads a browser.
 * Service workers are blocked unless asked for: the book's offline cache would otherwise answer requests
 * that tests intercept with page routes (a corrupt digit file) and precache 15 MB in every test file;
 * tests/e2e/offline.test.ts asks for them.
 */
/** @param {{ serviceWorkers?: 'allow' | 'block' }} [opts] @returns {Promise<import('playwright-core').BrowserContext>} */
export function launch(opts = {}) {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'trainable-')), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    serviceWorkers: opts.serviceWorkers ?? 'block',
  });
}
