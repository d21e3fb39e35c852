import {
  checkMicroCredential,
  type CourseUnitFacts,
  type Form,
  type LocalizedText,
  type MicroCredentialDefinition,
  type ParticipationForm,
  type Partner,
  type Supervision,
} from '../../src/catalogue/rules.ts';
import type {
  CourseUnitView,
  MicroCredentialUpdate,
  MicroCredentialView,
} from '../../src/catalogue/schemas.ts';
import { isEditable, preCheck, type VersionState } from '../../src/quality/rules.ts';

export type PartnerKind = NonNullable<Partner['kind']>;

/** A text in Dutch and English as the form holds it: two strings, either may be empty. */
export interface TextPair {
  nl: string;
  en: string;
}

export interface OutcomeDraft extends TextPair {
  key: number;
}

export interface PartnerDraft {
  key: number;
  name: string;
  kind: PartnerKind | '';
  url: string;
}

/** The editor's state: what the designer typed, numbers still as text. */
export interface MicroCredentialDraft {
  code: string;
  title: TextPair;
  description: TextPair;
  form: Form;
  ects: string;
  vksLevel: string;
  workloadHours: string;
  /** In the order chosen; only sent for form A. */
  courseUnits: string[];
  learningOutcomes: OutcomeDraft[];
  assessmentType: TextPair;
  supervision: Supervision | '';
  participationForm: ParticipationForm | '';
  language: string;
  prerequisites: TextPair;
  /** Only sent for form B. */
  tuitionEur: string;
  partners: PartnerDraft[];
  stackability: TextPair;
  fieldOfStudy: string;
  furtherInfoUrl: string;
}

/** Fields that hold a text in two languages; a problem on the field itself belongs to its Dutch text. */
export const TEXT_PAIR_FIELDS = [
  'title',
  'description',
  'assessmentType',
  'prerequisites',
  'stackability',
] as const;

let lastKey = 0;
/** A key for a new row of a list, stable while the row lives. */
export function newKey(): number {
  lastKey += 1;
  return lastKey;
}

const EMPTY_PAIR: TextPair = { nl: '', en: '' };

export function emptyDraft(): MicroCredentialDraft {
  return {
    code: '',
    title: EMPTY_PAIR,
    description: EMPTY_PAIR,
    form: 'regular',
    ects: '',
    vksLevel: '',
    workloadHours: '',
    courseUnits: [],
    learningOutcomes: [{ key: newKey(), nl: '', en: '' }],
    assessmentType: EMPTY_PAIR,
    supervision: '',
    participationForm: '',
    language: 'nl',
    prerequisites: EMPTY_PAIR,
    tuitionEur: '',
    partners: [],
    stackability: EMPTY_PAIR,
    fieldOfStudy: '',
    furtherInfoUrl: '',
  };
}

function pairOf(text: LocalizedText | undefined): TextPair {
  return { nl: text?.nl ?? '', en: text?.en ?? '' };
}

function numberText(value: number | undefined): string {
  return value === undefined || value === null ? '' : String(value);
}

/** The form state for an existing micro-credential. */
export function draftFromView(view: MicroCredentialView): MicroCredentialDraft {
  const outcomes = (view.learningOutcomes ?? []).map((o) => ({ key: newKey(), ...pairOf(o) }));
  return {
    code: view.code,
    title: pairOf(view.title),
    description: pairOf(view.description),
    form: view.form,
    ects: numberText(view.ects),
    vksLevel: numberText(view.vksLevel),
    workloadHours: numberText(view.workloadHours),
    courseUnits: view.courseUnits.map((unit) => unit.code),
    learningOutcomes: outcomes.length > 0 ? outcomes : [{ key: newKey(), nl: '', en: '' }],
    assessmentType: pairOf(view.assessmentType),
    supervision: view.supervision ?? '',
    participationForm: view.participationForm ?? '',
    language: view.language,
    prerequisites: pairOf(view.prerequisites),
    tuitionEur: numberText(view.tuitionEur),
    partners: (view.partners ?? []).map((p) => ({
      key: newKey(),
      name: p.name,
      kind: p.kind ?? '',
      url: p.url ?? '',
    })),
    stackability: pairOf(view.stackability),
    fieldOfStudy: view.fieldOfStudy ?? '',
    furtherInfoUrl: view.furtherInfoUrl ?? '',
  };
}

