/**
 * The quality procedure, as pure functions and data: the checklist a reviewer assesses a micro-credential
 * version against, the automatic pre-check, the state machine of a version through review, and the rules a
 * decision must satisfy. No I/O here: the store passes in the definition and the facts it needs.
 */
import type { Actor } from '../core/actor.ts';
import {
  checkMicroCredential,
  missingEuElements,
  type CourseUnitFacts,
  type Form,
  type IssuerFacts,
  type LocalizedText,
  type MicroCredentialDefinition,
} from '../catalogue/rules.ts';
import { qualityMessage } from './messages.ts';

export { qualityMessage };

// ---------------------------------------------------------------------------------------------------
// The checklist

export type CriterionId =
  | 'eu-elements'
  | 'learning-outcomes-assessable'
  | 'ects-workload'
  | 'level-justified'
  | 'form-a-course-units'
  | 'framework-rules';

export interface Criterion {
  id: CriterionId;
  label: { nl: string; en: string };
  /** `automatic`: the platform decides from the definition; `judgement`: a reviewer marks it. */
  kind: 'automatic' | 'judgement';
  /** The forms the criterion applies to. */
  forms: readonly Form[];
}

const BOTH_FORMS: readonly Form[] = ['regular', 'outside-regular'];

/** The checklist of the quality procedure, in the order a reviewer works through it. */
export const CHECKLIST: readonly Criterion[] = [
  {
    id: 'eu-elements',
    label: {
      nl: 'Alle verplichte EU-elementen zijn aanwezig.',
      en: 'Every mandatory EU element is present.',
    },
    kind: 'automatic',
    forms: BOTH_FORMS,
  },
  {
    id: 'learning-outcomes-assessable',
    label: { nl: 'De leerresultaten zijn toetsbaar.', en: 'The learning outcomes are assessable.' },
    kind: 'judgement',
    forms: BOTH_FORMS,
  },
  {
    id: 'ects-workload',
    label: {
      nl: 'De studieomvang in ECTS klopt met de opgegeven studietijd (25–30 uur per ECTS).',
      en: 'The study load in ECTS is consistent with the stated workload (25–30 hours per ECTS).',
    },
    kind: 'automatic',
    forms: BOTH_FORMS,
  },
  {
    id: 'level-justified',
    label: {
      nl: 'Het niveau is verantwoord tegenover de descriptoren van de Vlaamse kwalificatiestructuur (VKS).',
      en: 'The level is justified against the descriptors of the Flemish qualification structure (VKS).',
    },
    kind: 'judgement',
    forms: BOTH_FORMS,
  },
  {
    id: 'form-a-course-units',
    label: {
      nl: 'Vorm A: opgebouwd uit opleidingsonderdelen van het reguliere curriculum die onder interne en externe kwaliteitszorg vallen.',
      en: 'Form A: built from course units of the regular curriculum that fall under internal and external quality assurance.',
    },
    kind: 'automatic',
    forms: ['regular'],
  },
  {
    id: 'framework-rules',
    label: {
      nl: 'Voldoet aan de regels van het kader voor publicatie (studieomvang, vorm, studiegeld).',
      en: "Meets the framework's rules for publication (study load, form, tuition).",
    },
    kind: 'automatic',
    forms: BOTH_FORMS,
  },
];

const CRITERIA_BY_ID = new Map<string, Criterion>(CHECKLIST.map((c) => [c.id, c]));

/** The criteria that apply to a form, in checklist order. */
export function checklistFor(form: Form): Criterion[] {
  return CHECKLIST.filter((c) => c.forms.includes(form));
}

export function criterionById(id: string): Criterion | undefined {
  return CRITERIA_BY_ID.get(id);
}

type Params = Record<string, string | number>;

// ---------------------------------------------------------------------------------------------------
// The automatic pre-check

/** Hours of notional workload per ECTS credit (the ECTS users' guide range used in Flanders). */
export const HOURS_PER_ECTS = { min: 25, max: 30 } as const;

export interface Finding {
  field: string;
  rule: string;
  params?: Params;
  message: { nl: string; en: string };
}

export interface AutomaticResult {
  criterion: CriterionId;
  met: boolean;
  findings: Finding[];
}

export interface PreCheck {
  /** Every automatic criterion that applies is met. */
  passed: boolean;
  criteria: AutomaticResult[];
}

export interface PreCheckFacts {
  /** The referenced course units by code; a code that is absent does not exist at the institution. */
  courseUnits: ReadonlyMap<string, CourseUnitFacts>;
  issuer?: IssuerFacts;
}

