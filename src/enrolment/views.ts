import type { Db, Tx } from '../core/database.ts';
import { localizedText } from '../catalogue/rows.ts';
import { NotFoundError } from '../core/errors.ts';
import type { EditionRow, TuitionReductionRow } from '../core/schema.ts';
import type { LocalizedText } from '../catalogue/rules.ts';
import type { Institution } from '../institutions/store.ts';
import {
  amountOwed,
  holdsPlace,
  placesLeft,
  waitlistOrder,
  type EditionMode,
  type EnrolmentStatus,
} from './rules.ts';
import type { EditionView, MyEnrolmentView, ReductionView, StaffEnrolmentView } from './schemas.ts';

/**
 * The read side of enrolment: the queries behind the views and the row mappers that turn rows into the
 * shapes of `schemas.ts`. Writes read through here too, so that what they answer is what a read answers.
 */

/** An edition row with what its views show of the micro-credential version and the institution. */
export interface EditionContext extends EditionRow {
  mc_code: string;
  version: number;
  version_status: string;
  title_nl: string;
  title_en: string | null;
  form: string;
  ects: number;
  prerequisites: string | null;
  slug: string;
  name_nl: string;
  name_en: string;
}

/** Editions joined with their version and institution; narrow it with `where`. */
export function editionQuery(db: Db | Tx) {
  return db
    .selectFrom('editions as e')
    .innerJoin('micro_credential_versions as v', 'v.id', 'e.micro_credential_version_id')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('institutions as i', 'i.id', 'e.institution_id')
    .selectAll('e')
    .select([
      'm.code as mc_code',
      'v.version',
      'v.status as version_status',
      'v.title_nl',
      'v.title_en',
      'v.form',
      'v.ects',
      'v.prerequisites',
      'i.slug',
      'i.name_nl',
      'i.name_en',
    ]);
}

/** The prerequisites a learner must confirm, or null when the micro-credential states none. */
export function parsePrerequisites(text: string | null): LocalizedText | null {
  if (text === null) return null;
  const value = JSON.parse(text) as LocalizedText;
  return value.nl?.trim() || value.en?.trim() ? value : null;
}

// Form A follows the decree, form B the institution's own amount.
const priceOf = (cents: number, form: string): EditionView['price'] => ({
  cents,
  currency: 'EUR',
  basis: form === 'regular' ? 'decree' : 'institution',
});

const claimedReduction = (row: {
  reduction_code: string | null;
  reduction_percent: number | null;
}): StaffEnrolmentView['reduction'] =>
  row.reduction_code !== null && row.reduction_percent !== null
    ? { code: row.reduction_code, percent: row.reduction_percent }
    : null;

async function placeCounts(db: Db | Tx, editionIds: readonly string[]) {
  const counts = new Map<string, { held: number; waitlisted: number }>();
  for (const id of editionIds) counts.set(id, { held: 0, waitlisted: 0 });
  if (editionIds.length === 0) return counts;
  const rows = await db
    .selectFrom('enrolments')
    .select(['edition_id', 'status', (eb) => eb.fn.countAll().as('n')])
    .where('edition_id', 'in', editionIds)
    .groupBy(['edition_id', 'status'])
    .execute();
  for (const row of rows) {
    const c = counts.get(row.edition_id);
    if (!c) continue;
    if (holdsPlace(row.status as EnrolmentStatus)) c.held += Number(row.n);
    if (row.status === 'waitlisted') c.waitlisted += Number(row.n);
  }
  return counts;
}

/** Places held (pending and accepted enrolments) in one edition. */
export async function heldPlaces(db: Db | Tx, editionId: string): Promise<number> {
  return (await placeCounts(db, [editionId])).get(editionId)?.held ?? 0;
}

function toEditionView(
  row: EditionContext,
  counts: { held: number; waitlisted: number },
  now: Date,
): EditionView {
  const at = now.toISOString();
  return {
    id: row.id,
    code: row.code,
    institution: { slug: row.slug, name: { nl: row.name_nl, en: row.name_en } },
    microCredential: {
      code: row.mc_code,
      version: row.version,
      title: localizedText(row.title_nl, row.title_en),
      form: row.form,
      ects: row.ects,
    },
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    enrolmentOpensAt: row.enrolment_opens_at,
    enrolmentClosesAt: row.enrolment_closes_at,
    enrolmentOpen: row.enrolment_opens_at <= at && at < row.enrolment_closes_at,
    capacity: row.capacity,
    placesLeft: placesLeft(row.capacity, counts.held),
    waitlisted: counts.waitlisted,
    mode: row.mode as EditionMode,
    language: row.language,
    location: row.location,
    academicYear: row.academic_year,
    price: priceOf(row.price_cents, row.form),
    status: row.status,
  };
}

/** The views of edition rows, with their places left and waiting lists counted in one query. */
export async function editionViews(
  db: Db | Tx,
  rows: EditionContext[],
  now = new Date(),
): Promise<EditionView[]> {
  const counts = await placeCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toEditionView(r, counts.get(r.id) ?? { held: 0, waitlisted: 0 }, now));
}

