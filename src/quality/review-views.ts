import type { Actor } from '../core/actor.ts';
import type { Db, Tx } from '../core/database.ts';
import { NotFoundError } from '../core/errors.ts';
import type { Institution } from '../core/institution.ts';
import type { QaReviewRow } from '../core/schema.ts';
import type { Form } from '../catalogue/rules.ts';
import { localizedText } from '../catalogue/rows.ts';
import { microCredentialNotFound } from '../catalogue/refusals.ts';
import { getMicroCredential } from '../catalogue/views.ts';
import {
  checklistFor,
  decisionOfStatus,
  fourEyesAllows,
  type RecordedCriterion,
  type ReviewStatus,
  type StoredChecklist,
  type VersionState,
} from './rules.ts';
import type { ReviewCriterionView, ReviewDetail, ReviewView } from './schemas.ts';

export type { ReviewDetail, ReviewView } from './schemas.ts';

/** A review with the version it is about. */
export type ReviewRow = QaReviewRow & {
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

export const storedChecklist = (row: QaReviewRow): StoredChecklist =>
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
        title: localizedText(row.title_nl, row.title_en),
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

/** The view of one review row: `toViews` gives one view for each row. */
async function toView(db: Db | Tx, row: ReviewRow, viewer?: Actor): Promise<ReviewView> {
  const [view] = await toViews(db, [row], viewer);
  return view!;
}

/** The review with this id at this institution (404 for another institution's). */
export async function reviewRow(db: Db | Tx, institution: Institution, reviewId: string): Promise<ReviewRow> {
  const row = await reviewsOf(db, institution).where('r.id', '=', reviewId).executeTakeFirst();
  if (!row) throw new NotFoundError('There is no such review.', { key: 'review-not-found' });
  return row;
}

/** One review as `viewer` sees it (whether they may decide on it included). */
export async function reviewView(
  db: Db | Tx,
  institution: Institution,
  reviewId: string,
  viewer?: Actor,
): Promise<ReviewView> {
  return toView(db, await reviewRow(db, institution, reviewId), viewer);
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
  const view = await toView(db, row, viewer);
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
  if (!exists) throw microCredentialNotFound(code);
  const rows = await reviewsOf(db, institution)
    .where('m.code', '=', code)
    .orderBy('r.submitted_at', 'desc')
    .orderBy('v.version', 'desc')
    .execute();
  return toViews(db, rows, viewer);
}
