/**
 * Bundles bench/seq2seqSpeed.ts for Node (tfjs stays external, so the wasm backend finds its .wasm
 * files) and runs it from the repository root:
 *   node bench/seq2seqSpeed.mjs [rounds=5] [windowSeconds=3] [backends=wasm,cpu]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out/seq2seqSpeed.mjs`;
await build({ input: `${root}bench/seq2seqSpeed.ts`, platform: 'node', external: [/^@tensorflow\//], output: { file: out, format: 'esm' } });
execFileSync('node', [out, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
