import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import type { Actor } from '../core/actor.ts';
import { audit } from '../core/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import type { Lang } from '../core/i18n.ts';
import type { QaReviewRow } from '../core/schema.ts';
import type { Institution } from '../institutions/store.ts';
import { checkMicroCredential, hasErrors, type Form, type LocalizedText } from '../catalogue/rules.ts';
import {
  describeProblems,
  getMicroCredential,
  loadReviewSubject,
  publishMicroCredential,
  type MicroCredentialView,
  type ReviewSubject,
  pinCourseUnitsForReview,
} from '../catalogue/store.ts';
import {
  ATTESTED_RATIONALE,
  REVIEW_STATUS_BY_DECISION,
  attestedChecklist,
  checkDecision,
  checklistFor,
  decisionOfStatus,
  fourEyesAllows,
  nextState,
  partyOf,
  preCheck,
  qualityMessage,
  recordChecklist,
  refusalReason,
  type Criterion,
  type CriterionId,
  type Decision,
  type DecidingRole,
  type DecisionRequest,
  type Finding,
  type PreCheck,
  type QualityProblem,
  type RecordedCriterion,
  type ReviewStatus,
  type StoredChecklist,
  type VersionState,
} from './rules.ts';

/** One criterion as staff see it: pending reviews show the automatic results and leave judgement open. */
export interface ReviewCriterionView {
  id: CriterionId;
  label: { nl: string; en: string };
  kind: Criterion['kind'];
  /** `null`: a judgement criterion no reviewer has marked yet. */
  met: boolean | null;
  note?: string;
  findings?: Finding[];
}

/** A submission and its decision, for the staff of the institution (names included; the public sees roles). */
export interface ReviewView {
  id: string;
  microCredential: {
    code: string;
    version: number;
    versionStatus: VersionState;
    title: LocalizedText;
    form: Form;
    ects: number;
    vksLevel: number;
  };
  status: ReviewStatus;
  decision: Decision | null;
  submittedAt: string;
  submittedBy: string;
  /** The automatic pre-check as it stood at submission. */
  preCheck: PreCheck;
  decidedAt: string | null;
  decidedRole: string | null;
  decidedBy: string | null;
  rationale: string | null;
  criteria: ReviewCriterionView[];
  /** Whether the one asking may decide on it now (pending, and not their own submission). */
  mayDecide: boolean;
}

export interface ReviewDetail extends ReviewView {
  /** The version under review, in full, so the reviewer can judge outcomes and level. */
  definition: MicroCredentialView;
}

export interface SubmitOptions {
  /** The role the submitter acts in, for the audit log. */
  role?: string | undefined;
}

export interface DecideOptions {
  role: DecidingRole;
}

export interface ApprovedElsewhereOptions {
  /** Who brought the catalogue in (submits and publishes). */
  submitter: Actor;
  /** Who records the institution's own approval. */
  decider: Actor;
}

type ReviewRow = QaReviewRow & {
  code: string;
  version: number;
  version_status: string;
  title_nl: string;
  title_en: string | null;
  form: string;
  ects: number;
  vks_level: number;
};

function reviewsOf(db: Db | Tx, institution: Institution) {
  return db
    .selectFrom('qa_reviews as r')
    .innerJoin('micro_credential_versions as v', 'v.id', 'r.micro_credential_version_id')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .selectAll('r')
    .select([
      'm.code',
      'v.version',
      'v.status as version_status',
      'v.title_nl',
      'v.title_en',
      'v.form',
      'v.ects',
      'v.vks_level',
    ])
    .where('m.institution_id', '=', institution.id);
}

function refuseProblems(problems: readonly QualityProblem[], lang: Lang, message: string): never {
  throw new ValidationError(
    problems.map((p) => ({ field: p.field, rule: p.rule, message: qualityMessage(p.rule, lang, p.params) })),
    message,
  );
}

const storedChecklist = (row: QaReviewRow): StoredChecklist =>
  row.checklist
    ? (JSON.parse(row.checklist) as StoredChecklist)
    : { preCheck: { passed: false, criteria: [] } };

