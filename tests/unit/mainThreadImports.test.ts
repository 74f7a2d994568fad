/**
 * The main thread never loads tfjs (the worker does): every module the page itself runs
 * (shell, MDX map, viz, widgets) must not import, at run time, a module that imports tfjs.
 * Type-only imports are erased, so they are allowed; the e2e home test checks the built bundle too.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Relative runtime imports of a module (type-only imports and dynamic import() left out) and whether it imports tfjs. */
function runtimeImports(file: string): { local: string[]; tfjs: boolean } {
  const src = readFileSync(file, 'utf8');
  const local: string[] = [];
  let tfjs = false;
  for (const m of src.matchAll(/^\s*(import|export)\s+([^'"]*?)\s*(?:from\s+)?['"]([^'"]+)['"]/gm)) {
    const clause = m[2].trim();
    if (/^type\s/.test(clause)) continue;
    const named = /^\{([^}]*)\}$/.exec(clause);
    if (named && named[1].split(',').map((s) => s.trim()).filter(Boolean).every((s) => s.startsWith('type '))) continue;
    if (m[1] === 'export' && !/\bfrom\b/.test(m[0])) continue;
    const spec = m[3];
    if (spec.startsWith('@tensorflow/')) tfjs = true;
    else if (spec.startsWith('.')) local.push(spec);
  }
  return { local, tfjs };
}

function resolveLocal(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (readFileSync(c) && /\.(ts|tsx)$/.test(c)) return c;
    } catch { /* try the next */ }
  }
  return null;
}

/** The chain of runtime imports from `file` to a module importing tfjs, or null when there is none. */
function tfjsChain(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  const { local, tfjs } = runtimeImports(file);
  if (tfjs) return [file];
  for (const spec of local) {
    const next = resolveLocal(file, spec);
    const chain = next && tfjsChain(next, seen);
    if (chain) return [file, ...chain];
  }
  return null;
}

/** Every .ts/.tsx file under `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

describe('the main thread keeps tfjs out of its bundle', () => {
  const root = resolve(__dirname, '../..');
  it('no module of the shell, the MDX map, viz or widgets imports, at run time, a module that imports tfjs', () => {
    const files = ['src/app', 'src/mdx', 'src/viz', 'src/widgets'].flatMap((d) => sources(join(root, d)));
    expect(files.length).toBeGreaterThan(50);
    const chains = files.map((f) => tfjsChain(f)).filter(Boolean).map((c) => c!.map((f) => f.slice(root.length + 1)).join(' -> '));
    expect(chains).toEqual([]);
  });

  it('the checker sees a runtime import of a tfjs module (it would have caught the old DEFAULT_ARCH import)', () => {
    expect(tfjsChain(join(root, 'src/engine/models/lenet.ts'))).not.toBeNull();
    expect(tfjsChain(join(root, 'src/engine/nn/optimizers.ts'))).not.toBeNull();
  });
});
