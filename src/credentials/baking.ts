import { crc32 } from 'node:zlib';

/**
 * Baking: an Open Badges 3.0 credential carried inside its badge image (OB 3.0, "Badge Baking"). A PNG
 * carries it in one `iTXt` chunk with the keyword `openbadgecredential`; an SVG in an
 * `<openbadges:credential>` element, the first child of its root. Pure functions over bytes and text: the
 * credential's text goes in and comes out unchanged, so that its signature still covers it.
 */

/** The iTXt keyword and the SVG namespace the specification fixes. */
export const PNG_KEYWORD = 'openbadgecredential';
export const OPEN_BADGES_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

/** Why bytes are not a PNG that can be read chunk by chunk; stable, for the verifier's messages. */
export type MalformedImageReason =
  'not-png' | 'truncated' | 'bad-crc' | 'no-header' | 'no-end' | 'bad-credential-chunk' | 'not-svg';

/** Bytes or text that are not the image they claim to be; `reason` says what is wrong. */
export class MalformedImageError extends Error {
  readonly reason: MalformedImageReason;
  constructor(reason: MalformedImageReason, detail: string) {
    super(detail);
    this.reason = reason;
    this.name = 'MalformedImageError';
  }
}

/** One chunk of a PNG: its four-letter type and its data. */
export interface PngChunk {
  type: string;
  data: Uint8Array;
}

/**
 * Whether bytes start with the eight-byte PNG signature.
 *
 * @example
 * isPng(fs.readFileSync('badge.png')); // true
 */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/**
 * Reads a PNG into its chunks, checking the signature, every length and CRC, that IHDR comes first and
 * that IEND ends it (bytes after IEND are ignored, as decoders do).
 *
 * @example
 * readPngChunks(bytes).map((c) => c.type); // ['IHDR', 'IDAT', 'IEND']
 */
