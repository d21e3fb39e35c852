import { constants, inflateSync } from 'node:zlib';
import { AFRelationship, type PDFDocument } from 'pdf-lib';
import { isPdf } from './file-kinds.ts';

/** The media type of a signed credential (VC 2.0), which PDF readers show next to the attachment. */
const CREDENTIAL_MEDIA_TYPE = 'application/vc+ld+json';

/**
 * An attached file larger than this is not a credential: we stop inflating there, so that a small uploaded PDF
 * cannot expand into gigabytes (a deflate bomb) inside the verifier.
 */
export const MAX_ATTACHMENT_BYTES = 4 * 1024 * 1024;

/** All embedded files of one PDF together inflate to at most this: many small bombs are one large one. */
export const MAX_INFLATED_BYTES = 4 * 1024 * 1024;

/** Most embedded files examined in one PDF; a certificate has one. */
export const MAX_EMBEDDED_FILES = 16;

/** Longest stream dictionary read; an embedded file's is a few hundred bytes. */
const MAX_DICTIONARY_CHARS = 64 * 1024;

/**
 * Attaches the signed credential to a PDF as an embedded file (PDF/A-3 style: AFRelationship Source, since the
 * credential is what the printed certificate is made from), so that the PDF alone can be verified. The text is
 * attached byte for byte as given: the signature covers it. pdf-lib writes the attachment when the PDF is saved.
 *
 * @example
 * const pdf = await PDFDocument.create();
 * await attachCredential(pdf, signedText, 'credential.json');
 * const bytes = await pdf.save();
 */
export async function attachCredential(
  pdf: PDFDocument,
  credentialText: string,
  fileName: string,
): Promise<void> {
  await pdf.attach(new TextEncoder().encode(credentialText), fileName, {
    mimeType: CREDENTIAL_MEDIA_TYPE,
    description: 'Verifiable credential (Open Badges 3.0)',
    afRelationship: AFRelationship.Source,
  });
}

/**
 * The first file embedded in a PDF that is a JSON object with an `@context` — the credential a certificate
 * carries — as its exact text; undefined when the PDF has none. Throws a plain Error when the bytes are not a
 * PDF; the caller words that for the user.
 *
 * The PDF is not loaded as a document: that would unpack every object stream before any limit applies (a
 * deflate bomb). Streams never sit inside object streams (ISO 32000-1 §7.5.7), so the raw bytes are scanned
 * once for stream objects of `/Type /EmbeddedFile`, and only those are inflated, each and all together within
 * a bound.
 *
 * @example
 * const text = await extractAttachedCredential(await readFile('certificate.pdf'));
 * if (text) await verify(text);
 */
export async function extractAttachedCredential(pdf: Uint8Array): Promise<string | undefined> {
  if (!isPdf(pdf)) throw new Error('The file is not a PDF (no %PDF header).');
  // Latin-1 maps each byte to one character, so positions in the text are positions in the bytes.
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  let budget = MAX_INFLATED_BYTES;
  let examined = 0;
  const seen = { objects: 0 };
  for (const stream of streamObjects(text, seen)) {
    if (!isEmbeddedFile(stream.dictionary)) continue;
    if (++examined > MAX_EMBEDDED_FILES) return undefined;
    const { bytes, spent } = decodedStream(
      pdf.subarray(stream.dataStart, stream.dataEnd),
      stream.dictionary,
      budget,
    );
    budget -= spent;
    const found = bytes && credentialTextOf(bytes);
    if (found !== undefined) return found;
    if (budget <= 0) return undefined;
  }
  // A header and no object at all is not a PDF any reader could open.
  if (seen.objects === 0) throw new Error('The file has a PDF header but no PDF objects.');
  return undefined;
}

/** A stream object found in the raw bytes: its dictionary's text and where its data lies. */
interface RawStream {
  dictionary: string;
  dataStart: number;
  dataEnd: number;
}

/**
 * The stream objects of a PDF, in file order: each `obj` followed by a dictionary and the `stream` keyword.
 * One pass: the scan goes on after each dictionary and after each stream's data, never back.
 */
function* streamObjects(text: string, seen: { objects: number }): Generator<RawStream> {
  let at = 0;
  for (;;) {
    const obj = text.indexOf('obj', at);
    if (obj < 0) return;
    at = obj + 3;
    const open = skipWhitespace(text, at);
    if (!text.startsWith('<<', open)) continue;
    seen.objects++;
    const close = dictionaryEnd(text, open);
    if (close === undefined) {
      // Unclosed within the limit: what lies inside was part of it, so go on past it.
      at = Math.min(text.length, open + MAX_DICTIONARY_CHARS);
      continue;
    }
    at = close;
    const keyword = skipWhitespace(text, close);
    if (!text.startsWith('stream', keyword)) continue;
    // The keyword is followed by CRLF or LF (§7.3.8.1); a lone CR is tolerated.
    let dataStart = keyword + 6;
    if (text.startsWith('\r\n', dataStart)) dataStart += 2;
    else if (text[dataStart] === '\n' || text[dataStart] === '\r') dataStart += 1;
    else continue;
    const dictionary = text.slice(open, close);
    const dataEnd = streamDataEnd(text, dictionary, dataStart);
    yield { dictionary, dataStart, dataEnd };
    at = dataEnd;
  }
}

