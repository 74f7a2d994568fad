/**
 * Bundles bench/moe.ts for Node (tfjs stays external, so the wasm backend finds its .wasm files) and runs it
 * from the repository root:
 *   node bench/moe.mjs [rounds=5] [windowSeconds=2] [backends=wasm,cpu] [sizes=16x16x256,64x64x512,128x128x1024] [profile]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out/moe.mjs`;
await build({ input: `${root}bench/moe.ts`, platform: 'node', external: [/^@tensorflow\//], output: { file: out, format: 'esm' } });
execFileSync('node', [out, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
