import { parse } from 'csv-parse/sync';
import type { MessageParams } from '../core/errors.ts';
import { checkText } from '../core/text-rules.ts';
import { decodeUtf8 } from '../core/utf8.ts';
import { assessmentMessage, type AssessmentMessage } from '../assessment/messages.ts';

export interface AwardRow {
  line: number;
  email: string;
  name?: string | undefined;
  score?: number | undefined;
}

export interface CsvProblem {
  line: number;
  field: string;
  /** The problem's message in the assessment table and what it needs: the CLI renders it in `STAPEL_LANG`. */
  key: AssessmentMessage;
  params: MessageParams;
  /** The message in English. */
  message: string;
}

const problem = (
  line: number,
  field: string,
  key: AssessmentMessage,
  params: MessageParams = {},
): CsvProblem => ({ line, field, key, params, message: assessmentMessage(key, 'en', params) });

export type AwardCsv = { ok: true; rows: AwardRow[] } | { ok: false; problems: CsvProblem[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const KNOWN = new Set(['email', 'name', 'score']);

/**
 * Reads an award file: a header row with `email` and optionally `name` and `score` (on 20; a decimal
 * comma is accepted), then one learner per line. Every bad row is reported by its line number.
 *
 * @example
 * const parsed = parseAwardCsv('email;name;score\nan@example.org;An Peeters;14,5\n', 10);
 */
export function parseAwardCsv(text: string, passMark: number): AwardCsv {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      delimiter: detectDelimiter(text),
    });
  } catch (error) {
    return {
      ok: false,
      problems: [
        problem((error as { lines?: number }).lines ?? 1, '(file)', 'csv-unreadable', {
          detail: (error as Error).message,
        }),
      ],
    };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, problems: [problem(1, '(file)', 'award-csv-empty')] };
  const columns = header.map((h) => h.toLowerCase());
  const problems: CsvProblem[] = [];
  if (!columns.includes('email'))
    problems.push(problem(1, 'header', 'csv-missing-column', { column: 'email' }));
  for (const c of columns)
    if (!KNOWN.has(c)) problems.push(problem(1, 'header', 'award-csv-unknown-column', { column: c }));
  if (problems.length) return { ok: false, problems };

  const rows: AwardRow[] = [];
  const seen = new Map<string, number>();
  body.forEach((record, i) => {
    const line = i + 2;
    const get = (name: string) => record[columns.indexOf(name)]?.trim() ?? '';
    if (record.length > columns.length)
      problems.push(
        problem(line, '(row)', 'csv-row-length', { values: record.length, columns: columns.length }),
      );
    const email = get('email').toLowerCase();
    if (!EMAIL.test(email))
      problems.push(
        email
          ? problem(line, 'email', 'award-csv-email-invalid', { email })
          : problem(line, 'email', 'csv-email-empty'),
      );
    else if (seen.has(email))
      problems.push(problem(line, 'email', 'award-csv-duplicate', { email, other: seen.get(email)! }));
    else seen.set(email, line);
    const scoreText = columns.includes('score') ? get('score') : '';
    let score: number | undefined;
    if (scoreText) {
      score = Number(scoreText.replace(',', '.'));
      if (!Number.isFinite(score) || score < 0 || score > 20)
        problems.push(problem(line, 'score', 'award-csv-score-unreadable', { text: scoreText }));
      else if (score < passMark)
        problems.push(problem(line, 'score', 'award-csv-below-pass-mark', { score, passMark }));
    }
    const name = columns.includes('name') ? get('name') || undefined : undefined;
    const nameProblem = name === undefined ? undefined : checkText(name);
    if (nameProblem) problems.push(problem(line, 'name', nameProblem.rule, nameProblem.params));
    rows.push({ line, email, name, score });
  });
  if (rows.length === 0 && problems.length === 0)
    problems.push(problem(2, '(file)', 'award-csv-no-learners'));
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

/**
 * Reads an award file from its bytes, strictly as UTF-8 (a leading byte order mark is fine): a file with
 * bytes that are not UTF-8 is refused with the line they are on, rather than signing U+FFFD into names.
 *
 * @example
 * const parsed = parseAwardCsvBytes(fs.readFileSync('awards.csv'), 10);
 */
export function parseAwardCsvBytes(bytes: Uint8Array, passMark: number): AwardCsv {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok)
    return {
      ok: false,
      problems: [problem(decoded.line, '(file)', 'award-csv-encoding')],
    };
  return parseAwardCsv(decoded.text, passMark);
}

/** Flemish spreadsheets export with semicolons; take whichever separates the header. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}