/** A number as people type it, with a decimal comma or point; empty is undefined, nonsense is NaN. */
export function parseDecimal(text: string): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  if (!/^-?\d*([.,]\d*)?$/.test(trimmed) || trimmed === '.' || trimmed === ',') return Number.NaN;
  return Number(trimmed.replace(',', '.'));
}

function localized(pair: TextPair): LocalizedText | undefined {
  const nl = pair.nl.trim();
  const en = pair.en.trim();
  if (!nl && !en) return undefined;
  return en ? { nl, en } : { nl };
}

/** The definition the rules check and the server stores; empty optional fields are left out. */
export function toDefinition(draft: MicroCredentialDraft): MicroCredentialDefinition {
  const def: MicroCredentialDefinition = {
    code: draft.code.trim(),
    title: localized(draft.title) ?? { nl: '' },
    form: draft.form,
    ects: parseDecimal(draft.ects) ?? Number.NaN,
    vksLevel: draft.vksLevel ? Number(draft.vksLevel) : Number.NaN,
    language: draft.language,
  };
  const description = localized(draft.description);
  if (description) def.description = description;
  const outcomes = draft.learningOutcomes
    .map((outcome) => localized(outcome))
    .filter((o): o is LocalizedText => o !== undefined);
  if (outcomes.length > 0) def.learningOutcomes = outcomes;
  if (draft.form === 'regular' && draft.courseUnits.length > 0) def.courseUnits = [...draft.courseUnits];
  const assessmentType = localized(draft.assessmentType);
  if (assessmentType) def.assessmentType = assessmentType;
  if (draft.participationForm) def.participationForm = draft.participationForm;
  if (draft.supervision) def.supervision = draft.supervision;
  const prerequisites = localized(draft.prerequisites);
  if (prerequisites) def.prerequisites = prerequisites;
  const tuition = parseDecimal(draft.tuitionEur);
  if (draft.form === 'outside-regular' && tuition !== undefined) def.tuitionEur = tuition;
  const partners = draft.partners
    .filter((p) => p.name.trim() || p.url.trim() || p.kind)
    .map((p): Partner => {
      const partner: Partner = { name: p.name.trim() };
      if (p.kind) partner.kind = p.kind;
      if (p.url.trim()) partner.url = p.url.trim();
      return partner;
    });
  if (partners.length > 0) def.partners = partners;
  const stackability = localized(draft.stackability);
  if (stackability) def.stackability = stackability;
  if (draft.fieldOfStudy.trim()) def.fieldOfStudy = draft.fieldOfStudy.trim();
  const workload = parseDecimal(draft.workloadHours);
  if (workload !== undefined) def.workloadHours = workload;
  if (draft.furtherInfoUrl.trim()) def.furtherInfoUrl = draft.furtherInfoUrl.trim();
  return def;
}

/** The body of a PUT: the definition without its code (the address names it). */
export function toUpdate(def: MicroCredentialDefinition): MicroCredentialUpdate {
  const { code: _code, ...update } = def;
  return update;
}

/** A problem of the framework rules or of the quality pre-check, which brings its own words. */
export interface CheckProblem {
  field: string;
  rule: string;
  severity: 'error' | 'warning';
  params?: Record<string, string | number>;
  message?: { nl: string; en: string };
}

/** What the framework rules say about a draft, split the way the designer needs it. */
export interface DraftCheck {
  /** Errors that hold for any draft: saving is refused until they are fixed. */
  errors: CheckProblem[];
  /** Errors only at submission: missing EU elements and what else the quality pre-check refuses. */
  missing: CheckProblem[];
  warnings: CheckProblem[];
}

function problemKey(problem: CheckProblem): string {
  return `${problem.field}|${problem.rule}|${JSON.stringify(problem.params ?? {})}`;
}

