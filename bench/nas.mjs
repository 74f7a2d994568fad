/**
 * Bundles bench/nas.ts for Node (tfjs stays external, so the wasm backend finds its .wasm files) and runs it
 * from the repository root:
 *   node bench/nas.mjs [budget=20] [backends=wasm,cpu] [dartsSteps=40]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out/nas.mjs`;
await build({ input: `${root}bench/nas.ts`, platform: 'node', external: [/^@tensorflow\//], output: { file: out, format: 'esm' } });
execFileSync('node', [out, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
