/**
 * Plain text from a raw RFC 822 / MIME e-mail, for the spam packer: the
 * decoded Subject and the readable body (the first text/plain part, else the
 * first text/html part with its markup stripped), quoted-printable and base64
 * undone, charsets decoded, whitespace collapsed. Attachments and headers
 * other than Subject are dropped. Raw messages come in as latin1 strings (one
 * char per byte), so no byte is lost before the charset is known.
 */

/** Bytes of a latin1 (one char per byte) string. */
function bytesOf(s) {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return b;
}

/** Decodes bytes in a declared charset; undeclared or unknown: UTF-8 when valid, else Windows-1252. */
export function decodeCharset(bytes, charset) {
  const label = (charset ?? '').trim().toLowerCase().replace(/^"|"$/g, '');
  if (label && label !== 'us-ascii' && label !== 'ascii') {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      /* unknown label: fall through */
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Headers (lower-cased names, folded lines joined) and the body of a message or MIME part. */
export function splitMessage(raw) {
  const text = raw.replace(/\r\n/g, '\n');
  const cut = text.search(/\n\n/);
  const head = cut < 0 ? text : text.slice(0, cut);
  const body = cut < 0 ? '' : text.slice(cut + 2);
  const headers = new Map();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const m = /^([!-9;-~]+):\s?(.*)$/.exec(line);
    if (m && !headers.has(m[1].toLowerCase())) headers.set(m[1].toLowerCase(), m[2]);
  }
  return { headers, body };
}

/** A header parameter such as charset or boundary, from "text/plain; charset=utf-8". */
export function headerParam(value, name) {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*("([^"]*)"|[^;\\s]+)`, 'i').exec(value ?? '');
  return m ? (m[2] ?? m[1]) : null;
}

/** Quoted-printable to a latin1 byte string. */
export function decodeQuotedPrintable(s) {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
}

/** Base64 to a latin1 byte string (invalid characters ignored). */
export function decodeBase64(s) {
  return Buffer.from(s.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
}

/** RFC 2047 encoded words ("=?iso-8859-1?Q?caf=E9?=") in a header, decoded. */
export function decodeEncodedWords(value) {
  const joined = value.replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, '$1');
  const decoded = joined.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, charset, enc, data) => {
    const bytes = enc.toUpperCase() === 'B' ? decodeBase64(data) : decodeQuotedPrintable(data.replace(/_/g, ' '));
    return decodeCharset(bytesOf(bytes), charset.replace(/\*.*$/, ''));
  });
  // Raw 8-bit bytes in a header: decode them as the body would be.
  return /[\x80-\xff]/.test(decoded) && !/[^\x00-\xff]/.test(decoded) ? decodeCharset(bytesOf(decoded), null) : decoded;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', trade: '™', mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', pound: '£', euro: '€', bull: '•', middot: '·' };

/** Visible text of an HTML body: scripts, styles and comments removed, block tags as breaks, entities decoded. */
export function htmlToText(html) {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<(br|p|div|tr|li|h[1-6]|table)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);?/gi, (_, h) => safeChar(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d) => safeChar(parseInt(d, 10)))
    .replace(/&([a-z]+);/gi, (m, n) => ENTITIES[n.toLowerCase()] ?? m);
}

function safeChar(code) {
  return code > 0 && code < 0x110000 && !(code >= 0xd800 && code < 0xe000) ? String.fromCodePoint(code) : ' ';
}

/** Undeclared HTML: an opening html/head/body tag, or several markup tags near the start. */
function looksLikeHtml(text) {
  const start = text.slice(0, 3000);
  return /<(html|head|body|x-html|!doctype)\b/i.test(start) || (start.match(/<\/?(table|tr|td|font|p|br|div|center|meta|a|b|img)\b[^>]*>/gi) ?? []).length >= 4;
}

/** The body of one part as text, transfer encoding and charset undone; null for a non-text part. */
function partText(headers, body, depth) {
  const type = (headers.get('content-type') ?? 'text/plain').toLowerCase();
  const encoding = (headers.get('content-transfer-encoding') ?? '').trim().toLowerCase();
  if (type.startsWith('multipart/')) return multipartText(headers.get('content-type'), body, depth);
  // Some spam is multipart without saying so: a "--boundary" line right before a part's Content-Type.
  const implicit = !headers.has('content-type') && /^--(\S+)[ \t]*\n(?:[!-9;-~]+:.*\n)*?Content-Type:/im.exec(body.slice(0, 2000));
  if (implicit) return multipartText(`multipart/mixed; boundary="${implicit[1]}"`, body, depth);
  if (type.startsWith('message/rfc822')) return messageBody(body, depth + 1);
  if (!type.startsWith('text/') && type.trim() !== '') return null;
  const bytes = encoding === 'base64' ? decodeBase64(body) : encoding === 'quoted-printable' ? decodeQuotedPrintable(body) : body;
  const text = decodeCharset(bytesOf(bytes), headerParam(type, 'charset'));
  return type.startsWith('text/html') || looksLikeHtml(text) ? htmlToText(text) : text;
}

/** The best text of a multipart body: a text/plain part if any, else the first part with text. */
function multipartText(contentType, body, depth) {
  const boundary = headerParam(contentType, 'boundary');
  if (!boundary || depth > 6) return body;
  const esc = boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const chunks = body.split(new RegExp(`^--${esc}(?:--)?[ \\t]*$`, 'm')).slice(1, -1);
  const parts = (chunks.length ? chunks : body.split(`--${boundary}`).slice(1)).map((c) => splitMessage(c.replace(/^\n/, '')));
  const plain = parts.find((p) => /^text\/plain/i.test(p.headers.get('content-type') ?? 'text/plain'));
  const ordered = plain ? [plain, ...parts.filter((p) => p !== plain)] : parts;
  for (const p of ordered) {
    const t = partText(p.headers, p.body, depth + 1);
    if (t && t.trim()) return t;
  }
  return '';
}

function messageBody(raw, depth) {
  const { headers, body } = splitMessage(raw);
  return partText(headers, body, depth) ?? '';
}

/** Whitespace runs as one space, control characters (and so the packer's separators) removed. */
export function collapseText(s) {
  return s.replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u200b\ufeff\ufffd]/g, '').replace(/\s+/g, ' ').trim();
}

/** Cuts at most `max` characters, at a word boundary where one is near, never inside a surrogate pair. */
export function truncateText(s, max) {
  if (s.length <= max) return s;
  let cut = s.lastIndexOf(' ', max);
  if (cut < max * 0.8) cut = max;
  if (cut > 0 && /[\ud800-\udbff]/.test(s[cut - 1])) cut--;
  return s.slice(0, cut);
}

/** { subject, body } of a raw message (latin1 string), both collapsed; the body cut to maxBody characters. */
export function mailText(raw, maxBody) {
  const { headers, body } = splitMessage(raw);
  const subject = collapseText(decodeEncodedWords(headers.get('subject') ?? ''));
  const text = collapseText(partText(headers, body, 0) ?? '');
  return { subject, body: truncateText(text, maxBody) };
}
