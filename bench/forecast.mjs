/**
 * Bundles bench/forecast.ts for Node (tfjs stays external, so the wasm backend finds its
 * .wasm files) and runs it from the repository root:
 *   node bench/forecast.mjs [steps per run=20] [rounds=9] [backends=wasm,cpu]
 * The two sides alternate run by run (the order flips each round); medians are reported.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out/forecast.mjs`;
await build({ input: `${root}bench/forecast.ts`, platform: 'node', external: [/^@tensorflow\//], output: { file: out, format: 'esm' } });
execFileSync('node', [out, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
