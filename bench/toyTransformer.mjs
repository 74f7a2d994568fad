/**
 * Bundles bench/toyTransformer.ts for Node (tfjs stays external, so the wasm backend finds its .wasm
 * files) and runs it from the repository root:
 *   node bench/toyTransformer.mjs [tasks=reverse,sort,add] [backend=wasm] [limitSeconds=120] [overrides-json]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out/toyTransformer.mjs`;
await build({ input: `${root}bench/toyTransformer.ts`, platform: 'node', external: [/^@tensorflow\//], output: { file: out, format: 'esm' } });
execFileSync('node', [out, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
