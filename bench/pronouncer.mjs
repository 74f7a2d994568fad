/**
 * Bundles bench/pronouncer.ts for Node (tfjs stays external, so the wasm backend finds its .wasm
 * files) and runs it from the repository root:
 *   node bench/pronouncer.mjs [seconds=90] [backend=wasm] [overrides-json]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out/pronouncer.mjs`;
await build({ input: `${root}bench/pronouncer.ts`, platform: 'node', external: [/^@tensorflow\//], output: { file: out, format: 'esm' } });
execFileSync('node', [out, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