/** Readable names for the stored keys of who acted (staff views only). */
async function partyLabels(db: Db | Tx, keys: readonly string[]): Promise<Map<string, string>> {
  const labels = new Map<string, string>();
  const ids = (prefix: string) => [
    ...new Set(keys.filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length))),
  ];
  const userIds = ids('user:');
  const tokenIds = ids('token:');
  if (userIds.length > 0) {
    const users = await db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('id', 'in', userIds)
      .execute();
    for (const u of users) labels.set(`user:${u.id}`, `${u.name} <${u.email}>`);
  }
  if (tokenIds.length > 0) {
    const tokens = await db
      .selectFrom('api_tokens')
      .select(['id', 'label'])
      .where('id', 'in', tokenIds)
      .execute();
    for (const tk of tokens) labels.set(`token:${tk.id}`, `API token "${tk.label}"`);
  }
  for (const key of keys) {
    if (labels.has(key)) continue;
    const [kind, ...rest] = key.split(':');
    const label = rest.join(':');
    labels.set(key, kind === 'cli' ? `command line (${label})` : label);
  }
  return labels;
}

function criteriaView(form: Form, stored: StoredChecklist): ReviewCriterionView[] {
  const recorded = new Map<string, RecordedCriterion>((stored.criteria ?? []).map((c) => [c.criterion, c]));
  return checklistFor(form).map((criterion) => {
    const base = { id: criterion.id, label: criterion.label, kind: criterion.kind };
    const decided = recorded.get(criterion.id);
    if (stored.criteria) {
      return {
        ...base,
        met: decided?.met ?? false,
        ...(decided?.note ? { note: decided.note } : {}),
        ...(decided?.findings ? { findings: decided.findings } : {}),
      };
    }
    if (criterion.kind === 'judgement') return { ...base, met: null };
    const result = stored.preCheck.criteria.find((r) => r.criterion === criterion.id);
    return {
      ...base,
      met: result?.met ?? false,
      ...(result && result.findings.length > 0 ? { findings: result.findings } : {}),
    };
  });
}

async function toViews(db: Db | Tx, rows: readonly ReviewRow[], viewer?: Actor): Promise<ReviewView[]> {
  const labels = await partyLabels(
    db,
    rows.flatMap((r) => [r.submitted_by, ...(r.decided_by ? [r.decided_by] : [])]),
  );
  return rows.map((row) => {
    const stored = storedChecklist(row);
    const form = row.form as Form;
    return {
      id: row.id,
      microCredential: {
        code: row.code,
        version: row.version,
        versionStatus: row.version_status as VersionState,
        title: { nl: row.title_nl, ...(row.title_en ? { en: row.title_en } : {}) },
        form,
        ects: row.ects,
        vksLevel: row.vks_level,
      },
      status: row.status as ReviewStatus,
      decision: decisionOfStatus(row.status) ?? null,
      submittedAt: row.submitted_at,
      submittedBy: labels.get(row.submitted_by) ?? row.submitted_by,
      preCheck: stored.preCheck,
      decidedAt: row.decided_at,
      decidedRole: row.decided_role,
      decidedBy: row.decided_by ? (labels.get(row.decided_by) ?? row.decided_by) : null,
      rationale: row.rationale,
      criteria: criteriaView(form, stored),
      mayDecide: row.status === 'pending' && viewer !== undefined && fourEyesAllows(row.submitted_by, viewer),
    };
  });
}

async function reviewRow(db: Db | Tx, institution: Institution, reviewId: string): Promise<ReviewRow> {
  const row = await reviewsOf(db, institution).where('r.id', '=', reviewId).executeTakeFirst();
  if (!row) throw new NotFoundError('There is no such review.');
  return row;
}

/**
 * Submits the current draft of a micro-credential for quality review: the save-phase rules must hold, and
 * the automatic pre-check is recorded with the submission. The version is then frozen until a decision.
 *
 * @example
 * const review = await submitMicroCredential(tx, actor, institution, 'PV-TEST', 'en', { role: 'designer' });
 * review.preCheck.passed; // false while, say, no workload in hours is stated
 */
export async function submitMicroCredential(
  tx: Tx,
  actor: Actor,
  institution: Institution,
  code: string,
  lang: Lang,
  options: SubmitOptions = {},
): Promise<ReviewView> {
  const subject = await loadReviewSubject(tx, institution, { code });
  return submitSubject(tx, actor, institution, subject, lang, options);
}