const finding = (field: string, rule: string, params?: Params): Finding => ({
  field,
  rule,
  ...(params ? { params } : {}),
  message: { nl: qualityMessage(rule, 'nl', params), en: qualityMessage(rule, 'en', params) },
});

// Findings of the framework check that the form A criterion already reports in its own words.
const COURSE_UNIT_RULES = new Set([
  'course-units-required',
  'course-unit-unknown',
  'course-unit-not-published',
  'course-unit-qa',
]);

/** Whether a workload in hours fits the ECTS at 25–30 hours per ECTS (bounds included). */
export function workloadFits(ects: number, hours: number): boolean {
  // A small tolerance, so that 27.5 × 2 and the like are not refused over floating-point noise.
  const epsilon = 1e-9;
  return (
    ects > 0 && hours >= HOURS_PER_ECTS.min * ects - epsilon && hours <= HOURS_PER_ECTS.max * ects + epsilon
  );
}

/**
 * Computes the automatic criteria of the checklist for a definition, with the findings that make a
 * criterion fail. Judgement criteria are left to the reviewer.
 *
 * @example
 * const check = preCheck(def, { courseUnits, issuer });
 * if (!check.passed) console.log(check.criteria.flatMap((c) => c.findings.map((f) => f.message.en)));
 */
export function preCheck(def: MicroCredentialDefinition, facts: PreCheckFacts): PreCheck {
  const results: AutomaticResult[] = [];
  const add = (criterion: CriterionId, findings: Finding[]) =>
    results.push({ criterion, met: findings.length === 0, findings });
  const applies = (id: CriterionId) => criterionById(id)?.forms.includes(def.form) ?? false;

  add(
    'eu-elements',
    missingEuElements(def, facts.issuer).map((m) => finding(m.field, 'eu-mandatory', m.params)),
  );

  const workload: Finding[] = [];
  if (def.workloadHours === undefined) workload.push(finding('workloadHours', 'workload-missing'));
  else if (!workloadFits(def.ects, def.workloadHours)) {
    workload.push(
      finding('workloadHours', 'ects-workload-inconsistent', {
        hours: def.workloadHours,
        ects: def.ects,
        min: HOURS_PER_ECTS.min * def.ects,
        max: HOURS_PER_ECTS.max * def.ects,
      }),
    );
  }
  add('ects-workload', workload);

  if (applies('form-a-course-units')) {
    const units: Finding[] = [];
    const codes = def.courseUnits ?? [];
    if (codes.length === 0) units.push(finding('courseUnits', 'course-units-required'));
    codes.forEach((code, i) => {
      const unit = facts.courseUnits.get(code);
      const field = `courseUnits[${i}]`;
      if (!unit) {
        units.push(finding(field, 'course-unit-unknown', { code }));
        return;
      }
      if (!unit.published) units.push(finding(field, 'course-unit-not-published', { code }));
      if (!(unit.qaInternal && unit.qaExternal)) units.push(finding(field, 'course-unit-qa', { code }));
    });
    add('form-a-course-units', units);
  }

  // Everything else a publication needs, so that an approved version can always be published.
  const framework = checkMicroCredential(def, {
    phase: 'publish',
    courseUnits: facts.courseUnits,
    ...(facts.issuer ? { issuer: facts.issuer } : {}),
  })
    .filter((p) => p.severity === 'error' && p.rule !== 'eu-mandatory')
    .filter((p) => !(applies('form-a-course-units') && COURSE_UNIT_RULES.has(p.rule)))
    .map((p) => finding(p.field, p.rule, p.params));
  add('framework-rules', framework);

  const order = checklistFor(def.form).map((c) => c.id);
  results.sort((a, b) => order.indexOf(a.criterion) - order.indexOf(b.criterion));
  return { passed: results.every((r) => r.met), criteria: results };
}

export {
  VERSION_TRANSITIONS,
  editRefusalReason,
  isEditable,
  isPublic,
  nextState,
  refusalReason,
  type Decision,
  type VersionAction,
  type VersionState,
} from '../catalogue/version-states.ts';
import type { Decision } from '../catalogue/version-states.ts';

// ---------------------------------------------------------------------------------------------------
// Decisions on a submission (the version states themselves are catalogue's: catalogue/version-states.ts)

export type ReviewStatus = 'pending' | 'approved' | 'changes-requested' | 'rejected';

export const DECISIONS: readonly Decision[] = ['approve', 'request-changes', 'reject'];

