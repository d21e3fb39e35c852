/**
 * The rules of evaluation, as pure functions: what makes a recorded result valid, which result counts
 * when results were corrected, and which proofs of learning a learner is owed. No I/O here.
 */
import { parse } from 'csv-parse/sync';
import {
  FORM_RULES,
  SUPERVISION_OPTIONS,
  type Form,
  type ProofKind,
  type Supervision,
} from '../catalogue/rules.ts';
import { t, type Lang } from '../core/i18n.ts';
import { checkText, type TextRuleId } from '../core/text-rules.ts';
import { passes, SCORE_MAX, scoreProblem } from './score-rules.ts';

export { passes, SCORE_MAX } from './score-rules.ts';

/** A result as an assessor enters it, before it is checked. */
export interface ResultInput {
  /** Course unit code: required for form A, absent for form B. */
  courseUnit?: string | null | undefined;
  /** Score on 20; optional when only pass/fail is known. */
  score?: number | null | undefined;
  /** Pass or fail; derived from the score when absent. */
  passed?: boolean | null | undefined;
  /** Date of the assessment, YYYY-MM-DD. */
  assessedOn: string;
  assessmentType: string;
  supervision: string;
}

export interface ResultRulesContext {
  form: Form;
  /** Codes of the course units of the micro-credential version (form A). */
  courseUnits: readonly string[];
  /** The lowest passing score on 20 (settings). */
  passMark: number;
  /** Today's date (YYYY-MM-DD) where the institution is, so that no result is dated in the future. */
  today: string;
  /** The language of the messages; English when not given. */
  lang?: Lang | undefined;
}

/** A checked result: consistent, trimmed and complete. */
export interface ValidResult {
  courseUnit: string | null;
  score: number | null;
  passed: boolean;
  assessedOn: string;
  assessmentType: string;
  supervision: Supervision;
}

export type ResultRule =
  | 'result-missing'
  | 'score-range'
  | 'score-contradicts-pass'
  | 'date-format'
  | 'date-future'
  | 'supervision-option'
  | 'assessment-type-required'
  | 'course-unit-required'
  | 'course-unit-unknown'
  | 'course-unit-not-allowed'
  | TextRuleId;

export interface ResultProblem {
  field: string;
  rule: ResultRule;
  message: string;
}

export type ResultCheck = { ok: true; result: ValidResult } | { ok: false; problems: ResultProblem[] };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * True for a real calendar date written YYYY-MM-DD.
 *
 * @example
 * isIsoDate('2024-02-29'); // true
 * isIsoDate('2025-02-29'); // false
 */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().slice(0, 10) === text;
}

/**
 * Checks one result against the evaluation rules and returns it normalised (pass/fail derived from the
 * score when not given), or every problem by field.
 *
 * @example
 * checkResult({ courseUnit: 'DATA101', score: 14, assessedOn: '2025-01-20', assessmentType: 'Project', supervision: 'supervised-with-id-check' },
 *   { form: 'regular', courseUnits: ['DATA101', 'DATA102'], passMark: 10, today: '2025-02-01' });
 */