/** Course units as the rules need them; the server counts a published version when there is one. */
export function courseUnitFacts(units: readonly CourseUnitView[]): Map<string, CourseUnitFacts> {
  return new Map(
    units.map((unit) => [
      unit.code,
      {
        code: unit.code,
        ects: unit.ects,
        qaInternal: unit.qaInternal,
        qaExternal: unit.qaExternal,
        published: unit.status !== 'draft' || unit.publishedAt !== null,
      },
    ]),
  );
}

/**
 * Runs the framework rules on the definition, as the server will on saving and on submission.
 * Without the course units (not loaded yet), problems about them are held back rather than guessed.
 */
export function checkDraft(
  def: MicroCredentialDefinition,
  courseUnits: ReadonlyMap<string, CourseUnitFacts> | undefined,
): DraftCheck {
  const context = courseUnits ? { courseUnits } : {};
  const known = (problem: CheckProblem) =>
    courseUnits !== undefined || !['course-unit-unknown', 'ects-sum-of-course-units'].includes(problem.rule);
  const onSave = checkMicroCredential(def, { phase: 'save', ...context }).filter(known);
  const onSubmit = checkMicroCredential(def, { phase: 'publish', ...context }).filter(known);
  const saveKeys = new Set(onSave.map(problemKey));
  const missing = onSubmit.filter((p) => p.severity === 'error' && !saveKeys.has(problemKey(p)));
  // The quality pre-check adds criteria of its own (study hours against ECTS): run the same function, so
  // the editor never calls a draft ready that the pre-check then refuses.
  const seen = new Set([...onSave, ...missing].map(problemKey));
  const findings = preCheck(def, { courseUnits: courseUnits ?? new Map() })
    .criteria.flatMap((criterion) => criterion.findings)
    .map((f): CheckProblem => ({
      field: f.field,
      rule: f.rule,
      severity: 'error',
      message: f.message,
      ...(f.params ? { params: f.params } : {}),
    }))
    .filter(known)
    .filter((p) => !seen.has(problemKey(p)) && !(p.rule === 'eu-mandatory' && seenField(seen, p)));
  for (const p of findings) seen.add(problemKey(p));
  return {
    errors: onSave.filter((p) => p.severity === 'error'),
    missing: [...missing, ...findings],
    warnings: onSubmit.filter((p) => p.severity === 'warning'),
  };
}

function seenField(seen: ReadonlySet<string>, problem: CheckProblem): boolean {
  return [...seen].some((key) => key.startsWith(`${problem.field}|`));
}

/** Whether the server accepts a save of this version: a draft, or a published one (saving starts a draft). */
export function canSave(status: VersionState): boolean {
  return isEditable(status) || status === 'published';
}

/**
 * Whether the server accepts "start a new draft version" when this is the latest version: not while a
 * draft exists or the version is under review.
 */
export function canStartNewVersion(status: VersionState): boolean {
  return !isEditable(status) && status !== 'submitted';
}

/** `assessmentType` → `assessmentType.nl`; other paths as they are. */
export function normalizeField(field: string): string {
  return (TEXT_PAIR_FIELDS as readonly string[]).includes(field) ? `${field}.nl` : field;
}

/** The id of the control for a field path: `partners[0].url` → `mc-partners-0-url`. */
export function controlIdFor(field: string): string {
  return `mc-${normalizeField(field)
    .replace(/\[(\d+)\]/g, '-$1')
    .replace(/\./g, '-')}`;
}

/**
 * Field paths of the definition point into lists without their empty rows; this turns such a path into
 * the row of the form it came from (`partners[0].url` → `partners[2].url` when rows 0 and 1 are empty).
 */
export function toDraftField(field: string, draft: MicroCredentialDraft): string {
  const match = /^(learningOutcomes|partners)\[(\d+)\](.*)$/.exec(field);
  if (!match) return field;
  const [, list = '', index = '0', rest = ''] = match;
  const rows =
    list === 'partners'
      ? draft.partners.map((p, i) => (p.name.trim() || p.url.trim() || p.kind ? i : -1))
      : draft.learningOutcomes.map((o, i) => (o.nl.trim() || o.en.trim() ? i : -1));
  const kept = rows.filter((i) => i >= 0);
  const row = kept[Number(index)];
  return row === undefined ? `${list}` : `${list}[${row}]${rest}`;
}