/** One edition of the institution, for staff; 404 when it has none by that code. */
export async function staffEdition(
  db: Db | Tx,
  institution: Institution,
  code: string,
): Promise<EditionContext> {
  const row = await editionQuery(db)
    .where('e.institution_id', '=', institution.id)
    .where('e.code', '=', code)
    .executeTakeFirst();
  if (!row)
    throw new NotFoundError(`Edition ${code} does not exist.`, {
      key: 'edition-not-found',
      params: { code },
    });
  return row;
}

export function toReductionView(row: TuitionReductionRow): ReductionView {
  return {
    code: row.code,
    label: { nl: row.label_nl, en: row.label_en },
    percent: row.percent,
    scope: row.institution_id === null ? 'platform' : 'institution',
  };
}

/** The waiting list of an edition, longest-waiting first. */
export async function waitlistOf(db: Db | Tx, editionId: string) {
  const rows = await db
    .selectFrom('enrolments')
    .select(['id', 'waitlist_since', 'user_id'])
    .where('edition_id', '=', editionId)
    .where('status', '=', 'waitlisted')
    .execute();
  return waitlistOrder(
    rows.map((r) => ({ id: r.id, waitlistSince: r.waitlist_since ?? '', userId: r.user_id })),
  );
}

async function positionsIn(db: Db | Tx, editionId: string): Promise<Map<string, number>> {
  return new Map((await waitlistOf(db, editionId)).map((e, i) => [e.id, i + 1]));
}

/** Enrolments with their learner and the reduction they claimed; narrow it with `where`. */
export function enrolmentQuery(db: Db | Tx) {
  return db
    .selectFrom('enrolments as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('tuition_reductions as r', 'r.id', 'n.reduction_id')
    .selectAll('n')
    .select(['u.name', 'u.email', 'r.code as reduction_code', 'r.percent as reduction_percent']);
}

type EnrolmentQueryRow = Awaited<ReturnType<ReturnType<typeof enrolmentQuery>['executeTakeFirstOrThrow']>>;

/** What the learner and staff alike see of an enrolment: its state, what is owed and why it was decided. */
function enrolmentState(row: EnrolmentQueryRow, position: number | null) {
  const status = row.status as EnrolmentStatus;
  return {
    id: row.id,
    status,
    waitlistPosition: status === 'waitlisted' ? position : null,
    amountDueCents: amountOwed(status, row.amount_due_cents),
    reduction: claimedReduction(row),
    decisionReason: row.decision_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toMyView(row: EnrolmentQueryRow, edition: EditionContext, position: number | null): MyEnrolmentView {
  return {
    ...enrolmentState(row, position),
    currency: 'EUR',
    edition: {
      id: edition.id,
      code: edition.code,
      startsOn: edition.starts_on,
      endsOn: edition.ends_on,
      mode: edition.mode as EditionMode,
      language: edition.language,
      location: edition.location,
      price: priceOf(edition.price_cents, edition.form),
    },
    microCredential: {
      code: edition.mc_code,
      version: edition.version,
      title: localizedText(edition.title_nl, edition.title_en),
    },
    institution: { slug: edition.slug, name: { nl: edition.name_nl, en: edition.name_en } },
  };
}

/** The views of rows of one learner's enrolments, each with its edition and waiting-list position. */
export async function myViews(db: Db | Tx, rows: readonly EnrolmentQueryRow[]): Promise<MyEnrolmentView[]> {
  const editionIds = [...new Set(rows.map((r) => r.edition_id))];
  const editions =
    editionIds.length === 0 ? [] : await editionQuery(db).where('e.id', 'in', editionIds).execute();
  const byId = new Map(editions.map((e) => [e.id, e]));
  const views: MyEnrolmentView[] = [];
  for (const row of rows) {
    const positions = row.status === 'waitlisted' ? await positionsIn(db, row.edition_id) : new Map();
    views.push(toMyView(row, byId.get(row.edition_id)!, positions.get(row.id) ?? null));
  }
  return views;
}

/** One enrolment of the learner; 404 for an enrolment of someone else. */
export async function getMyEnrolment(db: Db | Tx, userId: string, id: string): Promise<MyEnrolmentView> {
  const row = await enrolmentQuery(db)
    .where('n.id', '=', id)
    .where('n.user_id', '=', userId)
    .executeTakeFirst();
  if (!row)
    throw new NotFoundError(`You have no enrolment ${id}.`, { key: 'enrolment-unknown', params: { id } });
  const [view] = await myViews(db, [row]);
  return view!;
}

/** The enrolments of an edition as staff see them, or only `enrolmentId` of it. */
export async function staffEnrolments(
  db: Db | Tx,
  editionId: string,
  enrolmentId?: string,
): Promise<StaffEnrolmentView[]> {
  let query = enrolmentQuery(db)
    .where('n.edition_id', '=', editionId)
    .orderBy('n.created_at')
    .orderBy('n.id');
  if (enrolmentId !== undefined) query = query.where('n.id', '=', enrolmentId);
  const rows = await query.execute();
  const positions = await positionsIn(db, editionId);
  return rows.map((row) => ({
    ...enrolmentState(row, positions.get(row.id) ?? null),
    learner: { name: row.name, email: row.email },
    prerequisitesConfirmedAt: row.prerequisites_confirmed_at,
  }));
}
