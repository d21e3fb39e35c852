import { parse } from 'csv-parse/sync';
import { t } from '../core/i18n.ts';
import { checkText } from '../core/text-rules.ts';
import { decodeUtf8 } from '../core/utf8.ts';

export interface AwardRow {
  line: number;
  email: string;
  name?: string | undefined;
  score?: number | undefined;
}

export interface CsvProblem {
  line: number;
  field: string;
  message: string;
}

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
        {
          line: (error as { lines?: number }).lines ?? 1,
          field: '(file)',
          message: (error as Error).message,
        },
      ],
    };
  }
  const [header, ...body] = records;
  if (!header)
    return {
      ok: false,
      problems: [
        { line: 1, field: '(file)', message: 'the file is empty; expected a header row: email,name,score' },
      ],
    };
  const columns = header.map((h) => h.toLowerCase());
  const problems: CsvProblem[] = [];
  if (!columns.includes('email'))
    problems.push({ line: 1, field: 'header', message: 'there is no "email" column' });
  for (const c of columns)
    if (!KNOWN.has(c))
      problems.push({ line: 1, field: 'header', message: `unknown column "${c}" (use email, name, score)` });
  if (problems.length) return { ok: false, problems };

  const rows: AwardRow[] = [];
  const seen = new Map<string, number>();
  body.forEach((record, i) => {
    const line = i + 2;
    const get = (name: string) => record[columns.indexOf(name)]?.trim() ?? '';
    if (record.length > columns.length)
      problems.push({
        line,
        field: '(row)',
        message: `${record.length} values for ${columns.length} columns`,
      });
    const email = get('email').toLowerCase();
    if (!EMAIL.test(email))
      problems.push({
        line,
        field: 'email',
        message: email ? `"${email}" is not an e-mail address` : 'is empty',
      });
    else if (seen.has(email))
      problems.push({ line, field: 'email', message: `${email} is also on line ${seen.get(email)}` });
    else seen.set(email, line);
    const scoreText = columns.includes('score') ? get('score') : '';
    let score: number | undefined;
    if (scoreText) {
      score = Number(scoreText.replace(',', '.'));
      if (!Number.isFinite(score) || score < 0 || score > 20)
        problems.push({ line, field: 'score', message: `"${scoreText}" is not a score from 0 to 20` });
      else if (score < passMark)
        problems.push({ line, field: 'score', message: `${score}/20 is below the pass mark of ${passMark}` });
    }
    const name = columns.includes('name') ? get('name') || undefined : undefined;
    const nameProblem = name === undefined ? undefined : checkText(name);
    if (nameProblem)
      problems.push({ line, field: 'name', message: t(nameProblem.rule, 'en', nameProblem.params) });
    rows.push({ line, email, name, score });
  });
  if (rows.length === 0 && problems.length === 0)
    problems.push({ line: 2, field: '(file)', message: 'there are no learners below the header' });
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
      problems: [
        {
          line: decoded.line,
          field: '(file)',
          message: 'is not valid UTF-8: save the file as "CSV UTF-8" and try again',
        },
      ],
    };
  return parseAwardCsv(decoded.text, passMark);
}

/** Flemish spreadsheets export with semicolons; take whichever separates the header. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}