async function submitSubject(
  tx: Tx,
  actor: Actor,
  institution: Institution,
  subject: ReviewSubject,
  lang: Lang,
  options: SubmitOptions,
): Promise<ReviewView> {
  const { row, code, def } = subject;
  const state = row.status as VersionState;
  const next = nextState(state, 'submit');
  if (!next) throw new ConflictError('invalid-state', refusalReason(code, row.version, state, 'submit'));
  const problems = checkMicroCredential(def, {
    phase: 'save',
    courseUnits: subject.courseUnits,
    issuer: subject.issuer,
  });
  if (hasErrors(problems)) {
    throw new ValidationError(
      describeProblems(
        problems.filter((p) => p.severity === 'error'),
        lang,
      ),
      `Micro-credential ${code} breaks the rules.`,
    );
  }
  const check = preCheck(def, { courseUnits: subject.courseUnits, issuer: subject.issuer });
  const id = randomUUID();
  const stored: StoredChecklist = { preCheck: check };
  await tx
    .insertInto('qa_reviews')
    .values({
      id,
      micro_credential_version_id: row.id,
      submitted_by: partyOf(actor),
      submitted_at: nowIso(),
      status: 'pending',
      decided_by: null,
      decided_role: null,
      decided_at: null,
      rationale: null,
      checklist: JSON.stringify(stored),
    })
    .execute();
  await tx
    .updateTable('micro_credential_versions')
    .set({ status: next })
    .where('id', '=', row.id)
    .where('status', '=', state)
    .execute();
  // The reviewers judge these exact course unit versions; publishing keeps them.
  await pinCourseUnitsForReview(tx, institution, row.id);
  await audit(tx, actor, {
    action: 'quality.submit',
    objectType: 'micro-credential-version',
    objectId: row.id,
    institutionId: institution.id,
    role: options.role,
    before: { code, version: row.version, status: state },
    after: { code, version: row.version, status: next, reviewId: id, preCheckPassed: check.passed },
  });
  const [view] = await toViews(tx, [await reviewRow(tx, institution, id)], actor);
  if (!view) throw new NotFoundError('There is no such review.');
  return view;
}

/**
 * Records a reviewer's decision on a submission. Refused when the review is not pending (409), when the
 * decider submitted it themselves (403, four eyes), and when the decision breaks the procedure (422: no
 * rationale, an unknown criterion, or an approval with a failing automatic criterion or a judgement
 * criterion not marked met). The automatic criteria are computed again now, so that what is approved is
 * what holds at the moment of approval.
 *
 * @example
 * await decideReview(tx, actor, institution, reviewId, { decision: 'request-changes', rationale: 'State the workload in hours.', checklist: [] }, { role: 'qa-reviewer' }, 'en');
 */
export async function decideReview(
  tx: Tx,
  actor: Actor,
  institution: Institution,
  reviewId: string,
  request: DecisionRequest,
  options: DecideOptions,
  lang: Lang,
): Promise<ReviewView> {
  const review = await reviewRow(tx, institution, reviewId);
  if (review.status !== 'pending') {
    throw new ConflictError(
      'invalid-state',
      `This review of ${review.code} version ${review.version} was already decided (${review.status}).`,
    );
  }
  const state = review.version_status as VersionState;
  const next = nextState(state, request.decision);
  if (!next) {
    throw new ConflictError(
      'invalid-state',
      refusalReason(review.code, review.version, state, request.decision),
    );
  }
  if (!fourEyesAllows(review.submitted_by, actor)) {
    throw new ForbiddenError(
      'You submitted this version yourself: another reviewer must decide on it (four-eyes principle).',
    );
  }
  const subject = await loadReviewSubject(tx, institution, { versionId: review.micro_credential_version_id });
  const check = preCheck(subject.def, { courseUnits: subject.courseUnits, issuer: subject.issuer });
  const problems = checkDecision(subject.def.form, request, check);
  if (problems.length > 0) {
    const failing = check.criteria.filter((c) => !c.met).map((c) => c.criterion);
    refuseProblems(
      problems,
      lang,
      request.decision === 'approve' && failing.length > 0
        ? `${review.code} version ${review.version} cannot be approved: the automatic check fails on ${failing.join(', ')}.`
        : `The decision on ${review.code} version ${review.version} cannot be recorded.`,
    );
  }
  const criteria = recordChecklist(subject.def.form, request.checklist, check);
  return recordDecision(tx, actor, institution, review, {
    decision: request.decision,
    next,
    role: options.role,
    rationale: (request.rationale ?? '').trim(),
    criteria,
  });
}

