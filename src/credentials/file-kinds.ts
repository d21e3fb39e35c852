/**
 * Telling files apart by their first bytes, and the small encodings every badge and certificate reader
 * shares. Pure and without Node APIs, so that the browser (the badge upload in the editor, the file check of
 * the verifier) sniffs files exactly as the server does.
 */

/** The eight bytes every PNG starts with (PNG specification, 5.2). */
export const PNG_SIGNATURE: Readonly<Uint8Array> = Uint8Array.of(
  0x89,
  0x50,
  0x4e,
  0x47,
  0x0d,
  0x0a,
  0x1a,
  0x0a,
);

/**
 * Whether bytes start with the eight-byte PNG signature.
 *
 * @example
 * isPng(fs.readFileSync('badge.png')); // true
 */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

const PDF_MARKER = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/**
 * Whether bytes are a PDF: "%PDF-" within the first 1024 bytes, where PDF readers look for it (a little junk
 * may come first, ISO 32000-1 §7.5.2).
 *
 * @example
 * isPdf(await readFile('certificate.pdf')); // true
 */
export function isPdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 1024) - PDF_MARKER.length;
  for (let i = 0; i <= end; i++) if (PDF_MARKER.every((b, j) => bytes[i + j] === b)) return true;
  return false;
}

/**
 * Where the root `<svg` start tag of an XML text begins, after an optional byte order mark, XML declaration
 * or other processing instructions, comments and a doctype; undefined when the root is not `<svg>`. A scan
 * with indexOf rather than one regular expression, so that a hostile prolog costs one pass, not a backtrack.
 *
 * @example
 * svgRootStart('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'); // 22
 */
export function svgRootStart(text: string): number | undefined {
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at]!)) at++;
    const ahead = text.slice(at, at + 9);
    let close: number;
    if (ahead.startsWith('<?')) close = endOf(text, '?>', at + 2);
    else if (ahead.startsWith('<!--')) close = endOf(text, '-->', at + 4);
    else if (ahead.toUpperCase() === '<!DOCTYPE') close = doctypeEnd(text, at + 9);
    else break;
    if (close < 0) return undefined;
    at = close;
  }
  if (text.slice(at, at + 4).toLowerCase() !== '<svg') return undefined;
  const next = text[at + 4];
  return next !== undefined && /[\s>/]/.test(next) ? at : undefined;
}

/** The position after `marker`, searched from `from`; -1 when it does not occur. */
function endOf(text: string, marker: string, from: number): number {
  const found = text.indexOf(marker, from);
  return found < 0 ? -1 : found + marker.length;
}

/** The end of a doctype, after its internal subset (`[ … ]`) when it has one. */
function doctypeEnd(text: string, from: number): number {
  const bracket = text.indexOf('[', from);
  const gt = text.indexOf('>', from);
  if (gt < 0) return -1;
  if (bracket < 0 || bracket > gt) return gt + 1;
  const subsetEnd = text.indexOf(']', bracket);
  return subsetEnd < 0 ? -1 : endOf(text, '>', subsetEnd);
}

/**
 * Text made safe to put in XML element content or a double-quoted attribute value.
 *
 * @example
 * escapeXml('R&D <"1">'); // 'R&amp;D &lt;&quot;1&quot;&gt;'
 */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * The `data:` URL a badge image is sent, stored and embedded as. Without Node's Buffer, so that the editor
 * builds the same text the server stores.
 *
 * @example
 * badgeDataUrl({ mediaType: 'image/png', bytes }); // 'data:image/png;base64,iVBOR…'
 */
export function badgeDataUrl(image: { mediaType: string; bytes: Uint8Array }): string {
  let binary = '';
  for (let i = 0; i < image.bytes.length; i += 0x8000)
    binary += String.fromCharCode(...image.bytes.subarray(i, i + 0x8000));
  return `data:${image.mediaType};base64,${btoa(binary)}`;
}
