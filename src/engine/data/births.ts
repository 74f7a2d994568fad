/**
 * The packed daily US births, 1969-1988 (scripts/packBirths.mjs): one record
 * per day with its date, weekday and count, as typed arrays.
 */
import { createDataCache, DataFormatError, fetchPacked, readPacked, type FetchOptions } from './packedFile';

export const BIRTHS_KIND = { magic: 'TRUB', version: 1, what: 'the births series' };
/** Where the site serves the file, relative to the page. */
export const BIRTHS_PATH = 'data/births.bin';
const RECORD_BYTES = 8;
const DAY_MS = 86_400_000;

/** Day i of the series: year[i]-month[i]-day[i], weekday[i] (1 = Monday ... 7 = Sunday), births[i]. */
export interface BirthsData {
  count: number;
  year: Uint16Array;
  month: Uint8Array;
  day: Uint8Array;
  weekday: Uint8Array;
  births: Uint16Array;
}

/** Parses and checks a packed births file, including that the days are consecutive and the weekdays right. */
export function parseBirths(buffer: ArrayBuffer): BirthsData {
  const file = readPacked(buffer, BIRTHS_KIND);
  const n = file.count;
  if (n === 0 || file.payload.length !== n * RECORD_BYTES) throw new DataFormatError(`The births series is corrupt: ${file.payload.length} bytes of records for ${n} days.`);
  const view = new DataView(file.payload.buffer, file.payload.byteOffset, file.payload.byteLength);
  const out: BirthsData = { count: n, year: new Uint16Array(n), month: new Uint8Array(n), day: new Uint8Array(n), weekday: new Uint8Array(n), births: new Uint16Array(n) };
  let t0 = 0;
  for (let i = 0; i < n; i++) {
    const o = i * RECORD_BYTES;
    const [y, m, d, w] = [view.getUint16(o, true), view.getUint8(o + 2), view.getUint8(o + 3), view.getUint8(o + 4)];
    const t = Date.UTC(y, m - 1, d);
    if (i === 0) t0 = t;
    const calendarWeekday = ((new Date(t).getUTCDay() + 6) % 7) + 1;
    if (m < 1 || m > 12 || t !== t0 + i * DAY_MS || w !== calendarWeekday) throw new DataFormatError(`The births series is corrupt at day ${i} (${y}-${m}-${d}, weekday ${w}).`);
    out.year[i] = y;
    out.month[i] = m;
    out.day[i] = d;
    out.weekday[i] = w;
    out.births[i] = view.getUint16(o + 6, true);
  }
  if (out.year[0] !== file.a || out.year[n - 1] !== file.b) throw new DataFormatError(`The births series covers ${out.year[0]}-${out.year[n - 1]}, but its header says ${file.a}-${file.b}.`);
  return out;
}

/** Day i's date as "YYYY-MM-DD". */
export function birthsDate(data: BirthsData, i: number): string {
  return `${data.year[i]}-${String(data.month[i]).padStart(2, '0')}-${String(data.day[i]).padStart(2, '0')}`;
}

/** Fetches and parses the series, retrying network failures. */
export function fetchBirths(url: string, opts?: FetchOptions): Promise<BirthsData> {
  return fetchPacked(url, parseBirths, 'the births series', opts);
}

/** The worker's one copy. */
export const birthsStore = createDataCache('The births series', (url) => fetchBirths(url));