async function recordDecision(
  tx: Tx,
  actor: Actor,
  institution: Institution,
  review: ReviewRow,
  decided: {
    decision: Decision;
    next: VersionState;
    role: DecidingRole;
    rationale: string;
    criteria: RecordedCriterion[];
  },
): Promise<ReviewView> {
  const status = REVIEW_STATUS_BY_DECISION[decided.decision];
  const stored: StoredChecklist = { ...storedChecklist(review), criteria: decided.criteria };
  const updated = await tx
    .updateTable('qa_reviews')
    .set({
      status,
      decided_by: partyOf(actor),
      decided_role: decided.role,
      decided_at: nowIso(),
      rationale: decided.rationale,
      checklist: JSON.stringify(stored),
    })
    .where('id', '=', review.id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  // A second decision racing this one finds the review no longer pending and changes nothing.
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new ConflictError('invalid-state', `This review of ${review.code} was already decided.`);
  }
  await tx
    .updateTable('micro_credential_versions')
    .set({ status: decided.next })
    .where('id', '=', review.micro_credential_version_id)
    .execute();
  await audit(tx, actor, {
    action: `quality.${decided.decision}`,
    objectType: 'qa-review',
    objectId: review.id,
    institutionId: institution.id,
    role: decided.role,
    before: {
      code: review.code,
      version: review.version,
      status: 'pending',
      versionStatus: review.version_status,
    },
    after: {
      code: review.code,
      version: review.version,
      status,
      versionStatus: decided.next,
      rationale: decided.rationale,
      criteria: decided.criteria.map((c) => ({ criterion: c.criterion, met: c.met })),
    },
  });
  const [view] = await toViews(tx, [await reviewRow(tx, institution, review.id)], actor);
  if (!view) throw new NotFoundError('There is no such review.');
  return view;
}

/**
 * Publishes a draft that the institution's own quality procedure already approved elsewhere (a catalogue
 * import, the demo): the submission, the approval and the publication are each recorded like any other,
 * with the rationale that says where the decision was taken, so that every published version has a QA
 * record. The approval records every criterion met; where the automatic check found something, the
 * criterion's note says so.
 *
 * @example
 * await publishApprovedElsewhere(tx, institution, 'MC-DATA', { submitter: cli, decider: { kind: 'system', label: 'catalogue import' } }, 'en');
 */
export async function publishApprovedElsewhere(
  tx: Tx,
  institution: Institution,
  code: string,
  options: ApprovedElsewhereOptions,
  lang: Lang,
): Promise<MicroCredentialView> {
  const submitted = await submitMicroCredential(tx, options.submitter, institution, code, lang);
  const review = await reviewRow(tx, institution, submitted.id);
  const subject = await loadReviewSubject(tx, institution, { versionId: review.micro_credential_version_id });
  const check = preCheck(subject.def, { courseUnits: subject.courseUnits, issuer: subject.issuer });
  await recordDecision(tx, options.decider, institution, review, {
    decision: 'approve',
    next: 'approved',
    role: 'institution-procedure',
    rationale: ATTESTED_RATIONALE,
    criteria: attestedChecklist(subject.def.form, check),
  });
  return publishMicroCredential(tx, options.submitter, institution, code, lang);
}

/**
 * The submissions of an institution that await a decision, oldest first, with their pre-check results.
 *
 * @example
 * const queue = await reviewQueue(db, institution, actor);
 */
export async function reviewQueue(
  db: Db | Tx,
  institution: Institution,
  viewer: Actor,
): Promise<ReviewView[]> {
  const rows = await reviewsOf(db, institution)
    .where('r.status', '=', 'pending')
    .orderBy('r.submitted_at')
    .orderBy('r.id')
    .execute();
  return toViews(db, rows, viewer);
}

/**
 * One review with the version it is about, in full.
 *
 * @example
 * const review = await getReview(db, institution, reviewId, actor);
 */
export async function getReview(
  db: Db | Tx,
  institution: Institution,
  reviewId: string,
  viewer: Actor,
): Promise<ReviewDetail> {
  const row = await reviewRow(db, institution, reviewId);
  const [view] = await toViews(db, [row], viewer);
  if (!view) throw new NotFoundError('There is no such review.');
  return { ...view, definition: await getMicroCredential(db, institution, row.code, row.version) };
}

/**
 * Every submission of a micro-credential and its decision, newest first, over all its versions.
 *
 * @example
 * const history = await reviewHistory(db, institution, 'MC-DATA', actor);
 */
export async function reviewHistory(
  db: Db | Tx,
  institution: Institution,
  code: string,
  viewer: Actor,
): Promise<ReviewView[]> {
  const exists = await db
    .selectFrom('micro_credentials')
    .select('id')
    .where('institution_id', '=', institution.id)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!exists) throw new NotFoundError(`Micro-credential ${code} does not exist.`);
  const rows = await reviewsOf(db, institution)
    .where('m.code', '=', code)
    .orderBy('r.submitted_at', 'desc')
    .orderBy('v.version', 'desc')
    .execute();
  return toViews(db, rows, viewer);
}
