/**
 * The rules of the micro-credential framework, as pure functions. The table below is the source
 * document's table ("Vormen"), one column per form; every check reads from it rather than repeating it.
 * No I/O here: callers pass in what the rules need to know (course units, institution, decree tuition).
 */
import { checkText, isBlankText, type TextRuleId } from '../core/text-rules.ts';

export type Form = 'regular' | 'outside-regular';
export type QaType = 'internal-and-external' | 'institution';
export type ProofKind = 'credit-certificate' | 'micro-credential-certificate';
export type ParticipationForm = 'online' | 'on-site' | 'blended';
/** EU Council Recommendation 2022/C 243/02, Annex I: supervision and identity verification. */
export type Supervision = 'unsupervised-no-id-check' | 'supervised-no-id-check' | 'supervised-with-id-check';

export const FORMS: readonly Form[] = ['regular', 'outside-regular'];
export const PARTICIPATION_FORMS: readonly ParticipationForm[] = ['online', 'on-site', 'blended'];
export const SUPERVISION_OPTIONS: readonly Supervision[] = [
  'unsupervised-no-id-check',
  'supervised-no-id-check',
  'supervised-with-id-check',
];
export const QA_TYPES: readonly QaType[] = ['internal-and-external', 'institution'];

export interface FormRules {
  /** Codex Hoger Onderwijs applies. */
  higherEducationCodeApplies: boolean;
  /** Leerbewijs: what proofs a learner receives. */
  proofOfLearning: readonly ProofKind[];
  /** Studiegeld: decree (fixed part + per credit, per academic year) or set by the institution. */
  tuition: 'decree' | 'institution';
  /** Kwaliteitszorg. */
  qualityAssurance: QaType;
  /** Studieomvang: the least ECTS allowed (inclusive); 0 means any positive amount. */
  minimumEcts: number;
  /** Built from course units of the regular curriculum. */
  courseUnits: 'required' | 'not-allowed';
}

/** The source document's table, column by column. */
export const FORM_RULES: Readonly<Record<Form, FormRules>> = {
  regular: {
    higherEducationCodeApplies: true,
    proofOfLearning: ['credit-certificate', 'micro-credential-certificate'],
    tuition: 'decree',
    qualityAssurance: 'internal-and-external',
    minimumEcts: 3,
    courseUnits: 'required',
  },
  'outside-regular': {
    higherEducationCodeApplies: false,
    proofOfLearning: ['micro-credential-certificate'],
    tuition: 'institution',
    qualityAssurance: 'institution',
    minimumEcts: 0,
    courseUnits: 'not-allowed',
  },
};

/** Both forms: always less than 60 ECTS. */
export const ECTS_LIMIT_EXCLUSIVE = 60;
/** Flemish practice (framework agreement) is 3–20 ECTS: above this, warn but do not refuse. */
export const ECTS_WARNING_ABOVE = 20;
export const VKS_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

export interface LocalizedText {
  nl: string;
  en?: string | undefined;
}

export interface Partner {
  name: string;
  kind?: 'company' | 'sector-organisation' | 'public-body' | 'education' | 'other' | undefined;
  url?: string | undefined;
}

/** A micro-credential as the API, the import and the rules see it. */
export interface MicroCredentialDefinition {
  code: string;
  title: LocalizedText;
  description?: LocalizedText | undefined;
  form: Form;
  ects: number;
  vksLevel: number;
  learningOutcomes?: LocalizedText[] | undefined;
  /** Codes of the course units (form A only). */
  courseUnits?: string[] | undefined;
  assessmentType?: LocalizedText | undefined;
  participationForm?: ParticipationForm | undefined;
  supervision?: Supervision | undefined;
  prerequisites?: LocalizedText | undefined;
  /** ISO 639-1 language of instruction and assessment. */
  language: string;
  qaType?: QaType | undefined;
  /** Form B only: the tuition the institution sets, in euro. */
  tuitionEur?: number | undefined;
  partners?: Partner[] | undefined;
  stackability?: LocalizedText | undefined;
  fieldOfStudy?: string | undefined;
  /** Notional workload in hours, for the ECTS consistency check (25–30 hours per ECTS). */
  workloadHours?: number | undefined;
  furtherInfoUrl?: string | undefined;
}

/** What the rules need to know about one referenced course unit; `undefined` means it does not exist. */
export interface CourseUnitFacts {
  code: string;
  ects: number;
  qaInternal: boolean;
  qaExternal: boolean;
  published: boolean;
}

export interface IssuerFacts {
  name: string;
  country: string;
  region: string;
}

