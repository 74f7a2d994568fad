/**
 * CPU time of every process under this one (Chromium's browser, renderer and GPU processes), from /proc,
 * per thread. Only one loop runs at a time in the benches, so the difference between two readings is
 * what that loop cost, thread by thread (the GPU process is where SwiftShader does WebGL/WebGPU work).
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLK_TCK = Number(execSync('getconf CLK_TCK', { encoding: 'utf8' })) || 100;

const read = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // a process or thread that just exited
  }
};

/** utime + stime in seconds from a /proc stat line; fields after the ")" of the name start at field 3. */
const statSeconds = (stat) => {
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
};

function descendants() {
  const kids = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const stat = read(`/proc/${d}/stat`);
    if (!stat) continue;
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    kids.set(ppid, [...(kids.get(ppid) ?? []), Number(d)]);
  }
  const out = [];
  const todo = [...(kids.get(process.pid) ?? [])];
  while (todo.length) {
    const p = todo.pop();
    out.push(p);
    todo.push(...(kids.get(p) ?? []));
  }
  return out;
}

/** CPU seconds so far per "process type/thread name" (e.g. "renderer/DedicatedWorker"; a renderer's main thread is "renderer/main"). */
export function threadCpu() {
  const out = new Map();
  for (const p of descendants()) {
    const type = /--type=([\w-]+)/.exec(read(`/proc/${p}/cmdline`) ?? '')?.[1] ?? 'browser';
    let tids = [];
    try {
      tids = readdirSync(`/proc/${p}/task`);
    } catch {
      continue;
    }
    for (const t of tids) {
      const stat = read(`/proc/${p}/task/${t}/stat`);
      if (!stat) continue;
      let name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (type === 'renderer' && name === 'chromium') name = 'main';
      const key = `${type}/${name}`;
      out.set(key, (out.get(key) ?? 0) + statSeconds(stat));
    }
  }
  return out;
}

/** Total CPU seconds so far of every process under this one. */
export function cpuSeconds() {
  let s = 0;
  for (const p of descendants()) {
    const stat = read(`/proc/${p}/stat`);
    if (stat) s += statSeconds(stat);
  }
  return s;
}

/** Per-thread CPU seconds between two threadCpu() readings (threads that used any). */
export function cpuBetween(a, b) {
  const d = new Map();
  for (const [k, v] of b) if (v - (a.get(k) ?? 0) > 0) d.set(k, v - (a.get(k) ?? 0));
  return d;
}
