/**
 * Reading uploaded text files strictly. A lenient decoder turns bytes that are not UTF-8 (a file saved as
 * Windows-1252, say) into U+FFFD, and that replacement character would end up in evaluation records and in
 * signed credentials. Files are read strictly instead, and refused with the line a person can fix.
 */

export type Utf8Decoding = { ok: true; text: string } | { ok: false; line: number };

const LF = 0x0a;
const REPLACEMENT = '\uFFFD';

/**
 * Decodes UTF-8 bytes, or says on which line (from 1) the first byte sequence that is not UTF-8 is.
 * A leading byte order mark is dropped.
 *
 * @example
 * decodeUtf8(Buffer.from('email\nan@example.org\n')); // { ok: true, text: 'email\nan@example.org\n' }
 * decodeUtf8(Buffer.from([0x61, 0x0a, 0xe9, 0x0a])); // { ok: false, line: 2 }
 */
export function decodeUtf8(bytes: Uint8Array): Utf8Decoding {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // 0x0A never occurs inside a multi-byte UTF-8 sequence, so lines can be decoded one by one.
    const line = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    let start = 0;
    for (let number = 1; ; number += 1) {
      const end = bytes.indexOf(LF, start);
      try {
        line.decode(bytes.subarray(start, end === -1 ? bytes.length : end));
      } catch {
        return { ok: false, line: number };
      }
      if (end === -1) return { ok: false, line: number };
      start = end + 1;
    }
  }
}

/**
 * The line (from 1) of the first U+FFFD in text that was decoded elsewhere (a browser's `file.text()`),
 * where it marks bytes that could not be read; undefined when there is none.
 *
 * @example
 * replacementLine('email\nJ\uFFFDrgen\n'); // 2
 */
export function replacementLine(text: string): number | undefined {
  const at = text.indexOf(REPLACEMENT);
  if (at === -1) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}