export type Phase = 'save' | 'publish';

export interface RuleProblem {
  field: string;
  rule: RuleId;
  severity: 'error' | 'warning';
  params?: Record<string, string | number>;
}

export type RuleId =
  | 'code-format'
  | 'title-required'
  | 'ects-positive'
  | 'ects-below-60'
  | 'ects-form-a-minimum'
  | 'ects-above-framework'
  | 'ects-sum-of-course-units'
  | 'vks-level-range'
  | 'course-units-required'
  | 'course-units-not-allowed'
  | 'course-unit-unknown'
  | 'course-unit-duplicate'
  | 'course-unit-not-published'
  | 'course-unit-qa'
  | 'qa-type-form'
  | 'tuition-decree'
  | 'tuition-institution'
  | 'language-code'
  | 'url-format'
  | 'workload-hours'
  | 'eu-mandatory'
  | TextRuleId;

export interface CheckContext {
  phase: Phase;
  /** Referenced course units, by code; absent codes do not exist in the institution. */
  courseUnits?: ReadonlyMap<string, CourseUnitFacts>;
  issuer?: IssuerFacts;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/;

type TextFields = Array<[field: string, value: LocalizedText | string | undefined, multiline: boolean]>;

/**
 * The text rules (no bidi or control characters, not only invisible characters) for every text field a
 * reader sees, in both languages: a title that displays differently from how it is signed, or one made of
 * zero-width spaces, is refused.
 */
function checkTexts(fields: TextFields): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const check = (field: string, value: string | undefined, multiline: boolean) => {
    if (value === undefined) return;
    const problem = checkText(value, { multiline });
    if (problem)
      problems.push({
        field,
        rule: problem.rule,
        severity: 'error',
        ...(problem.params ? { params: problem.params } : {}),
      });
  };
  for (const [field, value, multiline] of fields) {
    if (typeof value === 'string' || value === undefined) check(field, value, multiline);
    else {
      check(`${field}.nl`, value.nl, multiline);
      check(`${field}.en`, value.en, multiline);
    }
  }
  return problems;
}

const localizedList = (field: string, values: readonly LocalizedText[] | undefined): TextFields =>
  (values ?? []).map((value, i) => [`${field}[${i}]`, value, true]);

/**
 * Checks a definition against the framework rules. On `save` only the rules that hold for any draft
 * apply; on `publish` every EU mandatory element must be present too.
 *
 * @example
 * const problems = checkMicroCredential(def, { phase: 'publish', courseUnits });
 * const refused = problems.some((p) => p.severity === 'error');
 */