const WHITESPACE = new Set(['\0', '\t', '\n', '\f', '\r', ' ']);

function skipWhitespace(text: string, from: number): number {
  let at = from;
  while (at < text.length && WHITESPACE.has(text[at]!)) at++;
  return at;
}

/**
 * Where the dictionary opened at `open` ends (after its `>>`), reading nested dictionaries, literal strings
 * with their escapes, hex strings and comments whole; undefined when it does not end within the limit.
 */
function dictionaryEnd(text: string, open: number): number | undefined {
  const limit = Math.min(text.length, open + MAX_DICTIONARY_CHARS);
  let depth = 0;
  for (let i = open; i < limit; i++) {
    const c = text[i];
    if (c === '<' && text[i + 1] === '<') {
      depth++;
      i++;
    } else if (c === '>' && text[i + 1] === '>') {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    } else if (c === '<') {
      const end = text.indexOf('>', i);
      if (end < 0 || end >= limit) return undefined;
      i = end;
    } else if (c === '(') {
      let nesting = 1;
      for (i++; i < limit && nesting > 0; i++) {
        if (text[i] === '\\') i++;
        else if (text[i] === '(') nesting++;
        else if (text[i] === ')') nesting--;
      }
      i--;
    } else if (c === '%') {
      while (i < limit && text[i] !== '\n' && text[i] !== '\r') i++;
    }
  }
  return undefined;
}

/**
 * Where a stream's data ends: after its direct `/Length` when `endstream` follows there, otherwise (an
 * indirect or wrong length) just before the next `endstream`, or at the end of the file.
 */
function streamDataEnd(text: string, dictionary: string, dataStart: number): number {
  const length = /\/Length\s+(\d{1,10})(?![\s\d]*R)(?=[\s/>])/.exec(dictionary);
  if (length) {
    const end = dataStart + Number(length[1]);
    if (end <= text.length && text.startsWith('endstream', skipWhitespace(text, end))) return end;
  }
  const endstream = text.indexOf('endstream', dataStart);
  if (endstream < 0) return text.length;
  // The end-of-line marker before `endstream` is not part of the data.
  let end = endstream;
  if (text[end - 1] === '\n') end--;
  if (text[end - 1] === '\r') end--;
  return Math.max(dataStart, end);
}

/** `/Type /EmbeddedFile`, with or without whitespace, and not `/EmbeddedFiles`. */
const isEmbeddedFile = (dictionary: string): boolean =>
  /\/Type\s*\/EmbeddedFile(?![^\s/<>[\]()%{}])/.test(dictionary);

/**
 * The decoded bytes of an embedded file, unfiltered or `/FlateDecode` only, inflated to at most the smaller
 * of the attachment limit and what is left of the budget (none when it is larger, or filtered otherwise),
 * with the inflated bytes it cost: a file cut off at the limit costs the limit.
 */
function decodedStream(
  data: Uint8Array,
  dictionary: string,
  budget: number,
): { bytes?: Uint8Array; spent: number } {
  const limit = Math.max(1, Math.min(MAX_ATTACHMENT_BYTES, budget));
  // Predictors (DecodeParms) belong to images, not to an attached credential.
  if (/\/DecodeParms\b|\/DP\b/.test(dictionary)) return { spent: 0 };
  // One filter name, or an array of them.
  const filter = /\/Filter\s*(?:\[([^\]]*)\]|(\/[^\s/<>[\]()%{}]+))/.exec(dictionary);
  const filters = filter
    ? (filter[1] ?? filter[2] ?? '')
        .split('/')
        .map((f) => f.trim())
        .filter(Boolean)
    : [];
  if (filters.length === 0)
    return data.length <= limit ? { bytes: data, spent: data.length } : { spent: limit };
  if (filters.length > 1 || filters[0] !== 'FlateDecode') return { spent: 0 };
  try {
    // Past the limit zlib stops and throws; a stream cut short gives what it holds (SYNC_FLUSH).
    const bytes = inflateSync(data, { maxOutputLength: limit, finishFlush: constants.Z_SYNC_FLUSH });
    return { bytes: new Uint8Array(bytes), spent: bytes.length };
  } catch {
    return { spent: limit };
  }
}

/** The text when the bytes are UTF-8 JSON of an object with `@context`; otherwise undefined. */
function credentialTextOf(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // A UTF-8 byte order mark is not part of the JSON the signature covers; drop it before parsing only.
  const json = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && '@context' in value)
      return json;
  } catch {
    return undefined;
  }
  return undefined;
}
