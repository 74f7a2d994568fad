/**
 * Bundles bench/charLm60s.ts for Node (tfjs stays external, so the wasm backend finds its
 * .wasm files) and runs it from the repository root:
 *   node bench/charLm60s.mjs [seconds] [backend] [cell] [hidden] [window] [batch] [lr] [corpus]
 * Prints the held-out loss against the n-gram baselines.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out/charLm60s.mjs`;
await build({ input: `${root}bench/charLm60s.ts`, platform: 'node', external: [/^@tensorflow\//], output: { file: out, format: 'esm' } });
execFileSync('node', [out, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
