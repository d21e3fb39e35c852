import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeUtf8, replacementLine } from '../../src/core/utf8.ts';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

describe('reading uploaded files strictly as UTF-8', () => {
  it('decodes UTF-8 and drops a leading byte order mark', () => {
    expect(decodeUtf8(bytes('email,name\nan@example.org,Zoë\n'))).toEqual({
      ok: true,
      text: 'email,name\nan@example.org,Zoë\n',
    });
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], 'email\n'))).toEqual({ ok: true, text: 'email\n' });
  });

  it('names the line of the first bytes that are not UTF-8', () => {
    expect(decodeUtf8(bytes('email,name\nan@example.org,An\n', 'bo@example.org,Zo', [0xeb], '\n'))).toEqual({
      ok: false,
      line: 3,
    });
    expect(decodeUtf8(bytes('a\r\nb\r\n', [0xc3]))).toEqual({ ok: false, line: 3 });
    expect(decodeUtf8(bytes([0xff], '\n'))).toEqual({ ok: false, line: 1 });
    // Overlong encodings and UTF-16 surrogates are not UTF-8 either.
    expect(decodeUtf8(bytes('a\n', [0xc0, 0xaf]))).toEqual({ ok: false, line: 2 });
    expect(decodeUtf8(bytes('a\n\n', [0xed, 0xa0, 0x80]))).toEqual({ ok: false, line: 3 });
  });

  it('holds for any text: its UTF-8 bytes decode to it, and one bad byte on line n is reported on line n', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(decodeUtf8(Buffer.from(text.replace(/^\uFEFF/, ''), 'utf8'))).toEqual({
          ok: true,
          text: text.replace(/^\uFEFF/, ''),
        });
      }),
    );
    const line = fc.string({ unit: 'grapheme' }).map((s) => s.replace(/[\n\uFEFF]/g, ''));
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.constantFrom(0x80, 0xc3, 0xff, 0xfe),
        (lines, at, bad) => {
          const n = at % lines.length;
          const parts = lines.map((l, i) => (i === n ? bytes(l, [bad]) : bytes(l)));
          const file = Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from('\n'), p])));
          expect(decodeUtf8(file)).toEqual({ ok: false, line: n + 1 });
        },
      ),
    );
  });

  it('finds U+FFFD left by a lenient reader, by line', () => {
    expect(replacementLine('email\nJ\uFFFDrgen\n')).toBe(2);
    expect(replacementLine('\uFFFD')).toBe(1);
    expect(replacementLine('email\nJürgen\n')).toBeUndefined();
  });
});