export function checkMicroCredential(def: MicroCredentialDefinition, context: CheckContext): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const error = (field: string, rule: RuleId, params?: RuleProblem['params']) =>
    problems.push({ field, rule, severity: 'error', ...(params ? { params } : {}) });
  const warn = (field: string, rule: RuleId, params?: RuleProblem['params']) =>
    problems.push({ field, rule, severity: 'warning', ...(params ? { params } : {}) });
  const rules = FORM_RULES[def.form];

  if (!CODE_PATTERN.test(def.code)) error('code', 'code-format');
  if (!def.title.nl.trim()) error('title.nl', 'title-required');
  problems.push(
    ...checkTexts([
      ['title', def.title, false],
      ['description', def.description, true],
      ...localizedList('learningOutcomes', def.learningOutcomes),
      ['assessmentType', def.assessmentType, true],
      ['prerequisites', def.prerequisites, true],
      ['stackability', def.stackability, true],
      ['fieldOfStudy', def.fieldOfStudy, false],
      ...(def.partners ?? []).map((p, i): TextFields[number] => [`partners[${i}].name`, p.name, false]),
    ]),
  );

  // Study load
  if (!(def.ects > 0)) error('ects', 'ects-positive');
  if (def.ects >= ECTS_LIMIT_EXCLUSIVE) error('ects', 'ects-below-60', { limit: ECTS_LIMIT_EXCLUSIVE });
  if (def.ects > 0 && def.ects < rules.minimumEcts)
    error('ects', 'ects-form-a-minimum', { minimum: rules.minimumEcts });
  if (def.ects > ECTS_WARNING_ABOVE && def.ects < ECTS_LIMIT_EXCLUSIVE) {
    warn('ects', 'ects-above-framework', { limit: ECTS_WARNING_ABOVE });
  }
  if (!VKS_LEVELS.includes(def.vksLevel as (typeof VKS_LEVELS)[number])) error('vksLevel', 'vks-level-range');

  // Course units (form A is built from them; form B lies outside the regular offering)
  const codes = def.courseUnits ?? [];
  if (rules.courseUnits === 'required' && codes.length === 0) error('courseUnits', 'course-units-required');
  if (rules.courseUnits === 'not-allowed' && codes.length > 0)
    error('courseUnits', 'course-units-not-allowed');
  if (rules.courseUnits === 'required' && codes.length > 0) {
    const seen = new Set<string>();
    let sum = 0;
    let allKnown = true;
    codes.forEach((code, i) => {
      if (seen.has(code)) error(`courseUnits[${i}]`, 'course-unit-duplicate', { code });
      seen.add(code);
      const unit = context.courseUnits?.get(code);
      if (!unit) {
        allKnown = false;
        error(`courseUnits[${i}]`, 'course-unit-unknown', { code });
        return;
      }
      sum += unit.ects;
      if (context.phase === 'publish') {
        if (!unit.published) error(`courseUnits[${i}]`, 'course-unit-not-published', { code });
        if (!(unit.qaInternal && unit.qaExternal)) error(`courseUnits[${i}]`, 'course-unit-qa', { code });
      }
    });
    if (allKnown && Math.abs(sum - def.ects) > 1e-9) {
      error('ects', 'ects-sum-of-course-units', { sum: round(sum), ects: def.ects });
    }
  }

  // Quality assurance follows the form
  if (def.qaType !== undefined && def.qaType !== rules.qualityAssurance) {
    error('qaType', 'qa-type-form', { expected: rules.qualityAssurance });
  }

  // Tuition: decree for form A, the institution's own amount for form B
  if (rules.tuition === 'decree' && def.tuitionEur !== undefined) error('tuitionEur', 'tuition-decree');
  if (rules.tuition === 'institution') {
    if (def.tuitionEur !== undefined && !(def.tuitionEur >= 0 && Number.isFinite(def.tuitionEur))) {
      error('tuitionEur', 'tuition-institution');
    } else if (def.tuitionEur === undefined && context.phase === 'publish') {
      error('tuitionEur', 'tuition-institution');
    }
  }

  if (!/^[a-z]{2}$/.test(def.language)) error('language', 'language-code');
  if (def.furtherInfoUrl !== undefined && !isHttpUrl(def.furtherInfoUrl))
    error('furtherInfoUrl', 'url-format');
  (def.partners ?? []).forEach((p, i) => {
    if (p.url !== undefined && !isHttpUrl(p.url)) error(`partners[${i}].url`, 'url-format');
  });
  if (def.workloadHours !== undefined && !(def.workloadHours > 0)) error('workloadHours', 'workload-hours');

  if (context.phase === 'publish') {
    for (const element of missingEuElements(def, context.issuer))
      error(element.field, 'eu-mandatory', element.params);
  }
  return problems;
}

/** EU mandatory elements (Annex I) that a micro-credential must state before it is published. */
export const EU_MANDATORY_ELEMENTS = [
  'learner-identification',
  'title',
  'country-region',
  'awarding-body',
  'date-of-issue',
  'learning-outcomes',
  'workload',
  'level',
  'assessment-type',
  'participation-form',
  'quality-assurance',
] as const;
export type EuElement = (typeof EU_MANDATORY_ELEMENTS)[number];

/**
 * Which mandatory elements a definition still lacks. Learner identification and date of issue belong to
 * the issued credential, not the definition, so they are never missing here.
 */
export function missingEuElements(
  def: MicroCredentialDefinition,
  issuer?: IssuerFacts,
): Array<{ field: string; params: { element: EuElement } }> {
  const missing: Array<{ field: string; params: { element: EuElement } }> = [];
  const add = (field: string, element: EuElement) => missing.push({ field, params: { element } });
  if (isBlankText(def.title.nl)) add('title.nl', 'title');
  if (issuer && (!issuer.country.trim() || !issuer.region.trim())) add('institution', 'country-region');
  if (issuer && !issuer.name.trim()) add('institution', 'awarding-body');
  const outcomes = (def.learningOutcomes ?? []).filter((o) => !isBlankText(o.nl));
  if (outcomes.length === 0) add('learningOutcomes', 'learning-outcomes');
  if (!(def.ects > 0)) add('ects', 'workload');
  if (!VKS_LEVELS.includes(def.vksLevel as (typeof VKS_LEVELS)[number])) add('vksLevel', 'level');
  if (isBlankText(def.assessmentType?.nl ?? '')) add('assessmentType', 'assessment-type');
  if (!def.participationForm) add('participationForm', 'participation-form');
  if (!effectiveQaType(def)) add('qaType', 'quality-assurance');
  return missing;
}