export function checkResult(input: ResultInput, context: ResultRulesContext): ResultCheck {
  const problems: ResultProblem[] = [];
  const add = (field: string, rule: ResultRule, message: string) => problems.push({ field, rule, message });

  const score = input.score ?? null;
  let passed = input.passed ?? null;
  if (score === null && passed === null) {
    add('score', 'result-missing', 'give a score on 20 or whether the learner passed');
  }
  if (score !== null) {
    // A pass/fail that contradicts the score is refused, never silently overruled by the score.
    const problem = scoreProblem(score, passed, context.passMark, context.lang ?? 'en');
    if (problem) add(problem.field, problem.rule, problem.message);
    else passed = passes(score, context.passMark);
  }

  const assessedOn = input.assessedOn.trim();
  if (!isIsoDate(assessedOn)) add('assessedOn', 'date-format', 'must be a date written YYYY-MM-DD');
  // ISO dates compare correctly as text.
  else if (assessedOn > context.today)
    add('assessedOn', 'date-future', `${assessedOn} is in the future (today is ${context.today})`);

  const supervision = input.supervision.trim();
  if (!(SUPERVISION_OPTIONS as readonly string[]).includes(supervision))
    add('supervision', 'supervision-option', `must be one of: ${SUPERVISION_OPTIONS.join(', ')}`);

  const assessmentType = input.assessmentType.trim();
  if (!assessmentType) add('assessmentType', 'assessment-type-required', 'say how the learner was assessed');
  // The assessment type is signed into the learner's credentials: the same text rules as titles.
  const assessmentText = checkText(assessmentType, { multiline: true });
  if (assessmentText)
    add('assessmentType', assessmentText.rule, t(assessmentText.rule, 'en', assessmentText.params));

  const courseUnit = input.courseUnit?.trim() || null;
  if (FORM_RULES[context.form].courseUnits === 'required') {
    if (!courseUnit)
      add('courseUnit', 'course-unit-required', 'say which course unit this result is for (form A)');
    else if (!context.courseUnits.includes(courseUnit))
      add(
        'courseUnit',
        'course-unit-unknown',
        `${courseUnit} is not a course unit of this micro-credential (${context.courseUnits.join(', ')})`,
      );
  } else if (courseUnit) {
    add(
      'courseUnit',
      'course-unit-not-allowed',
      'a micro-credential outside the regular offering (form B) has one result, not one per course unit',
    );
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    result: {
      courseUnit,
      score,
      passed: passed === true,
      assessedOn,
      assessmentType,
      supervision: supervision as Supervision,
    },
  };
}

/** One result a learner needs: per course unit for form A, one for the whole micro-credential for form B. */
export interface Requirement {
  /** Course unit (code or id, as the caller identifies them); null for form B. */
  courseUnit: string | null;
}

/**
 * The results a learner needs before the micro-credential certificate can be issued.
 *
 * @example
 * requiredResults('regular', ['DATA101', 'DATA102']); // [{ courseUnit: 'DATA101' }, { courseUnit: 'DATA102' }]
 * requiredResults('outside-regular', []); // [{ courseUnit: null }]
 */
export function requiredResults(form: Form, courseUnits: readonly string[]): Requirement[] {
  if (FORM_RULES[form].courseUnits === 'required') return courseUnits.map((courseUnit) => ({ courseUnit }));
  return [{ courseUnit: null }];
}

/**
 * The key of a requirement in maps: the course unit, or '' for the one result of form B.
 *
 * @example
 * requirementKey(null); // ''
 */
export function requirementKey(courseUnit: string | null): string {
  return courseUnit ?? '';
}

/** What the correction rules need to know about a recorded result. */
export interface ChainRecord {
  id: string;
  courseUnit: string | null;
  /** The record this one corrects. */
  supersedesId: string | null;
  createdAt: string;
}

/**
 * The result that counts for each requirement: the latest record of its correction chain (the one no
 * other record supersedes). Older records stay; they are history.
 *
 * @example
 * const current = currentResults(records); // Map: requirementKey(courseUnit) → record
 */
export function currentResults<T extends ChainRecord>(records: readonly T[]): Map<string, T> {
  const superseded = new Set(records.map((r) => r.supersedesId).filter((id): id is string => id !== null));
  const current = new Map<string, T>();
  for (const record of records) {
    if (superseded.has(record.id)) continue;
    const key = requirementKey(record.courseUnit);
    const other = current.get(key);
    // Two heads for one requirement cannot be written through the store; if they exist, the newest counts.
    if (
      !other ||
      record.createdAt > other.createdAt ||
      (record.createdAt === other.createdAt && record.id > other.id)
    )
      current.set(key, record);
  }
  return current;
}

/** A proof of learning owed to a learner. */
export interface OwedProof {
  kind: ProofKind;
  /** The course unit of a credit certificate; null for the micro-credential certificate. */
  courseUnit: string | null;
}

