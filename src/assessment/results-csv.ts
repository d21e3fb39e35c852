/**
 * Reading a results file, as a pure function: its shape (header, columns, values) line by line. Each row's
 * content is checked afterwards with the rules of one result (`checkResult` in `rules.ts`).
 */
import { parse } from 'csv-parse/sync';
import { FORM_RULES, type Form } from '../catalogue/rules.ts';
import type { MessageParams } from '../core/errors.ts';
import { assessmentMessage, type AssessmentMessage } from './messages.ts';
import { SCORE_MAX } from './score-rules.ts';
import type { ResultInput } from './rules.ts';

/** One line of a results file, read but not yet checked against the rules or the database. */
export interface ResultsCsvRow {
  line: number;
  email: string;
  input: ResultInput;
}

export interface CsvLineProblem {
  line: number;
  field: string;
  /** A stable rule id where the problem has one (`csv-encoding`); reported as `results-file` otherwise. */
  rule?: string | undefined;
  /** The problem's message in the assessment table, and what it needs: rendered in the reader's language. */
  key: AssessmentMessage;
  params: MessageParams;
  /** The message in English, for logs and tests of the pure rules. */
  message: string;
}

/**
 * One line problem of a results file, its English message written out from the table.
 *
 * @example
 * lineProblem(4, 'email', 'csv-not-enrolled', { email: 'an@example.org', edition: 'DATA-1' });
 */
export function lineProblem(
  line: number,
  field: string,
  key: AssessmentMessage,
  params: MessageParams = {},
  rule?: string,
): CsvLineProblem {
  return {
    line,
    field,
    ...(rule ? { rule } : {}),
    key,
    params,
    message: assessmentMessage(key, 'en', params),
  };
}

export interface ResultsCsv {
  rows: ResultsCsvRow[];
  problems: CsvLineProblem[];
}

const CSV_COLUMNS = [
  'email',
  'course_unit',
  'score',
  'passed',
  'assessed_on',
  'assessment_type',
  'supervision',
] as const;
const PASSED_WORDS = new Map<string, boolean>([
  ['yes', true],
  ['ja', true],
  ['pass', true],
  ['passed', true],
  ['geslaagd', true],
  ['true', true],
  ['1', true],
  ['no', false],
  ['nee', false],
  ['fail', false],
  ['failed', false],
  ['niet geslaagd', false],
  ['false', false],
  ['0', false],
]);

/**
 * Reads a results file: a header row, then one result per line with the columns `email`, `course_unit`
 * (form A only), `score` (on 20, decimal comma accepted) and/or `passed`, `assessed_on` (YYYY-MM-DD),
 * `assessment_type` and `supervision`. Commas or semicolons. Problems of the file's shape are reported
 * by line; each row's content is checked afterwards with `checkResult`.
 *
 * @example
 * const { rows, problems } = parseResultsCsv('email;course_unit;score;assessed_on;assessment_type;supervision\n…', 'regular');
 */
export function parseResultsCsv(text: string, form: Form): ResultsCsv {
  const clean = text.replace(/^\uFEFF/, '');
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(clean, {
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      delimiter: detectDelimiter(clean),
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    return {
      rows: [],
      problems: [
        lineProblem((error as { lines?: number }).lines ?? 1, '(file)', 'csv-unreadable', {
          detail: (error as Error).message,
        }),
      ],
    };
  }
  const expected = `email,${form === 'regular' ? 'course_unit,' : ''}score,assessed_on,assessment_type,supervision`;
  const [head, ...body] = records;
  if (!head) return { rows: [], problems: [lineProblem(1, '(file)', 'csv-empty', { expected })] };
  const headerLine = head.info.lines;
  const columns = head.record.map((h) => h.toLowerCase());
  const problems: CsvLineProblem[] = [];
  const header = (key: AssessmentMessage, params: MessageParams = {}) =>
    problems.push(lineProblem(headerLine, 'header', key, params));
  for (const c of columns)
    if (!(CSV_COLUMNS as readonly string[]).includes(c))
      header('csv-unknown-column', { column: c, expected });
  for (const c of ['email', 'assessed_on', 'assessment_type', 'supervision'])
    if (!columns.includes(c)) header('csv-missing-column', { column: c });
  if (!columns.includes('score') && !columns.includes('passed')) header('csv-missing-score-column');
  const courseUnits = FORM_RULES[form].courseUnits === 'required';
  if (courseUnits && !columns.includes('course_unit')) header('csv-missing-course-unit-column');
  if (problems.length) return { rows: [], problems };

  const rows: ResultsCsvRow[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    const get = (name: string) =>
      columns.includes(name) ? (record[columns.indexOf(name)] ?? '').trim() : '';
    if (record.length > columns.length) {
      problems.push(
        lineProblem(line, '(row)', 'csv-row-length', { values: record.length, columns: columns.length }),
      );
      continue;
    }
    const scoreText = get('score');
    let score: number | null = null;
    if (scoreText) {
      score = Number(scoreText.replace(',', '.'));
      if (!Number.isFinite(score)) {
        problems.push(
          lineProblem(line, 'score', 'csv-score-unreadable', { text: scoreText, max: SCORE_MAX }),
        );
        continue;
      }
    }
    const passedText = get('passed').toLowerCase();
    let passed: boolean | null = null;
    if (passedText) {
      const word = PASSED_WORDS.get(passedText);
      if (word === undefined) {
        problems.push(lineProblem(line, 'passed', 'csv-passed-unreadable', { text: passedText }));
        continue;
      }
      passed = word;
    }
    rows.push({
      line,
      email: get('email').toLowerCase(),
      input: {
        courseUnit: get('course_unit') || null,
        score,
        passed,
        assessedOn: get('assessed_on'),
        assessmentType: get('assessment_type'),
        supervision: get('supervision'),
      },
    });
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push(lineProblem(headerLine + 1, '(file)', 'csv-no-results'));
  return { rows, problems };
}

/** Flemish spreadsheets export with semicolons; take whichever separates the header. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}