export const REVIEW_STATUS_BY_DECISION: Readonly<Record<Decision, ReviewStatus>> = {
  approve: 'approved',
  'request-changes': 'changes-requested',
  reject: 'rejected',
};

// ---------------------------------------------------------------------------------------------------
// Who may decide

/** A stable key for who acted, stored with a submission and a decision. */
export function partyOf(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `user:${actor.userId}`;
    case 'token':
      return `token:${actor.tokenId}`;
    case 'cli':
      return `cli:${actor.label}`;
    case 'system':
      return `system:${actor.label}`;
  }
}

/**
 * Four eyes: no party may decide on a version it submitted itself — a person, and equally an API token
 * (otherwise one token could take a draft to published alone, and the public record would show a review
 * that no second party did). The command line and the system (catalogue import, demo) are exempt: they
 * record approvals the institution's own quality system already took, run with direct access to the
 * database where the rule could not be enforced anyway, and every such step is audited under their name.
 *
 * @example
 * fourEyesAllows('user:u1', reviewer); // false when reviewer.userId === 'u1'
 */
export function fourEyesAllows(submittedBy: string, decider: Actor): boolean {
  if (decider.kind === 'cli' || decider.kind === 'system') return true;
  return submittedBy !== partyOf(decider);
}

// ---------------------------------------------------------------------------------------------------
// Decisions

export interface ChecklistEntry {
  criterion: string;
  met: boolean;
  note?: string | undefined;
}

export interface DecisionRequest {
  decision: Decision;
  rationale?: string | undefined;
  checklist: readonly ChecklistEntry[];
}

export interface QualityProblem {
  field: string;
  rule: string;
  params?: Params;
}

/** One criterion as the decision records it: the automatic result and the reviewer's mark together. */
export interface RecordedCriterion {
  criterion: CriterionId;
  kind: Criterion['kind'];
  met: boolean;
  note?: string;
  /** What the automatic check found, for automatic criteria that failed. */
  findings?: Finding[];
}

/**
 * Checks a decision against the procedure: a rationale is always required; the checklist may only name
 * criteria of the form, each once; and an approval needs every automatic criterion to pass and every
 * judgement criterion marked met. Returns the problems; none means the decision may be recorded.
 *
 * @example
 * checkDecision('outside-regular', { decision: 'approve', rationale: '', checklist: [] }, check);
 * // → [{ field: 'rationale', rule: 'rationale-required' }, { field: 'checklist', rule: 'criterion-not-met', ... }, ...]
 * // A failing automatic criterion is reported as its findings, e.g. { field: 'workloadHours', rule: 'workload-missing' }.
 */
export function checkDecision(form: Form, request: DecisionRequest, check: PreCheck): QualityProblem[] {
  const problems: QualityProblem[] = [];
  if (!request.rationale?.trim()) problems.push({ field: 'rationale', rule: 'rationale-required' });

  const applicable = checklistFor(form);
  const seen = new Set<string>();
  request.checklist.forEach((entry, i) => {
    const field = `checklist[${i}].criterion`;
    const criterion = criterionById(entry.criterion);
    if (!criterion)
      problems.push({ field, rule: 'criterion-unknown', params: { criterion: entry.criterion } });
    else if (!criterion.forms.includes(form))
      problems.push({ field, rule: 'criterion-not-applicable', params: { criterion: entry.criterion } });
    else if (seen.has(entry.criterion))
      problems.push({ field, rule: 'criterion-duplicate', params: { criterion: entry.criterion } });
    seen.add(entry.criterion);
  });

  if (request.decision !== 'approve') return problems;
  for (const criterion of applicable) {
    const index = request.checklist.findIndex((e) => e.criterion === criterion.id);
    const entry = request.checklist[index];
    const params = { criterion: criterion.id };
    if (criterion.kind === 'automatic') {
      const result = check.criteria.find((r) => r.criterion === criterion.id);
      if (!result?.met) {
        // Name what the check found, so the refusal says what to fix and where.
        const findings = result?.findings ?? [];
        if (findings.length === 0)
          problems.push({ field: 'checklist', rule: 'automatic-criterion-failed', params });
        for (const f of findings)
          problems.push({ field: f.field, rule: f.rule, params: { ...f.params, ...params } });
      }
      // A reviewer may still judge an automatically passed criterion as not met.
      else if (entry && !entry.met)
        problems.push({ field: `checklist[${index}].met`, rule: 'criterion-not-met', params });
    } else if (!entry) {
      problems.push({ field: 'checklist', rule: 'criterion-not-met', params });
    } else if (!entry.met) {
      problems.push({ field: `checklist[${index}].met`, rule: 'criterion-not-met', params });
    }
  }
  return problems;
}

