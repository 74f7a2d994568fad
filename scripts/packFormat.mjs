/**
 * The container every packed text and series file shares (read back by
 * src/engine/data/packedFile.ts). Layout, little-endian:
 *   0  magic[4]       four ASCII letters, one per dataset ('TRNA', 'TRMD', ...)
 *   4  u32 version
 *   8  u32 count      records in the file
 *   12 u32 a          dataset-specific (fields per record for text tables)
 *   16 u32 b          dataset-specific
 *   20 u32 c          dataset-specific
 *   24 u32 payload    bytes after the header; the file is exactly 32 + payload long
 *   28 u32 checksum   FNV-1a (32-bit) of the payload, so a same-size corruption is caught too
 * Text tables store their records as UTF-8: fields joined by U+001F (unit
 * separator), records by U+0000. Cleaned text never holds either character.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HEADER_BYTES = 32;
export const FIELD_SEP = '\u001f';
export const RECORD_SEP = '\u0000';

const here = dirname(fileURLToPath(import.meta.url));
/** public/data/: copied into the build as is, git-ignored. */
export const DATA_DIR = join(here, '..', 'public', 'data');

/** FNV-1a, 32 bits, over bytes: h = (h xor byte) * 16777619, from 2166136261. */
export function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** A complete packed file: the 32-byte header above followed by the payload bytes. */
export function packFile(magic, version, [count, a = 0, b = 0, c = 0], payload) {
  if (magic.length !== 4) throw new Error(`magic "${magic}" must be 4 ASCII letters`);
  const buf = new Uint8Array(HEADER_BYTES + payload.length);
  for (let i = 0; i < 4; i++) buf[i] = magic.charCodeAt(i);
  const view = new DataView(buf.buffer);
  [version, count, a, b, c, payload.length, fnv1a(payload)].forEach((v, i) => view.setUint32(4 + 4 * i, v >>> 0, true));
  buf.set(payload, HEADER_BYTES);
  return buf;
}

/** Records (arrays of strings, all the same length) as one UTF-8 payload. */
export function encodeRecords(records, fields) {
  const parts = records.map((r, i) => {
    if (r.length !== fields) throw new Error(`record ${i} has ${r.length} fields, expected ${fields}`);
    for (const f of r) if (f.includes(FIELD_SEP) || f.includes(RECORD_SEP)) throw new Error(`record ${i} holds a separator character`);
    return r.join(FIELD_SEP);
  });
  return new TextEncoder().encode(parts.join(RECORD_SEP));
}

/** Newest modification time (ms) over files; the packers and this file count as sources too. */
function newest(paths) {
  return Math.max(...paths.map((p) => statSync(p).mtimeMs));
}

/**
 * Writes `output` from `build()` unless an up-to-date copy is there already: one
 * at least as new as every source (package files and packing scripts) whose
 * header has the right magic and version. Returns what it did.
 */
export function ensurePacked({ output, magic, version, sources, build, force = false }) {
  const deps = [...sources, fileURLToPath(import.meta.url)];
  if (!force && existsSync(output) && statSync(output).mtimeMs >= newest(deps)) {
    const head = readFileSync(output).subarray(0, 8);
    const ok = head.length === 8 && head.subarray(0, 4).toString('latin1') === magic && head.readUInt32LE(4) === version;
    if (ok) return 'up to date';
  }
  const buf = build();
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, buf);
  return `wrote ${buf.length} bytes`;
}

/** True when this module is the script node was started with. */
export function isMain(metaUrl) {
  return Boolean(process.argv[1]) && fileURLToPath(metaUrl) === process.argv[1];
}
