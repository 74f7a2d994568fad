/**
 * The container the text and series files share (written by
 * scripts/packFormat.mjs): a 32-byte header (magic, version, count, three
 * dataset fields, payload length, FNV-1a checksum), checked before any byte
 * of the payload is trusted; records of UTF-8 text; fetch with retry. No tfjs
 * and no DOM: the worker, the main thread and Node tests all use it.
 */
export const PACKED_HEADER_BYTES = 32;
const FIELD_SEP = '\u001f';
const RECORD_SEP = '\u0000';

/** A packed file that is not what its loader expects; the message is written for the reader. */
export class DataFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFormatError';
  }
}

/** What a loader expects of a file: its magic, version and a name the reader understands ("the e-mail corpus"). */
export interface PackedKind {
  magic: string;
  version: number;
  what: string;
}

/** A checked header and the payload bytes it describes. */
export interface PackedFile {
  count: number;
  /** The three dataset-specific header fields. */
  a: number;
  b: number;
  c: number;
  payload: Uint8Array;
}

/** FNV-1a, 32 bits: h = (h xor byte) * 16777619 from 2166136261, as the packer computes it. */
export function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Checks magic, version, length and checksum; throws DataFormatError with a reader-facing message. */
export function readPacked(buffer: ArrayBuffer, kind: PackedKind): PackedFile {
  const W = capital(kind.what);
  if (buffer.byteLength < PACKED_HEADER_BYTES) throw new DataFormatError(`${W} is too short (${buffer.byteLength} bytes): it was truncated or is not the packed file.`);
  const bytes = new Uint8Array(buffer);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== kind.magic) throw new DataFormatError(`${W} does not start with "${kind.magic}" (found "${magic.replace(/[^\x20-\x7e]/g, '?')}"): it is not the packed file.`);
  const view = new DataView(buffer);
  const u32 = (i: number) => view.getUint32(4 + 4 * i, true);
  const [version, count, a, b, c, length, checksum] = [u32(0), u32(1), u32(2), u32(3), u32(4), u32(5), u32(6)];
  if (version !== kind.version) throw new DataFormatError(`${W} has format version ${version}; this page reads version ${kind.version}. Reload the page to get a matching copy.`);
  const expected = PACKED_HEADER_BYTES + length;
  if (buffer.byteLength !== expected) {
    const how = buffer.byteLength < expected ? 'truncated' : 'longer than its header says';
    throw new DataFormatError(`${W} is ${how}: ${buffer.byteLength} bytes, expected ${expected}.`);
  }
  const payload = bytes.subarray(PACKED_HEADER_BYTES);
  if (fnv1a(payload) !== checksum) throw new DataFormatError(`${W} is corrupt: its contents do not match the checksum in its header.`);
  return { count, a, b, c, payload };
}

/** The payload's records: `count` records of `fields` UTF-8 strings each; throws if the shape is wrong. */
export function decodeRecords(file: PackedFile, fields: number, what: string): string[][] {
  if (file.a !== fields) throw new DataFormatError(`${capital(what)} has ${file.a} fields per record; this page reads ${fields}.`);
  const text = new TextDecoder('utf-8').decode(file.payload);
  const records = file.count === 0 ? [] : text.split(RECORD_SEP).map((r) => r.split(FIELD_SEP));
  if (records.length !== file.count) throw new DataFormatError(`${capital(what)} holds ${records.length} records, but its header says ${file.count}.`);
  const bad = records.findIndex((r) => r.length !== fields);
  if (bad >= 0) throw new DataFormatError(`${capital(what)} is corrupt: record ${bad} has ${records[bad].length} fields, expected ${fields}.`);
  return records;
}

/** Options for fetchPacked; fetchImpl lets tests stand in for the network. */
export interface FetchOptions {
  retries?: number;
  delayMs?: number;
  fetchImpl?: typeof fetch;
}

/**
 * Fetches `url` and parses it, retrying network failures with a short
 * back-off; a file that arrives but is corrupt is not retried (it would not
 * change). The final error's message is meant for the reader.
 */
export async function fetchPacked<T>(url: string, parse: (buffer: ArrayBuffer) => T, what: string, { retries = 2, delayMs = 400, fetchImpl = fetch }: FetchOptions = {}): Promise<T> {
  let lastError: unknown = null;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, delayMs * attempt));
    try {
      const res = await fetchImpl(url);
      if (!res.ok) throw new Error(`HTTP ${res.status} for ${url}`);
      return parse(await res.arrayBuffer());
    } catch (e) {
      if (e instanceof DataFormatError) throw e;
      lastError = e;
    }
  }
  throw new Error(`Could not load ${what} (${(lastError as Error)?.message ?? String(lastError)}) after ${retries + 1} tries.`);
}

/** A load-once cache (the worker's one copy of a dataset): a failed load is forgotten so that Retry fetches again. */
export interface DataCache<T> {
  /** Loads once; later calls share the same promise or the loaded value. */
  load(url: string): Promise<T>;
  /** Sets the data directly (tests, benchmarks). */
  provide(data: T): void;
  /** The loaded data; throws if nothing loaded it (a bug, not a reader's problem). */
  get(): T;
  /** Forgets the data (tests). */
  clear(): void;
}

/** A DataCache over a fetcher such as fetchNames. */
export function createDataCache<T>(name: string, fetcher: (url: string) => Promise<T>): DataCache<T> {
  let data: T | null = null;
  let pending: Promise<T> | null = null;
  return {
    load(url) {
      if (data !== null) return Promise.resolve(data);
      if (!pending) {
        pending = fetcher(url).then(
          (d) => {
            pending = null;
            return (data = d);
          },
          (e) => {
            pending = null;
            throw e;
          },
        );
      }
      return pending;
    },
    provide(d) {
      data = d;
    },
    get() {
      if (data === null) throw new Error(`${name} is not loaded yet (the model spec must await its load in prepare)`);
      return data;
    },
    clear() {
      data = null;
      pending = null;
    },
  };
}
