/**
 * The rules of evaluation, as pure functions: what makes a recorded result valid, which result counts
 * when results were corrected, and which proofs of learning a learner is owed. No I/O here.
 */
import {
  FORM_RULES,
  SUPERVISION_OPTIONS,
  type Form,
  type ProofKind,
  type Supervision,
} from '../catalogue/rules.ts';
import type { MessageParams } from '../core/errors.ts';
import type { Lang } from '../core/i18n.ts';
import { checkText, type TextRuleId } from '../core/text-rules.ts';
import { assessmentMessage, type AssessmentMessage } from './messages.ts';
import { passes, scoreProblem } from './score-rules.ts';

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
  /**
   * The language of the problems' messages (the results grid shows them as typed); English when not
   * given. The server names problems by rule and parameters and renders them in the request's language.
   */
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

/** Rules whose message key differs from the rule id (the catalogue has a rule of the same name). */
const RESULT_MESSAGE_KEYS: Partial<Record<ResultRule, AssessmentMessage>> = {
  'course-unit-unknown': 'result-course-unit-unknown',
};

export interface ResultProblem {
  field: string;
  rule: ResultRule;
  /** The message's key in the assessment table. */
  key: AssessmentMessage;
  /** What the rule's message needs (`core/http.ts` renders it from the message tables). */
  params: MessageParams;
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
  const lang = context.lang ?? 'en';
  const add = (field: string, rule: ResultRule, params: MessageParams = {}) => {
    const key = RESULT_MESSAGE_KEYS[rule] ?? (rule as Exclude<ResultRule, 'course-unit-unknown'>);
    problems.push({ field, rule, key, params, message: assessmentMessage(key, lang, params) });
  };

  const score = input.score ?? null;
  let passed = input.passed ?? null;
  if (score === null && passed === null) {
    add('score', 'result-missing');
  }
  if (score !== null) {
    // A pass/fail that contradicts the score is refused, never silently overruled by the score.
    const problem = scoreProblem(score, passed, context.passMark, lang);
    if (problem) add(problem.field, problem.rule, problem.params);
    else passed = passes(score, context.passMark);
  }

  const assessedOn = input.assessedOn.trim();
  if (!isIsoDate(assessedOn)) add('assessedOn', 'date-format');
  // ISO dates compare correctly as text.
  else if (assessedOn > context.today)
    add('assessedOn', 'date-future', { date: assessedOn, today: context.today });

  const supervision = input.supervision.trim();
  if (!(SUPERVISION_OPTIONS as readonly string[]).includes(supervision))
    add('supervision', 'supervision-option');

  const assessmentType = input.assessmentType.trim();
  if (!assessmentType) add('assessmentType', 'assessment-type-required');
  // The assessment type is signed into the learner's credentials: the same text rules as titles.
  const assessmentText = checkText(assessmentType, { multiline: true });
  if (assessmentText) add('assessmentType', assessmentText.rule, assessmentText.params);

  const courseUnit = input.courseUnit?.trim() || null;
  if (FORM_RULES[context.form].courseUnits === 'required') {
    if (!courseUnit) add('courseUnit', 'course-unit-required');
    else if (!context.courseUnits.includes(courseUnit))
      add('courseUnit', 'course-unit-unknown', {
        code: courseUnit,
        courseUnits: context.courseUnits.join(', '),
      });
  } else if (courseUnit) {
    add('courseUnit', 'course-unit-not-allowed');
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

export {
  lineProblem,
  parseResultsCsv,
  type CsvLineProblem,
  type ResultsCsv,
  type ResultsCsvRow,
} from './results-csv.ts';