/** The quality assurance a form prescribes; a definition may state it, but cannot differ from it. */
export function effectiveQaType(def: Pick<MicroCredentialDefinition, 'form' | 'qaType'>): QaType {
  return def.qaType ?? FORM_RULES[def.form].qualityAssurance;
}

/** The proofs of learning a learner receives for this form. */
export function proofOfLearning(form: Form): readonly ProofKind[] {
  return FORM_RULES[form].proofOfLearning;
}

import type { DecreeTuitionYear } from '../tuition/decree-tuition-year.ts';
export type { DecreeTuitionYear } from '../tuition/decree-tuition-year.ts';

export type Tuition =
  | { kind: 'decree'; academicYear: string; fixedCents: number; perCreditCents: number; totalCents: number }
  | { kind: 'decree-unknown'; academicYear: string }
  | { kind: 'institution'; totalCents: number }
  | { kind: 'institution-unset' };

/**
 * Tuition for one academic year: form A from the decree table (fixed part + amount per credit), form B
 * the institution's own amount.
 *
 * @example
 * tuitionFor({ form: 'regular', ects: 6 }, [{ academicYear: '2021-22', fixedCents: 24790, perCreditCents: 1190 }], '2021-22')
 * // → { kind: 'decree', totalCents: 31930, ... }
 */
export function tuitionFor(
  def: Pick<MicroCredentialDefinition, 'form' | 'ects' | 'tuitionEur'>,
  decreeTable: readonly DecreeTuitionYear[],
  academicYear: string,
): Tuition {
  if (FORM_RULES[def.form].tuition === 'institution') {
    return def.tuitionEur === undefined
      ? { kind: 'institution-unset' }
      : { kind: 'institution', totalCents: Math.round(def.tuitionEur * 100) };
  }
  const row = decreeTable.find((r) => r.academicYear === academicYear);
  if (!row) return { kind: 'decree-unknown', academicYear };
  return {
    kind: 'decree',
    academicYear,
    fixedCents: row.fixedCents,
    perCreditCents: row.perCreditCents,
    totalCents: row.fixedCents + Math.round(row.perCreditCents * def.ects),
  };
}

/**
 * The Flemish academic year a date falls in; it starts on 1 September (2026-11-28 → "2026-27").
 */
export function academicYearOf(date: Date): string {
  const year = date.getUTCFullYear();
  const start = date.getUTCMonth() >= 8 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The latest year in the table not after `academicYear`, for showing an indicative amount. */
export function latestDecreeYear(
  decreeTable: readonly DecreeTuitionYear[],
  academicYear: string,
): DecreeTuitionYear | undefined {
  return [...decreeTable]
    .filter((r) => r.academicYear <= academicYear)
    .sort((a, b) => b.academicYear.localeCompare(a.academicYear))[0];
}

export interface CourseUnitDefinition {
  code: string;
  title: LocalizedText;
  ects: number;
  vksLevel: number;
  learningOutcomes?: LocalizedText[] | undefined;
  qaInternal: boolean;
  qaExternal: boolean;
}

/** Rules for a course unit (opleidingsonderdeel) of the regular curriculum. */
export function checkCourseUnit(def: CourseUnitDefinition, phase: Phase): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const error = (field: string, rule: RuleId, params?: RuleProblem['params']) =>
    problems.push({ field, rule, severity: 'error', ...(params ? { params } : {}) });
  if (!CODE_PATTERN.test(def.code)) error('code', 'code-format');
  if (!def.title.nl.trim()) error('title.nl', 'title-required');
  problems.push(
    ...checkTexts([['title', def.title, false], ...localizedList('learningOutcomes', def.learningOutcomes)]),
  );
  if (!(def.ects > 0)) error('ects', 'ects-positive');
  if (def.ects >= ECTS_LIMIT_EXCLUSIVE) error('ects', 'ects-below-60', { limit: ECTS_LIMIT_EXCLUSIVE });
  if (!VKS_LEVELS.includes(def.vksLevel as (typeof VKS_LEVELS)[number])) error('vksLevel', 'vks-level-range');
  if (phase === 'publish' && (def.learningOutcomes ?? []).filter((o) => !isBlankText(o.nl)).length === 0) {
    error('learningOutcomes', 'eu-mandatory', { element: 'learning-outcomes' });
  }
  return problems;
}

export function hasErrors(problems: readonly RuleProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

function isHttpUrl(text: string): boolean {
  try {
    const u = new URL(text);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