/**
 * The proofs a learner is owed now, given the current result per requirement. Form A: a credit
 * certificate per passed course unit, and the certificate only when every course unit is passed.
 * Form B: the certificate when passed. Nothing without a passed result.
 *
 * @example
 * eligibleProofs('regular', ['DATA101', 'DATA102'], new Map([['DATA101', { passed: true }]]));
 * // [{ kind: 'credit-certificate', courseUnit: 'DATA101' }]
 */
export function eligibleProofs(
  form: Form,
  courseUnits: readonly string[],
  current: ReadonlyMap<string, { passed: boolean }>,
): OwedProof[] {
  const requirements = requiredResults(form, courseUnits);
  const passed = (r: Requirement) => current.get(requirementKey(r.courseUnit))?.passed === true;
  const owed: OwedProof[] = [];
  if (FORM_RULES[form].proofOfLearning.includes('credit-certificate')) {
    for (const r of requirements)
      if (r.courseUnit !== null && passed(r))
        owed.push({ kind: 'credit-certificate', courseUnit: r.courseUnit });
  }
  // A form A micro-credential without course units has nothing to pass: it never earns a certificate.
  if (requirements.length > 0 && requirements.every(passed))
    owed.push({ kind: 'micro-credential-certificate', courseUnit: null });
  return owed;
}

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
  message: string;
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
        {
          line: (error as { lines?: number }).lines ?? 1,
          field: '(file)',
          message: (error as Error).message,
        },
      ],
    };
  }
  const expected = `email,${form === 'regular' ? 'course_unit,' : ''}score,assessed_on,assessment_type,supervision`;
  const [head, ...body] = records;
  if (!head)
    return {
      rows: [],
      problems: [
        { line: 1, field: '(file)', message: `the file is empty; expected a header row: ${expected}` },
      ],
    };
  const headerLine = head.info.lines;
  const columns = head.record.map((h) => h.toLowerCase());
  const problems: CsvLineProblem[] = [];
  const header = (message: string) => problems.push({ line: headerLine, field: 'header', message });
  for (const c of columns)
    if (!(CSV_COLUMNS as readonly string[]).includes(c)) header(`unknown column "${c}" (use ${expected})`);
  for (const c of ['email', 'assessed_on', 'assessment_type', 'supervision'])
    if (!columns.includes(c)) header(`there is no "${c}" column`);
  if (!columns.includes('score') && !columns.includes('passed'))
    header('there is no "score" column (or "passed" for results without a score)');
  const courseUnits = FORM_RULES[form].courseUnits === 'required';
  if (courseUnits && !columns.includes('course_unit'))
    header('there is no "course_unit" column: form A records a result per course unit');
  if (problems.length) return { rows: [], problems };

  const rows: ResultsCsvRow[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    const get = (name: string) =>
      columns.includes(name) ? (record[columns.indexOf(name)] ?? '').trim() : '';
    if (record.length > columns.length) {
      problems.push({
        line,
        field: '(row)',
        message: `${record.length} values for ${columns.length} columns`,
      });
      continue;
    }
    const scoreText = get('score');
    let score: number | null = null;
    if (scoreText) {
      score = Number(scoreText.replace(',', '.'));
      if (!Number.isFinite(score)) {
        problems.push({
          line,
          field: 'score',
          message: `"${scoreText}" is not a score from 0 to ${SCORE_MAX}`,
        });
        continue;
      }
    }
    const passedText = get('passed').toLowerCase();
    let passed: boolean | null = null;
    if (passedText) {
      const word = PASSED_WORDS.get(passedText);
      if (word === undefined) {
        problems.push({ line, field: 'passed', message: `"${passedText}" is not yes or no` });
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
    problems.push({
      line: headerLine + 1,
      field: '(file)',
      message: 'there are no results below the header',
    });
  return { rows, problems };
}

/** Flemish spreadsheets export with semicolons; take whichever separates the header. */
function detectDelimiter(text: string): string {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
}
