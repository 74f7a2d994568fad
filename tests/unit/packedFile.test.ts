/**
 * The shared container: header and checksum agree between the packer
 * (scripts/packFormat.mjs) and the loader, fetch retries the network but not
 * a corrupt file, the cache forgets a failure so Retry fetches again, and a
 * warm build skips packing.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fetchNames, parseNames } from '../../src/engine/data/names';
import { createDataCache, decodeRecords, DataFormatError, fetchPacked, fnv1a, readPacked } from '../../src/engine/data/packedFile';
// @ts-expect-error: a plain .mjs build script without type declarations
import { encodeRecords, ensurePacked, fnv1a as packerFnv, packFile } from '../../scripts/packFormat.mjs';
import { bufferOf, packed } from './support/textDataFixture';

const KIND = { magic: 'TEST', version: 3, what: 'the test file' };

describe('packed container', () => {
  it('reads back what the packer wrote: counts, fields and records with Unicode text', () => {
    const records = [['Ahab', 'captain — ☠'], ['Queequeg', ''], ['', 'Pip']];
    const bytes = packFile('TEST', 3, [3, 2, 7, 8], encodeRecords(records, 2)) as Uint8Array;
    const file = readPacked(bufferOf(bytes), KIND);
    expect([file.count, file.a, file.b, file.c]).toEqual([3, 2, 7, 8]);
    expect(decodeRecords(file, 2, KIND.what)).toEqual(records);
    expect(() => decodeRecords(file, 3, KIND.what)).toThrow(/2 fields per record; this page reads 3/);
  });

  it('computes the same FNV-1a in the packer and the loader (the published test vectors)', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(fnv1a(enc(''))).toBe(0x811c9dc5);
    expect(fnv1a(enc('a'))).toBe(0xe40c292c);
    expect(fnv1a(enc('foobar'))).toBe(0xbf9cf968);
    const payload = packed('names').subarray(32);
    expect(fnv1a(payload)).toBe(packerFnv(payload));
  });

  it('refuses a record count that disagrees with the header', () => {
    const bytes = packFile('TEST', 3, [5, 1, 0, 0], encodeRecords([['a'], ['b']], 1)) as Uint8Array;
    expect(() => decodeRecords(readPacked(bufferOf(bytes), KIND), 1, KIND.what)).toThrow(/holds 2 records, but its header says 5/);
  });
});

describe('fetch and cache', () => {
  const good = () => bufferOf(packed('names'));

  it('retries network failures, then parses', async () => {
    let calls = 0;
    const flaky = (async () => {
      calls++;
      if (calls < 3) throw new Error('network down');
      return new Response(good());
    }) as unknown as typeof fetch;
    const d = await fetchNames('x', { retries: 2, delayMs: 1, fetchImpl: flaky });
    expect(d.female.length).toBe(4951);
    expect(calls).toBe(3);
  });

  it('does not retry a corrupt file, and says what is wrong with it', async () => {
    let calls = 0;
    const corrupt = (async () => {
      calls++;
      return new Response(good().slice(0, 5000));
    }) as unknown as typeof fetch;
    await expect(fetchNames('x', { retries: 2, delayMs: 1, fetchImpl: corrupt })).rejects.toThrow(/names file is truncated/);
    expect(calls).toBe(1);
  });

  it('gives up on a missing file after its tries, naming the data', async () => {
    const missing = (async () => new Response('no', { status: 404 })) as unknown as typeof fetch;
    await expect(fetchPacked('data/x.bin', parseNames, 'the names', { retries: 1, delayMs: 1, fetchImpl: missing })).rejects.toThrow(/Could not load the names \(HTTP 404 for data\/x.bin\) after 2 tries/);
  });

  it('cache: loads once, forgets a failure so that Retry fetches again', async () => {
    let calls = 0;
    let fail = true;
    const cache = createDataCache('The names', async () => {
      calls++;
      if (fail) throw new DataFormatError('The names file is truncated');
      return parseNames(good());
    });
    expect(() => cache.get()).toThrow(/not loaded yet/);
    await expect(cache.load('u')).rejects.toThrow(/truncated/);
    fail = false;
    const [a, b] = await Promise.all([cache.load('u'), cache.load('u')]);
    expect(a).toBe(b);
    expect(cache.get()).toBe(a);
    await cache.load('u');
    expect(calls).toBe(2);
  });
});

describe('build-time packing', () => {
  it('writes once, then skips while the output is newer than its sources and has the right header', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-'));
    try {
      const source = join(dir, 'source.json');
      const output = join(dir, 'out.bin');
      writeFileSync(source, '[]');
      let builds = 0;
      const build = () => {
        builds++;
        return packFile('TEST', 3, [0, 1, 0, 0], new Uint8Array(0));
      };
      const run = () => ensurePacked({ output, magic: 'TEST', version: 3, sources: [source], build });
      expect(run()).toMatch(/^wrote 32 bytes/);
      expect(run()).toBe('up to date');
      expect(builds).toBe(1);
      // A newer source, or a file of another version, is packed again.
      const later = statSync(output).mtimeMs / 1000 + 10;
      utimesSync(source, later, later);
      expect(run()).toMatch(/^wrote/);
      const b = readFileSync(output);
      b.writeUInt32LE(2, 4);
      writeFileSync(output, b);
      utimesSync(output, later + 10, later + 10);
      expect(run()).toMatch(/^wrote/);
      expect(builds).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
