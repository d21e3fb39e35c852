import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ValidationError } from '../../src/core/errors.ts';
import { assertReadableText, checkText, isBlankText, textProblems } from '../../src/core/text-rules.ts';

const BIDI = [
  '\u061C',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
const INVISIBLE = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u034F',
  '\u180E',
  '\u3164',
  '\uFE0F',
  '\u2800',
];
const WHITE = [' ', '\u00A0', '\u2003', '\u3000'];

describe('text rules for titles and names', () => {
  it('refuses each bidirectional control, naming it', () => {
    for (const c of BIDI) {
      const problem = checkText(`Data${c}analyse`);
      expect(problem?.rule).toBe('text-bidi-control');
      expect(problem?.params?.codePoint).toBe(
        `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
      );
    }
    expect(checkText('\u202Efdp.exe')).toEqual({
      rule: 'text-bidi-control',
      params: { codePoint: 'U+202E' },
    });
  });

  it('refuses values made only of invisible characters and white space', () => {
    expect(checkText('\u200B\u200B')).toEqual({ rule: 'text-invisible-only' });
    expect(checkText(' \u00AD\uFEFF\u2060 ')).toEqual({ rule: 'text-invisible-only' });
    expect(checkText('\u2800')).toEqual({ rule: 'text-invisible-only' });
  });

  it('leaves emptiness to the field: empty and blank values break no text rule', () => {
    expect(checkText('')).toBeUndefined();
    expect(checkText('   ')).toBeUndefined();
  });

  it('refuses control characters; descriptions may have line breaks and tabs', () => {
    expect(checkText('An\u0000Peeters')).toEqual({
      rule: 'text-control-character',
      params: { codePoint: 'U+0000' },
    });
    expect(checkText('regel 1\nregel 2')?.rule).toBe('text-control-character');
    expect(checkText('regel 1\r\nregel 2\tmet tab', { multiline: true })).toBeUndefined();
    expect(checkText('bel\u0007', { multiline: true })?.rule).toBe('text-control-character');
  });

  it('accepts real names and titles in any script, joiners inside words included', () => {
    for (const text of [
      'Data-analyse voor beleidsmakers',
      'Zoë Van den Broeck-Ağaoğlu',
      'محمد الأمين',
      'שרה לוי',
      'Ренат Іваненко',
      '김민준',
      'मनीषा',
      'Anaïs 👩‍💻',
      'می‌خواهم',
    ])
      expect(checkText(text)).toBeUndefined();
  });

  it('holds for any text: visible text without controls passes, and one bidi control anywhere fails', () => {
    const visible = fc
      .string({ minLength: 1, unit: 'grapheme' })
      .filter((s) => !isBlankText(s) && !/[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u.test(s));
    fc.assert(
      fc.property(visible, (s) => {
        expect(checkText(s)).toBeUndefined();
      }),
    );
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...BIDI), fc.string(), (a, c, b) => {
        expect(checkText(a + c + b)?.rule).toBe('text-bidi-control');
      }),
    );
  });

  it('holds for any mix of invisible characters and white space: blank, and refused when not empty', () => {
    const blank = fc.array(fc.constantFrom(...INVISIBLE, ...WHITE), { minLength: 1 }).map((a) => a.join(''));
    fc.assert(
      fc.property(blank, (s) => {
        expect(isBlankText(s)).toBe(true);
        expect(checkText(s)?.rule).toBe(s.trim() === '' ? undefined : 'text-invisible-only');
      }),
    );
  });

  it('names the fields and explains in Dutch and English', () => {
    expect(textProblems({ name: '\u200B', other: undefined }, 'nl')).toEqual([
      { field: 'name', rule: 'text-invisible-only', message: expect.stringContaining('onzichtbare tekens') },
    ]);
    expect(textProblems({ name: 'A\u202EB' }, 'en')[0]?.message).toContain('reading direction (U+202E)');
    expect(() => assertReadableText({ name: 'An Peeters' })).not.toThrow();
    expect(() => assertReadableText({ name: '\u200B\u200B' })).toThrow(ValidationError);
  });
});
