import { PNG_SIGNATURE, isPng, svgRootStart } from './file-kinds.ts';

/**
 * Baking: an Open Badges 3.0 credential carried inside its badge image (OB 3.0, "Badge Baking"). A PNG
 * carries it in one `iTXt` chunk with the keyword `openbadgecredential`; an SVG in an
 * `<openbadges:credential>` element, the first child of its root. Pure functions over bytes and text: the
 * credential's text goes in and comes out unchanged, so that its signature still covers it. No Node APIs: the
 * badge upload in the browser reads PNG chunks with the same strict reader as the server.
 */

/** The iTXt keyword and the SVG namespace the specification fixes. */
export const PNG_KEYWORD = 'openbadgecredential';
export const OPEN_BADGES_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';

export { isPng };

/**
 * Most CDATA sections read in one credential element. Baking writes one, and one more per `]]>` in the
 * credential's text; thousands of (empty) sections are a file built to make the reader work, not a badge.
 */
export const MAX_CDATA_SECTIONS = 256;

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

/** The CRC-32 table of PNG (ISO 3309, polynomial 0xEDB88320), built on first use. */
let crcTable: Uint32Array | undefined;

/**
 * CRC-32 as PNG chunks use it, in plain code so that the module runs in the browser too.
 *
 * @example
 * crc32(new TextEncoder().encode('IEND')); // 0xae426082
 */
export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
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
  const start = svgRootStart(svg);
  if (start === undefined)
    throw new MalformedImageError('not-svg', 'The text does not have an <svg> root element.');
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

/** One `<openbadges:credential>` element: where it starts and ends, its start tag, and its CDATA sections. */
interface CredentialElement {
  start: number;
  end: number;
  tag: string;
  body: string;
  /** Each CDATA section of the body, as positions in the body: its text is `body.slice(from, to)`. */
  sections: Array<{ open: number; from: number; to: number }>;
}

const CLOSE_TAG = '</openbadges:credential';
const CDATA_OPEN = '<![CDATA[';

/**
 * Every `<openbadges:credential>` element, from its start tag to its end tag, skipping CDATA sections so
 * that a credential whose text names the end tag is still read whole. One pass: the end tag is searched
 * again only when the one found lies inside a CDATA section, and the number of sections is capped.
 */
function credentialElements(svg: string): CredentialElement[] {
  const found: CredentialElement[] = [];
  let from = 0;
  for (;;) {
    const start = svg.indexOf('<openbadges:credential', from);
    if (start < 0) return found;
    const tagEnd = svgTagEnd(svg, start);
    const tag = svg.slice(start, tagEnd);
    if (tag.endsWith('/>')) {
      found.push({ start, end: tagEnd, tag, body: '', sections: [] });
      from = tagEnd;
      continue;
    }
    const sections: Array<{ open: number; from: number; to: number }> = [];
    let close = svg.indexOf(CLOSE_TAG, tagEnd);
    let at = tagEnd;
    for (;;) {
      if (close < 0)
        throw new MalformedImageError('not-svg', 'An <openbadges:credential> element is not closed.');
      const section = svg.indexOf(CDATA_OPEN, at);
      if (section < 0 || section > close) break;
      if (sections.length >= MAX_CDATA_SECTIONS)
        throw new MalformedImageError(
          'bad-credential-chunk',
          `The SVG credential has more than ${MAX_CDATA_SECTIONS} CDATA sections.`,
        );
      const sectionEnd = svg.indexOf(']]>', section + CDATA_OPEN.length);
      if (sectionEnd < 0)
        throw new MalformedImageError('bad-credential-chunk', 'A CDATA section is not closed.');
      sections.push({
        open: section - tagEnd,
        from: section + CDATA_OPEN.length - tagEnd,
        to: sectionEnd - tagEnd,
      });
      at = sectionEnd + 3;
      // The end tag found was text inside this section: look again, from after it.
      if (close < at) close = svg.indexOf(CLOSE_TAG, at);
    }
    const end = svgTagEnd(svg, close);
    found.push({ start, end, tag, body: svg.slice(tagEnd, close), sections });
    from = end;
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

/** A character reference's character; a number past Unicode stays as it was written. */
const codePoint = (written: string, value: number): string =>
  value <= 0x10ffff ? String.fromCodePoint(value) : written;

const unescapeXml = (text: string): string =>
  text
    .replace(/&#x([0-9a-f]{1,8});/gi, (m, hex: string) => codePoint(m, parseInt(hex, 16)))
    .replace(/&#(\d{1,8});/g, (m, dec: string) => codePoint(m, Number(dec)))
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
  const { tag, body, sections } = found[0]!;
  const verify = /\sverify\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(tag);
  if (verify) return unescapeXml(verify[1] ?? verify[2] ?? '');
  // Text content: CDATA sections verbatim, everything between them unescaped.
  let text = '';
  let at = 0;
  for (const section of sections) {
    text += unescapeXml(body.slice(at, section.open)) + body.slice(section.from, section.to);
    at = section.to + 3;
  }
  text += unescapeXml(body.slice(at));
  return text.trim() === '' ? undefined : text;
}
