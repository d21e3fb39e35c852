import { randomUUID } from 'node:crypto';
import type { Actor, Role } from '../core/actor.ts';
import { actorId, actorLabel } from '../core/actor.ts';
import { audit } from '../core/audit.ts';
import type { AfterCommit, Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../core/errors.ts';
import type { Lang } from '../core/i18n.ts';
import { queueMail, type MailSettings } from '../core/mail.ts';
import type { EditionRow, TuitionReductionRow } from '../core/schema.ts';
import type { DecreeTuitionYear, LocalizedText } from '../catalogue/rules.ts';
import { getPublishedMicroCredential } from '../catalogue/store.ts';
import { getInstitution, type Institution } from '../institutions/store.ts';
import {
  amountDue,
  amountOwed,
  checkCapacity,
  checkDecision,
  checkEdition,
  checkEnrolment,
  checkReduction,
  describeEnrolmentProblem,
  editionPrice,
  holdsPlace,
  nextStatus,
  placesLeft,
  reductionsFor,
  statusOnEnrol,
  toPromote,
  waitlistMoves,
  waitlistOrder,
  type EditionFacts,
  type EditionMode,
  type EnrolmentProblem,
  type EnrolmentStatus,
  type ReductionFacts,
} from './rules.ts';

/** What staff send to create an edition; mode and language default to the micro-credential's. */
export interface EditionInput {
  code: string;
  microCredential: string;
  startsOn: string;
  endsOn: string;
  enrolmentOpensAt: string;
  enrolmentClosesAt: string;
  capacity: number;
  mode?: EditionMode | undefined;
  language?: string | undefined;
  location?: string | undefined;
}

/** What staff send to change an edition; an absent mode, language or location keeps the current one. */
export type EditionUpdate = Omit<EditionInput, 'code' | 'microCredential'>;

export interface ReductionView {
  code: string;
  label: { nl: string; en: string };
  percent: number;
  scope: 'institution' | 'platform';
}

export interface EditionView {
  id: string;
  code: string;
  institution: { slug: string; name: { nl: string; en: string } };
  microCredential: { code: string; version: number; title: LocalizedText; form: string; ects: number };
  startsOn: string;
  endsOn: string;
  enrolmentOpensAt: string;
  enrolmentClosesAt: string;
  /** Enrolment is possible right now. */
  enrolmentOpen: boolean;
  capacity: number;
  placesLeft: number;
  waitlisted: number;
  mode: EditionMode;
  language: string;
  location: string | null;
  academicYear: string;
  price: { cents: number; currency: 'EUR'; basis: 'decree' | 'institution' };
  status: string;
}

export interface EditionDetail extends EditionView {
  /** What a learner must confirm before enrolling; null when the micro-credential states none. */
  prerequisites: LocalizedText | null;
  reductions: Array<ReductionView & { amountDueCents: number }>;
}

export interface StaffEnrolmentView {
  id: string;
  learner: { name: string; email: string };
  status: EnrolmentStatus;
  waitlistPosition: number | null;
  prerequisitesConfirmedAt: string | null;
  reduction: { code: string; percent: number } | null;
  amountDueCents: number;
  decisionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MyEnrolmentView {
  id: string;
  status: EnrolmentStatus;
  waitlistPosition: number | null;
  amountDueCents: number;
  currency: 'EUR';
  reduction: { code: string; percent: number } | null;
  decisionReason: string | null;
  edition: Pick<
    EditionView,
    'id' | 'code' | 'startsOn' | 'endsOn' | 'mode' | 'language' | 'location' | 'price'
  >;
  microCredential: { code: string; version: number; title: LocalizedText };
  institution: { slug: string; name: { nl: string; en: string } };
  createdAt: string;
  updatedAt: string;
}

/** What queueing e-mail from inside a transaction needs. */
export interface MailOptions {
  afterCommit: AfterCommit;
  db: Db;
  mail: MailSettings;
}

// The waiting list acts on its own when a place frees: its moves are recorded under this name.
const WAITING_LIST: Actor = { kind: 'system', label: 'waiting list' };

// ---------------------------------------------------------------------------------------------------
// Reading

interface EditionContext extends EditionRow {
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

function editionQuery(db: Db | Tx) {
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

const localized = (nl: string, en: string | null): LocalizedText => ({ nl, ...(en ? { en } : {}) });

function parsePrerequisites(text: string | null): LocalizedText | null {
  if (text === null) return null;
  const value = JSON.parse(text) as LocalizedText;
  return value.nl?.trim() || value.en?.trim() ? value : null;
}

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

async function heldPlaces(db: Db | Tx, editionId: string): Promise<number> {
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
      title: localized(row.title_nl, row.title_en),
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
    price: {
      cents: row.price_cents,
      currency: 'EUR',
      basis: row.form === 'regular' ? 'decree' : 'institution',
    },
    status: row.status,
  };
}

async function editionViews(db: Db | Tx, rows: EditionContext[], now = new Date()): Promise<EditionView[]> {
  const counts = await placeCounts(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toEditionView(r, counts.get(r.id) ?? { held: 0, waitlisted: 0 }, now));
}

async function staffEdition(db: Db | Tx, institution: Institution, code: string): Promise<EditionContext> {
  const row = await editionQuery(db)
    .where('e.institution_id', '=', institution.id)
    .where('e.code', '=', code)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`Edition ${code} does not exist.`);
  return row;
}

/**
 * Staff view of one edition of their institution.
 *
 * @example
 * const edition = await getEdition(db, institution, 'MC-DATA-2026-27');
 */
export async function getEdition(db: Db | Tx, institution: Institution, code: string): Promise<EditionView> {
  const [view] = await editionViews(db, [await staffEdition(db, institution, code)]);
  return view!;
}

/**
 * Every edition of an institution, the latest start first.
 *
 * @example
 * const editions = await listEditions(db, institution);
 */
export async function listEditions(db: Db | Tx, institution: Institution): Promise<EditionView[]> {
  const rows = await editionQuery(db)
    .where('e.institution_id', '=', institution.id)
    .orderBy('e.starts_on', 'desc')
    .orderBy('e.code')
    .execute();
  return editionViews(db, rows);
}

/**
 * The editions of a published micro-credential that a learner can still enrol in: open now, or opening
 * later. Editions of a superseded version count: they were published and still run.
 *
 * @example
 * const editions = await listPublicEditions(db, 'hogeschool-schelde', 'MC-DATA');
 */
export async function listPublicEditions(
  db: Db | Tx,
  slug: string,
  microCredentialCode: string,
  now = new Date(),
): Promise<EditionView[]> {
  const institution = await getInstitution(db, slug);
  // Throws 404 when the micro-credential is not in the catalogue.
  await getPublishedMicroCredential(db, institution, microCredentialCode);
  const rows = await editionQuery(db)
    .where('e.institution_id', '=', institution.id)
    .where('m.code', '=', microCredentialCode)
    .where('v.status', 'in', ['published', 'superseded'])
    .where('e.status', '=', 'scheduled')
    .where('e.enrolment_closes_at', '>', now.toISOString())
    .orderBy('e.starts_on')
    .orderBy('e.code')
    .execute();
  return editionViews(db, rows, now);
}

async function reductionRows(db: Db | Tx, institutionId: string): Promise<TuitionReductionRow[]> {
  const rows = await db
    .selectFrom('tuition_reductions')
    .selectAll()
    .where((eb) => eb.or([eb('institution_id', '=', institutionId), eb('institution_id', 'is', null)]))
    .execute();
  return reductionsFor(
    rows.map((r) => ({ ...r, institutionId: r.institution_id })),
    institutionId,
  );
}

function toReductionView(row: TuitionReductionRow): ReductionView {
  return {
    code: row.code,
    label: { nl: row.label_nl, en: row.label_en },
    percent: row.percent,
    scope: row.institution_id === null ? 'platform' : 'institution',
  };
}

/**
 * The public detail of an edition: what to confirm, and what each reduction would leave to pay.
 *
 * @example
 * const { prerequisites, reductions } = await getPublicEdition(db, editionId);
 */
export async function getPublicEdition(db: Db | Tx, id: string, now = new Date()): Promise<EditionDetail> {
  const row = await editionQuery(db)
    .where('e.id', '=', id)
    .where('v.status', 'in', ['published', 'superseded'])
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`There is no edition ${id}.`);
  const [view] = await editionViews(db, [row], now);
  const reductions = await reductionRows(db, row.institution_id);
  return {
    ...view!,
    prerequisites: parsePrerequisites(row.prerequisites),
    reductions: reductions.map((r) => ({
      ...toReductionView(r),
      amountDueCents: amountDue(row.price_cents, r),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------
// Editions: writing

function refuse(problems: EnrolmentProblem[], lang: Lang, message: string): never {
  throw new ValidationError(
    problems.map((p) => ({ field: p.field, rule: p.rule, message: describeEnrolmentProblem(p, lang) })),
    message,
  );
}

async function decreeTable(db: Db | Tx): Promise<DecreeTuitionYear[]> {
  const rows = await db.selectFrom('decree_tuition').selectAll().execute();
  return rows.map((r) => ({
    academicYear: r.academic_year,
    fixedCents: r.fixed_cents,
    perCreditCents: r.per_credit_cents,
  }));
}

/** Normalised to UTC ISO strings, so that windows compare as text with `nowIso()` in SQL and code. */
const utc = (instant: string) => new Date(instant).toISOString();

function editionColumns(facts: EditionFacts, academicYear: string, priceCents: number) {
  return {
    starts_on: facts.startsOn,
    ends_on: facts.endsOn,
    enrolment_opens_at: utc(facts.enrolmentOpensAt),
    enrolment_closes_at: utc(facts.enrolmentClosesAt),
    capacity: facts.capacity,
    mode: facts.mode,
    language: facts.language,
    location: facts.location?.trim() || null,
    academic_year: academicYear,
    price_cents: priceCents,
  };
}

function editionAudit(row: Pick<EditionRow, 'code' | 'starts_on' | 'ends_on' | 'capacity' | 'price_cents'>) {
  return {
    code: row.code,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    capacity: row.capacity,
    priceCents: row.price_cents,
  };
}

/**
 * Creates an edition of the published version of a micro-credential, priced by the rules of its form.
 *
 * @example
 * await createEdition(tx, actor, 'registrar', institution, { code: 'MC-DATA-2027', microCredential: 'MC-DATA', ... }, 'en');
 */
export async function createEdition(
  tx: Tx,
  actor: Actor,
  role: Role | undefined,
  institution: Institution,
  input: EditionInput,
  lang: Lang,
): Promise<EditionView> {
  const microCredential = await getPublishedMicroCredential(tx, institution, input.microCredential).catch(
    (error: unknown) => {
      if (!(error instanceof NotFoundError)) throw error;
      return refuse(
        [
          {
            field: 'microCredential',
            rule: 'micro-credential-not-published',
            params: { code: input.microCredential },
          },
        ],
        lang,
        `Micro-credential ${input.microCredential} has no published version to offer.`,
      );
    },
  );
  const facts: EditionFacts = {
    ...input,
    mode: input.mode ?? microCredential.participationForm ?? '',
    language: input.language ?? microCredential.language,
  };
  const problems = checkEdition(facts);
  if (problems.length) refuse(problems, lang, `Edition ${input.code} breaks the rules.`);
  const priced = editionPrice(microCredential, await decreeTable(tx), facts.startsOn);
  if ('problem' in priced) refuse([priced.problem], lang, `Edition ${input.code} cannot be priced.`);
  const existing = await tx
    .selectFrom('editions')
    .select('id')
    .where('institution_id', '=', institution.id)
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (existing) throw new ConflictError('already-exists', `Edition ${input.code} already exists.`);
  const row: EditionRow = {
    id: randomUUID(),
    institution_id: institution.id,
    micro_credential_version_id: microCredential.id,
    code: input.code,
    ...editionColumns(facts, priced.price.academicYear, priced.price.priceCents),
    status: 'scheduled',
    created_at: nowIso(),
  };
  await tx.insertInto('editions').values(row).execute();
  await audit(tx, actor, {
    action: 'edition.create',
    objectType: 'edition',
    objectId: row.id,
    institutionId: institution.id,
    role,
    after: { ...editionAudit(row), microCredential: input.microCredential, version: microCredential.version },
  });
  return getEdition(tx, institution, input.code);
}

/**
 * Changes an edition. The price follows the (possibly new) academic year; a larger capacity moves the
 * waiting list up; a capacity below the places taken is refused.
 *
 * @example
 * await updateEdition(tx, { afterCommit, db, mail }, actor, 'registrar', institution, 'MC-DATA-2026-27', { ...dates, capacity: 30 }, 'en');
 */
export async function updateEdition(
  tx: Tx,
  out: MailOptions,
  actor: Actor,
  role: Role | undefined,
  institution: Institution,
  code: string,
  input: EditionUpdate,
  lang: Lang,
): Promise<EditionView> {
  const before = await staffEdition(tx, institution, code);
  const facts: EditionFacts = {
    ...input,
    code,
    mode: input.mode ?? before.mode,
    language: input.language ?? before.language,
    location: input.location ?? before.location,
  };
  const held = await heldPlaces(tx, before.id);
  const problems = [...checkEdition(facts), ...checkCapacity(input.capacity, held)];
  if (problems.length) refuse(problems, lang, `Edition ${code} breaks the rules.`);
  const version = await tx
    .selectFrom('micro_credential_versions')
    .select(['form', 'ects', 'tuition_cents'])
    .where('id', '=', before.micro_credential_version_id)
    .executeTakeFirstOrThrow();
  const priced = editionPrice(
    {
      form: version.form as 'regular' | 'outside-regular',
      ects: version.ects,
      tuitionEur: version.tuition_cents === null ? undefined : version.tuition_cents / 100,
    },
    await decreeTable(tx),
    facts.startsOn,
  );
  if ('problem' in priced) refuse([priced.problem], lang, `Edition ${code} cannot be priced.`);
  const currentPrice = await tx
    .selectFrom('editions')
    .select('price_cents')
    .where('id', '=', before.id)
    .executeTakeFirstOrThrow();
  if (priced.price.priceCents !== currentPrice.price_cents) {
    // Learners were told what they owe when they enrolled; a new academic year must not change that silently.
    const enrolled = await tx
      .selectFrom('enrolments')
      .select('id')
      .where('edition_id', '=', before.id)
      .where('status', 'in', ['pending', 'accepted', 'waitlisted'])
      .execute();
    if (enrolled.length > 0) {
      throw new ConflictError(
        'invalid-state',
        `Edition ${code} has ${enrolled.length} enrolment(s) at the current price; these dates would move it to academic year ${priced.price.academicYear} with another price. Keep the academic year, or open a new edition.`,
      );
    }
  }
  const columns = editionColumns(facts, priced.price.academicYear, priced.price.priceCents);
  await tx.updateTable('editions').set(columns).where('id', '=', before.id).execute();
  await audit(tx, actor, {
    action: 'edition.update',
    objectType: 'edition',
    objectId: before.id,
    institutionId: institution.id,
    role,
    before: editionAudit(before),
    after: editionAudit({ ...columns, code }),
  });
  await moveWaitlistUp(tx, out, { ...before, ...columns });
  return getEdition(tx, institution, code);
}

// ---------------------------------------------------------------------------------------------------
// Reductions

/**
 * The reductions staff of an institution can see and learners of it can ask for.
 *
 * @example
 * const reductions = await listReductions(db, institution.id);
 */
export async function listReductions(db: Db | Tx, institutionId: string): Promise<ReductionView[]> {
  return (await reductionRows(db, institutionId)).map(toReductionView);
}

/**
 * Adds a tuition reduction for one institution, or for every institution when `institution` is null
 * (platform operators and the demo). Learners claim it when they enrol; staff check the claim when deciding.
 *
 * @example
 * await createReduction(tx, actor, 'administrator', institution, { code: 'job-seeker', label: { nl: 'Werkzoekende', en: 'Job seeker' }, percent: 50 }, 'en');
 */
export async function createReduction(
  tx: Tx,
  actor: Actor,
  role: Role | undefined,
  institution: Institution | null,
  input: ReductionFacts,
  lang: Lang,
): Promise<ReductionView> {
  const problems = checkReduction(input);
  if (problems.length) refuse(problems, lang, `Reduction ${input.code} breaks the rules.`);
  let query = tx.selectFrom('tuition_reductions').select('id').where('code', '=', input.code);
  query = institution
    ? query.where('institution_id', '=', institution.id)
    : query.where('institution_id', 'is', null);
  if (await query.executeTakeFirst())
    throw new ConflictError('already-exists', `Reduction ${input.code} already exists.`);
  const row: TuitionReductionRow = {
    id: randomUUID(),
    institution_id: institution?.id ?? null,
    code: input.code,
    label_nl: input.label.nl.trim(),
    label_en: input.label.en.trim(),
    percent: input.percent,
    created_at: nowIso(),
  };
  await tx.insertInto('tuition_reductions').values(row).execute();
  await audit(tx, actor, {
    action: 'reduction.create',
    objectType: 'tuition-reduction',
    objectId: row.id,
    institutionId: row.institution_id,
    role,
    after: { code: row.code, percent: row.percent, label: input.label },
  });
  return toReductionView(row);
}

// ---------------------------------------------------------------------------------------------------
// Enrolment

export interface EnrolOptions {
  confirmPrerequisites: boolean;
  reduction?: string | undefined;
  now?: Date;
}

async function waitlistOf(db: Db | Tx, editionId: string) {
  const rows = await db
    .selectFrom('enrolments')
    .select(['id', 'waitlist_since'])
    .where('edition_id', '=', editionId)
    .where('status', '=', 'waitlisted')
    .execute();
  return waitlistOrder(rows.map((r) => ({ id: r.id, waitlistSince: r.waitlist_since ?? '' })));
}

async function positionsIn(db: Db | Tx, editionId: string): Promise<Map<string, number>> {
  return new Map((await waitlistOf(db, editionId)).map((e, i) => [e.id, i + 1]));
}

/**
 * A learner enrols in an edition: a free place makes the enrolment pending (staff decide), otherwise it
 * joins the waiting list. Run it in a serializable transaction: the count of places taken and the new
 * row must not interleave with another learner's.
 *
 * @example
 * await database.transaction((tx) => enrol(tx, actor, editionId, { confirmPrerequisites: true }), { isolation: 'serializable' });
 */
export async function enrol(
  tx: Tx,
  actor: Actor & { kind: 'user' },
  editionId: string,
  options: EnrolOptions,
  lang: Lang,
): Promise<MyEnrolmentView> {
  const now = options.now ?? new Date();
  const user = await tx
    .selectFrom('users')
    .select(['email_verified_at'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!user.email_verified_at) {
    throw new ForbiddenError(
      'Confirm your e-mail address first (follow the link in the e-mail we sent), then enrol.',
    );
  }
  const edition = await editionQuery(tx).where('e.id', '=', editionId).executeTakeFirst();
  if (!edition) throw new NotFoundError(`There is no edition ${editionId}.`);
  const existing = await tx
    .selectFrom('enrolments')
    .selectAll()
    .where('edition_id', '=', edition.id)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  const refusal = checkEnrolment({
    now,
    enrolmentOpensAt: edition.enrolment_opens_at,
    enrolmentClosesAt: edition.enrolment_closes_at,
    versionStatus: edition.version_status,
    hasPrerequisites: parsePrerequisites(edition.prerequisites) !== null,
    prerequisitesConfirmed: options.confirmPrerequisites,
    existing: existing?.status as EnrolmentStatus | undefined,
  });
  switch (refusal?.reason) {
    case undefined:
      break;
    case 'not-published':
      throw new ConflictError('invalid-state', `Edition ${edition.code} does not take enrolments.`);
    case 'window-not-open':
      throw new ConflictError('invalid-state', `Enrolment for ${edition.code} opens at ${refusal.opensAt}.`);
    case 'window-closed':
      throw new ConflictError(
        'invalid-state',
        `Enrolment for ${edition.code} closed at ${refusal.closedAt}.`,
      );
    case 'already-enrolled':
      throw new ConflictError(
        'already-exists',
        `You are already enrolled in ${edition.code} (${refusal.status}).`,
      );
    case 'refused-before':
      throw new ConflictError('invalid-state', `Your enrolment in ${edition.code} was refused.`);
    case 'prerequisites-not-confirmed':
      refuse(
        [{ field: 'confirmPrerequisites', rule: 'prerequisites-not-confirmed' }],
        lang,
        'Confirm the prerequisites to enrol.',
      );
  }
  let reduction: TuitionReductionRow | undefined;
  if (options.reduction !== undefined) {
    reduction = (await reductionRows(tx, edition.institution_id)).find((r) => r.code === options.reduction);
    if (!reduction) {
      refuse(
        [{ field: 'reduction', rule: 'reduction-unknown', params: { code: options.reduction } }],
        lang,
        `There is no reduction ${options.reduction}.`,
      );
    }
  }
  const status = statusOnEnrol(edition.capacity, await heldPlaces(tx, edition.id));
  const at = nowIso();
  const columns = {
    status,
    waitlist_since: status === 'waitlisted' ? at : null,
    prerequisites_confirmed_at: options.confirmPrerequisites ? at : null,
    reduction_id: reduction?.id ?? null,
    amount_due_cents: amountDue(edition.price_cents, reduction),
    decided_by: null,
    decision_reason: null,
    updated_at: at,
  };
  let id: string;
  if (existing) {
    // One row per learner per edition: coming back after a cancellation reuses it.
    id = existing.id;
    await tx.updateTable('enrolments').set(columns).where('id', '=', id).execute();
  } else {
    id = randomUUID();
    await tx
      .insertInto('enrolments')
      .values({ id, edition_id: edition.id, user_id: actor.userId, created_at: at, ...columns })
      .execute();
  }
  await audit(tx, actor, {
    action: 'enrolment.enrol',
    objectType: 'enrolment',
    objectId: id,
    institutionId: edition.institution_id,
    ...(existing ? { before: { status: existing.status } } : {}),
    after: {
      edition: edition.code,
      status,
      reduction: reduction?.code ?? null,
      amountDueCents: columns.amount_due_cents,
    },
  });
  return getMyEnrolment(tx, actor.userId, id);
}

function myQuery(db: Db | Tx) {
  return db
    .selectFrom('enrolments as n')
    .innerJoin('editions as e', 'e.id', 'n.edition_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'e.micro_credential_version_id')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('institutions as i', 'i.id', 'e.institution_id')
    .leftJoin('tuition_reductions as r', 'r.id', 'n.reduction_id')
    .selectAll('n')
    .select([
      'e.code as edition_code',
      'e.starts_on',
      'e.ends_on',
      'e.mode',
      'e.language',
      'e.location',
      'e.price_cents',
      'm.code as mc_code',
      'v.version',
      'v.form',
      'v.title_nl',
      'v.title_en',
      'i.slug',
      'i.name_nl',
      'i.name_en',
      'r.code as reduction_code',
      'r.percent as reduction_percent',
    ]);
}

type MyRow = Awaited<ReturnType<ReturnType<typeof myQuery>['executeTakeFirstOrThrow']>>;

function toMyView(row: MyRow, position: number | null): MyEnrolmentView {
  const status = row.status as EnrolmentStatus;
  return {
    id: row.id,
    status,
    waitlistPosition: status === 'waitlisted' ? position : null,
    amountDueCents: amountOwed(status, row.amount_due_cents),
    currency: 'EUR',
    reduction:
      row.reduction_code !== null && row.reduction_percent !== null
        ? { code: row.reduction_code, percent: row.reduction_percent }
        : null,
    decisionReason: row.decision_reason,
    edition: {
      id: row.edition_id,
      code: row.edition_code,
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      mode: row.mode as EditionMode,
      language: row.language,
      location: row.location,
      price: {
        cents: row.price_cents,
        currency: 'EUR',
        basis: row.form === 'regular' ? 'decree' : 'institution',
      },
    },
    microCredential: {
      code: row.mc_code,
      version: row.version,
      title: localized(row.title_nl, row.title_en),
    },
    institution: { slug: row.slug, name: { nl: row.name_nl, en: row.name_en } },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function getMyEnrolment(db: Db | Tx, userId: string, id: string): Promise<MyEnrolmentView> {
  const row = await myQuery(db).where('n.id', '=', id).where('n.user_id', '=', userId).executeTakeFirst();
  if (!row) throw new NotFoundError(`You have no enrolment ${id}.`);
  const positions = row.status === 'waitlisted' ? await positionsIn(db, row.edition_id) : new Map();
  return toMyView(row, positions.get(row.id) ?? null);
}

/**
 * A learner's enrolments, the latest edition first, with waiting-list position and amount due.
 *
 * @example
 * const mine = await listMyEnrolments(db, actor.userId);
 */
export async function listMyEnrolments(db: Db | Tx, userId: string): Promise<MyEnrolmentView[]> {
  const rows = await myQuery(db)
    .where('n.user_id', '=', userId)
    .orderBy('e.starts_on', 'desc')
    .orderBy('e.code')
    .execute();
  const views: MyEnrolmentView[] = [];
  for (const row of rows) {
    const positions = row.status === 'waitlisted' ? await positionsIn(db, row.edition_id) : new Map();
    views.push(toMyView(row, positions.get(row.id) ?? null));
  }
  return views;
}

/**
 * The learner cancels; a place that frees goes to the longest-waiting learner.
 *
 * @example
 * await database.transaction((tx, afterCommit) => cancelEnrolment(tx, { afterCommit, db, mail }, actor, id));
 */
export async function cancelEnrolment(
  tx: Tx,
  out: MailOptions,
  actor: Actor & { kind: 'user' },
  id: string,
): Promise<MyEnrolmentView> {
  const row = await tx
    .selectFrom('enrolments')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`You have no enrolment ${id}.`);
  const status = row.status as EnrolmentStatus;
  const next = nextStatus(status, 'cancel');
  if (!next) throw new ConflictError('invalid-state', `An enrolment that is ${status} cannot be cancelled.`);
  await tx
    .updateTable('enrolments')
    .set({ status: next, waitlist_since: null, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
  const edition = await tx
    .selectFrom('editions')
    .selectAll()
    .where('id', '=', row.edition_id)
    .executeTakeFirstOrThrow();
  await audit(tx, actor, {
    action: 'enrolment.cancel',
    objectType: 'enrolment',
    objectId: id,
    institutionId: edition.institution_id,
    before: { status },
    after: { status: next },
  });
  if (holdsPlace(status)) await moveWaitlistUp(tx, out, edition);
  return getMyEnrolment(tx, actor.userId, id);
}

async function staffEnrolments(db: Db | Tx, editionId: string, enrolmentId?: string) {
  let query = db
    .selectFrom('enrolments as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .leftJoin('tuition_reductions as r', 'r.id', 'n.reduction_id')
    .selectAll('n')
    .select(['u.name', 'u.email', 'r.code as reduction_code', 'r.percent as reduction_percent'])
    .where('n.edition_id', '=', editionId)
    .orderBy('n.created_at')
    .orderBy('n.id');
  if (enrolmentId !== undefined) query = query.where('n.id', '=', enrolmentId);
  const rows = await query.execute();
  const positions = await positionsIn(db, editionId);
  return rows.map((row): StaffEnrolmentView => ({
    id: row.id,
    learner: { name: row.name, email: row.email },
    status: row.status as EnrolmentStatus,
    waitlistPosition: positions.get(row.id) ?? null,
    prerequisitesConfirmedAt: row.prerequisites_confirmed_at,
    reduction:
      row.reduction_code !== null && row.reduction_percent !== null
        ? { code: row.reduction_code, percent: row.reduction_percent }
        : null,
    amountDueCents: amountOwed(row.status as EnrolmentStatus, row.amount_due_cents),
    decisionReason: row.decision_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }));
}

/**
 * The enrolments of one edition of the institution, for staff.
 *
 * @example
 * const enrolments = await listEditionEnrolments(db, institution, 'MC-DATA-2026-27');
 */
export async function listEditionEnrolments(
  db: Db | Tx,
  institution: Institution,
  code: string,
): Promise<StaffEnrolmentView[]> {
  const edition = await staffEdition(db, institution, code);
  return staffEnrolments(db, edition.id);
}

export interface DecisionInput {
  decision: 'accept' | 'refuse';
  reason?: string | undefined;
}

/**
 * Staff accept a pending enrolment or refuse a pending or waitlisted one (with a reason); the learner is
 * told by e-mail, and a refused place goes to the waiting list.
 *
 * @example
 * await decideEnrolment(tx, out, actor, 'registrar', institution, 'MC-DATA-2026-27', id, { decision: 'refuse', reason: 'Prerequisites not met' }, 'en');
 */
export async function decideEnrolment(
  tx: Tx,
  out: MailOptions,
  actor: Actor,
  role: Role | undefined,
  institution: Institution,
  editionCode: string,
  enrolmentId: string,
  input: DecisionInput,
  lang: Lang,
): Promise<StaffEnrolmentView> {
  const problems = checkDecision(input.decision, input.reason);
  if (problems.length) refuse(problems, lang, 'A refusal needs a reason.');
  const edition = await staffEdition(tx, institution, editionCode);
  const row = await tx
    .selectFrom('enrolments')
    .selectAll()
    .where('id', '=', enrolmentId)
    .where('edition_id', '=', edition.id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`Edition ${editionCode} has no enrolment ${enrolmentId}.`);
  const status = row.status as EnrolmentStatus;
  const next = nextStatus(status, input.decision);
  if (!next) {
    throw new ConflictError('invalid-state', `An enrolment that is ${status} cannot be ${input.decision}ed.`);
  }
  const reason = input.reason?.trim() || null;
  await tx
    .updateTable('enrolments')
    .set({
      status: next,
      waitlist_since: null,
      decided_by: actorId(actor) ?? actorLabel(actor),
      decision_reason: reason,
      updated_at: nowIso(),
    })
    .where('id', '=', row.id)
    .execute();
  await audit(tx, actor, {
    action: `enrolment.${input.decision}`,
    objectType: 'enrolment',
    objectId: row.id,
    institutionId: institution.id,
    role,
    before: { status },
    after: { status: next, reason },
  });
  const learner = await tx
    .selectFrom('users')
    .select(['email', 'name'])
    .where('id', '=', row.user_id)
    .executeTakeFirstOrThrow();
  const title = `${edition.title_nl} (${edition.code})`;
  const titleEn = `${edition.title_en ?? edition.title_nl} (${edition.code})`;
  const amount = euro(row.amount_due_cents);
  await queueMail(tx, out.afterCommit, out.db, out.mail, {
    to: learner.email,
    institutionId: institution.id,
    ...(input.decision === 'accept'
      ? {
          subject: `Inschrijving aanvaard — Enrolment accepted: ${edition.code}`,
          body:
            `Dag ${learner.name},\n\nJe inschrijving voor ${title} is aanvaard. De editie start op ${edition.starts_on}. Te betalen: ${amount}.` +
            (reason ? `\nOpmerking: ${reason}` : '') +
            `\n\nYour enrolment in ${titleEn} has been accepted. The edition starts on ${edition.starts_on}. Amount due: ${amount}.` +
            (reason ? `\nNote: ${reason}` : ''),
        }
      : {
          subject: `Inschrijving geweigerd — Enrolment refused: ${edition.code}`,
          body: `Dag ${learner.name},\n\nJe inschrijving voor ${title} is geweigerd.\nReden: ${reason}\n\nYour enrolment in ${titleEn} has been refused.\nReason: ${reason}`,
        }),
  });
  if (holdsPlace(status) && !holdsPlace(next)) await moveWaitlistUp(tx, out, edition);
  const [view] = await staffEnrolments(tx, edition.id, row.id);
  return view!;
}

/**
 * Fills free places from the waiting list, longest-waiting first, until the edition starts. Each move is
 * a state change of its own: one audit record and one e-mail per learner.
 */
async function moveWaitlistUp(
  tx: Tx,
  out: MailOptions,
  edition: Pick<EditionRow, 'id' | 'institution_id' | 'code' | 'capacity' | 'starts_on' | 'price_cents'>,
  now = new Date(),
): Promise<void> {
  if (!waitlistMoves(now, edition.starts_on)) return;
  const promoted = toPromote(
    edition.capacity,
    await heldPlaces(tx, edition.id),
    await waitlistOf(tx, edition.id),
  );
  if (promoted.length === 0) return;
  const title = await tx
    .selectFrom('editions as e')
    .innerJoin('micro_credential_versions as v', 'v.id', 'e.micro_credential_version_id')
    .select(['v.title_nl', 'v.title_en'])
    .where('e.id', '=', edition.id)
    .executeTakeFirstOrThrow();
  for (const entry of promoted) {
    await tx
      .updateTable('enrolments')
      .set({ status: 'pending', waitlist_since: null, updated_at: nowIso() })
      .where('id', '=', entry.id)
      .execute();
    await audit(tx, WAITING_LIST, {
      action: 'enrolment.promote',
      objectType: 'enrolment',
      objectId: entry.id,
      institutionId: edition.institution_id,
      before: { status: 'waitlisted', waitlistSince: entry.waitlistSince },
      after: { status: 'pending' },
    });
    const learner = await tx
      .selectFrom('enrolments as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select(['u.email', 'u.name'])
      .where('n.id', '=', entry.id)
      .executeTakeFirstOrThrow();
    await queueMail(tx, out.afterCommit, out.db, out.mail, {
      to: learner.email,
      institutionId: edition.institution_id,
      subject: `Plaats vrijgekomen — A place came free: ${edition.code}`,
      body:
        `Dag ${learner.name},\n\nEr is een plaats vrijgekomen in ${title.title_nl} (${edition.code}). Je staat niet langer op de wachtlijst: ` +
        `je inschrijving wacht nu op de beslissing van de instelling.\n\n` +
        `A place came free in ${title.title_en ?? title.title_nl} (${edition.code}). You are no longer on the waiting list: ` +
        `your enrolment now awaits the institution's decision.`,
    });
  }
}

function euro(cents: number): string {
  return `€${(cents / 100).toFixed(2)}`;
}