export function readPngChunks(bytes: Uint8Array): PngChunk[] {
  if (!isPng(bytes))
    throw new MalformedImageError('not-png', 'The bytes do not start with the PNG signature.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let at = PNG_SIGNATURE.length;
  for (;;) {
    if (at + 12 > bytes.length)
      throw new MalformedImageError('truncated', `The PNG ends inside a chunk header at byte ${at}.`);
    const length = view.getUint32(at);
    const typeBytes = bytes.subarray(at + 4, at + 8);
    const type = String.fromCharCode(...typeBytes);
    if (!/^[A-Za-z]{4}$/.test(type))
      throw new MalformedImageError('truncated', `The PNG has an unreadable chunk type at byte ${at}.`);
    const end = at + 8 + length;
    if (end + 4 > bytes.length)
      throw new MalformedImageError('truncated', `The PNG chunk ${type} at byte ${at} runs past the end.`);
    const data = bytes.subarray(at + 8, end);
    if (crc32(bytes.subarray(at + 4, end)) >>> 0 !== view.getUint32(end))
      throw new MalformedImageError('bad-crc', `The PNG chunk ${type} at byte ${at} fails its CRC.`);
    if (chunks.length === 0 && type !== 'IHDR')
      throw new MalformedImageError('no-header', 'The PNG does not start with its IHDR chunk.');
    chunks.push({ type, data });
    at = end + 4;
    if (type === 'IEND') return chunks;
    if (at === bytes.length) throw new MalformedImageError('no-end', 'The PNG has no IEND chunk.');
  }
}

/**
 * Writes chunks back into a PNG, each with its length and CRC.
 *
 * @example
 * const same = writePngChunks(readPngChunks(bytes));
 */
export function writePngChunks(chunks: readonly PngChunk[]): Uint8Array {
  const total = PNG_SIGNATURE.length + chunks.reduce((sum, c) => sum + 12 + c.data.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(PNG_SIGNATURE, 0);
  let at = PNG_SIGNATURE.length;
  for (const chunk of chunks) {
    view.setUint32(at, chunk.data.length);
    for (let i = 0; i < 4; i++) out[at + 4 + i] = chunk.type.charCodeAt(i);
    out.set(chunk.data, at + 8);
    const end = at + 8 + chunk.data.length;
    view.setUint32(end, crc32(out.subarray(at + 4, end)) >>> 0);
    at = end + 4;
  }
  return out;
}

const latin1 = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** The keyword of an iTXt chunk (Latin-1, up to its first zero byte), or undefined when it has none. */
function itxtKeyword(data: Uint8Array): string | undefined {
  const zero = data.indexOf(0);
  return zero < 1 ? undefined : String.fromCharCode(...data.subarray(0, zero));
}

const isCredentialChunk = (chunk: PngChunk): boolean =>
  chunk.type === 'iTXt' && itxtKeyword(chunk.data) === PNG_KEYWORD;

/**
 * Bakes a credential into a PNG: one uncompressed `iTXt` chunk `openbadgecredential` (empty language tag
 * and translated keyword) with the credential's text (its JSON, or a compact JWT), just before IEND. A
 * credential baked before is replaced, so that the image never carries two.
 *
 * @example
 * const baked = bakePng(renderedBadge, credentialRow.document);
 */
export function bakePng(png: Uint8Array, credential: string): Uint8Array {
  const chunks = readPngChunks(png).filter((c) => !isCredentialChunk(c));
  const text = new TextEncoder().encode(credential);
  // keyword, 0, compression flag 0, compression method 0, language tag "" 0, translated keyword "" 0, text
  const head = latin1(`${PNG_KEYWORD}\0\0\0\0\0`);
  const data = new Uint8Array(head.length + text.length);
  data.set(head, 0);
  data.set(text, head.length);
  const end = chunks.length - 1; // IEND, which readPngChunks guarantees is last
  return writePngChunks([...chunks.slice(0, end), { type: 'iTXt', data }, chunks[end]!]);
}

/**
 * The credential text baked into a PNG, or undefined when it carries none. Refuses a malformed PNG, a
 * compressed or unreadable credential chunk, and a PNG with two of them (which one would count?).
 *
 * @example
 * const text = unbakePng(fs.readFileSync('badge.png')); // '{"@context":[…], …}'
 */
export function unbakePng(png: Uint8Array): string | undefined {
  const found = readPngChunks(png).filter(isCredentialChunk);
  if (found.length === 0) return undefined;
  if (found.length > 1)
    throw new MalformedImageError('bad-credential-chunk', 'The PNG carries more than one credential.');
  const data = found[0]!.data;
  let at = PNG_KEYWORD.length + 1;
  const compressed = data[at];
  if (compressed !== 0)
    throw new MalformedImageError(
      'bad-credential-chunk',
      'The PNG credential chunk is compressed or incomplete; baked credentials are stored uncompressed.',
    );
  at += 2; // compression flag and method
  // Language tag and translated keyword, each ended by a zero byte.
  for (let field = 0; field < 2; field++) {
    const zero = data.indexOf(0, at);
    if (zero < 0)
      throw new MalformedImageError('bad-credential-chunk', 'The PNG credential chunk is incomplete.');
    at = zero + 1;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(at));
  } catch {
    throw new MalformedImageError('bad-credential-chunk', 'The PNG credential chunk is not UTF-8 text.');
  }
}

/** The root `<svg …>` start tag: its position and text, after any prolog, comments and doctype. */
function svgRoot(svg: string): { start: number; end: number; tag: string } {
  const match =
    /^(?:\uFEFF)?\s*(?:<\?[\s\S]*?\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg(?=[\s>/])/i.exec(svg);
  if (!match) throw new MalformedImageError('not-svg', 'The text does not have an <svg> root element.');
  const start = match[0].length - 4;
  const end = svgTagEnd(svg, start);
  return { start, end, tag: svg.slice(start, end) };
}

/** Where a start tag ends (after its `>`), reading quoted attribute values whole. */
function svgTagEnd(svg: string, from: number): number {
  let quote = '';
  for (let i = from; i < svg.length; i++) {
    const c = svg[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  throw new MalformedImageError('not-svg', 'The <svg> start tag is not closed.');
}

/**
 * Every `<openbadges:credential>` element, from its start tag to its end tag, skipping CDATA sections so
 * that a credential whose text names the end tag is still read whole.
 */
function credentialElements(svg: string): Array<{ start: number; end: number; tag: string; body: string }> {
  const found: Array<{ start: number; end: number; tag: string; body: string }> = [];
  let from = 0;
  for (;;) {
    const start = svg.indexOf('<openbadges:credential', from);
    if (start < 0) return found;
    const tagEnd = svgTagEnd(svg, start);
    const tag = svg.slice(start, tagEnd);
    if (tag.endsWith('/>')) {
      found.push({ start, end: tagEnd, tag, body: '' });
      from = tagEnd;
      continue;
    }
    let at = tagEnd;
    for (;;) {
      const close = svg.indexOf('</openbadges:credential', at);
      const section = svg.indexOf('<![CDATA[', at);
      if (close < 0)
        throw new MalformedImageError('not-svg', 'An <openbadges:credential> element is not closed.');
      if (section >= 0 && section < close) {
        const sectionEnd = svg.indexOf(']]>', section + 9);
        if (sectionEnd < 0)
          throw new MalformedImageError('bad-credential-chunk', 'A CDATA section is not closed.');
        at = sectionEnd + 3;
        continue;
      }
      const end = svgTagEnd(svg, close);
      found.push({ start, end, tag, body: svg.slice(tagEnd, close) });
      from = end;
      break;
    }
  }
}

/** The SVG without any credential element. */
function withoutCredentials(svg: string): string {
  let out = '';
  let at = 0;
  for (const element of credentialElements(svg)) {
    out += svg.slice(at, element.start);
    at = element.end;
  }
  return out + svg.slice(at);
}

/** `]]>` cannot appear inside a CDATA section: split it across two. */
const cdata = (text: string): string => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

const escapeAttribute = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/**
 * Bakes a credential into an SVG: the root gets the `openbadges` namespace and a first child
 * `<openbadges:credential>` holding the credential's JSON as CDATA (a compact JWT goes in its `verify`
 * attribute instead). A credential baked before is replaced.
 *
 * @example
 * const baked = bakeSvg(badgeSvg, credentialRow.document);
 */
export function bakeSvg(svg: string, credential: string): string {
  const cleaned = withoutCredentials(svg);
  const root = svgRoot(cleaned);
  let tag = root.tag;
  if (!/\sxmlns:openbadges\s*=/.test(tag)) {
    const close = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
    tag = `${tag.slice(0, close).trimEnd()} xmlns:openbadges="${OPEN_BADGES_NAMESPACE}"${tag.slice(close)}`;
  }
  const isJwt = !credential.trimStart().startsWith('{');
  const element = isJwt
    ? `<openbadges:credential verify="${escapeAttribute(credential)}"></openbadges:credential>`
    : `<openbadges:credential>${cdata(credential)}</openbadges:credential>`;
  // A self-closing root (`<svg …/>`) is opened so that it can hold the credential.
  if (tag.endsWith('/>'))
    return `${cleaned.slice(0, root.start)}${tag.slice(0, -2)}>${element}</svg>${cleaned.slice(root.end)}`;
  return `${cleaned.slice(0, root.start)}${tag}${element}${cleaned.slice(root.end)}`;
}

const unescapeXml = (text: string): string =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

/**
 * The credential text baked into an SVG (the CDATA or text of `<openbadges:credential>`, or its `verify`
 * attribute), or undefined when it carries none. Refuses text without an `<svg>` root and an SVG with two
 * credentials.
 *
 * @example
 * const text = unbakeSvg(fs.readFileSync('badge.svg', 'utf8'));
 */
export function unbakeSvg(svg: string): string | undefined {
  svgRoot(svg);
  const found = credentialElements(svg);
  if (found.length === 0) return undefined;
  if (found.length > 1)
    throw new MalformedImageError('bad-credential-chunk', 'The SVG carries more than one credential.');
  const { tag, body } = found[0]!;
  const verify = /\sverify\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag);
  if (verify) return unescapeXml(verify[1] ?? verify[2] ?? '');
  // Text content: CDATA sections verbatim, everything between them unescaped.
  let text = '';
  let rest = body;
  for (;;) {
    const start = rest.indexOf('<![CDATA[');
    if (start < 0) {
      text += unescapeXml(rest);
      break;
    }
    text += unescapeXml(rest.slice(0, start));
    const end = rest.indexOf(']]>', start + 9);
    text += rest.slice(start + 9, end);
    rest = rest.slice(end + 3);
  }
  return text.trim() === '' ? undefined : text;
}