/**
 * The checklist as a decision records it: every criterion of the form, automatic ones met only when the
 * pre-check passed them and the reviewer did not judge otherwise, judgement ones as the reviewer marked
 * them (unmarked counts as not met).
 */
export function recordChecklist(
  form: Form,
  entries: readonly ChecklistEntry[],
  check: PreCheck,
): RecordedCriterion[] {
  return checklistFor(form).map((criterion) => {
    const entry = entries.find((e) => e.criterion === criterion.id);
    const note = entry?.note?.trim();
    const base = { criterion: criterion.id, kind: criterion.kind, ...(note ? { note } : {}) };
    if (criterion.kind === 'judgement') return { ...base, met: entry?.met ?? false };
    const result = check.criteria.find((r) => r.criterion === criterion.id);
    const findings = result?.findings ?? [];
    return {
      ...base,
      met: (result?.met ?? false) && (entry?.met ?? true),
      ...(findings.length > 0 ? { findings } : {}),
    };
  });
}

/** The rationale recorded when a catalogue arrives already approved by the institution's own procedure. */
export const ATTESTED_RATIONALE = "Imported as approved by the institution's own quality procedure";

/**
 * The checklist of an approval that the institution's own quality procedure took elsewhere: every criterion
 * met. Where the platform's automatic check found something, the note says so, so that the public record
 * never claims more than was checked here.
 */
export function attestedChecklist(form: Form, check: PreCheck): RecordedCriterion[] {
  return checklistFor(form).map((criterion) => {
    const findings = check.criteria.find((r) => r.criterion === criterion.id)?.findings ?? [];
    const note =
      findings.length > 0
        ? `Attested by the institution's own quality procedure; the automatic check found: ${findings
            .map((f) => f.message.en)
            .join(' ')}`
        : undefined;
    return {
      criterion: criterion.id,
      kind: criterion.kind,
      met: true,
      ...(note ? { note } : {}),
      ...(findings.length > 0 ? { findings } : {}),
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// The public record

/**
 * The role in which a decision was taken. `institution-procedure` marks an approval carried over from the
 * institution's own quality procedure (an import), recorded by the platform rather than by a reviewer here.
 */
export type DecidingRole = 'qa-reviewer' | 'administrator' | 'institution-procedure';

export const DECIDING_ROLE_LABELS: Readonly<Record<DecidingRole, { nl: string; en: string }>> = {
  'qa-reviewer': { nl: 'kwaliteitsreviewer', en: 'QA reviewer' },
  administrator: { nl: 'beheerder', en: 'administrator' },
  'institution-procedure': {
    nl: 'eigen kwaliteitsprocedure van de instelling',
    en: "the institution's own quality procedure",
  },
};

/** What anyone may see of the decision behind a published version: the role, never the person. */
export interface PublicQualityRecord {
  decision: Decision;
  decidedAt: string;
  decidedRole: string;
  submittedAt: string;
  criteria: Array<{ id: CriterionId; label: LocalizedText & { en: string }; met: boolean; note?: string }>;
  rationale: string;
}

export interface DecidedReview {
  decision: Decision;
  decidedAt: string;
  decidedRole: string;
  submittedAt: string;
  rationale: string;
  criteria: readonly RecordedCriterion[];
}

/**
 * The public form of a decided review: criteria with their labels, without findings or who decided.
 *
 * @example
 * publicQualityRecord(review).criteria[0]; // → { id: 'eu-elements', label: { nl, en }, met: true }
 */
export function publicQualityRecord(review: DecidedReview): PublicQualityRecord {
  return {
    decision: review.decision,
    decidedAt: review.decidedAt,
    decidedRole: review.decidedRole,
    submittedAt: review.submittedAt,
    criteria: review.criteria.map((c) => ({
      id: c.criterion,
      label: criterionById(c.criterion)?.label ?? { nl: c.criterion, en: c.criterion },
      met: c.met,
      ...(c.note ? { note: c.note } : {}),
    })),
    rationale: review.rationale,
  };
}

/** What the `checklist` column of a review holds: the pre-check at submission and, once decided, the record. */
export interface StoredChecklist {
  preCheck: PreCheck;
  criteria?: RecordedCriterion[];
}

export function decisionOfStatus(status: string): Decision | undefined {
  const entry = Object.entries(REVIEW_STATUS_BY_DECISION).find(([, s]) => s === status);
  return entry ? (entry[0] as Decision) : undefined;
}
