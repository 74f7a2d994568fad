/**
 * Bundles bench/cnnLoop.ts for Node (tfjs stays external, so the wasm backend
 * finds its .wasm files) and runs it from the repository root:
 *   node bench/cnnLoop.mjs [seconds=20] [backends=wasm,cpu]
 * public/data/mnist.bin must exist (node scripts/packMnist.mjs).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out/cnnLoop.mjs`;
await build({ input: `${root}bench/cnnLoop.ts`, platform: 'node', external: [/^@tensorflow\//], output: { file: out, format: 'esm' } });
execFileSync('node', [out, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
