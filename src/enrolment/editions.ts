import { randomUUID } from 'node:crypto';
import { refuseTakenCode } from '../core/codes.ts';
import type { Command } from '../core/command.ts';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, NotFoundError, refuse } from '../core/errors.ts';
import type { EditionRow, MicroCredentialVersionRow } from '../core/schema.ts';
import { getInstitution, type Institution } from '../institutions/store.ts';
import { decreeTable } from '../tuition/decree-tuition.ts';
import { reductionRows } from './reductions.ts';
import { amountDue, checkCapacity, checkEdition, editionPrice, type EditionFacts } from './rules.ts';
import type { EditionDetail, EditionInput, EditionUpdate, EditionView } from './schemas.ts';
import {
  editionQuery,
  editionViews,
  heldPlaces,
  parsePrerequisites,
  staffEdition,
  toReductionView,
} from './views.ts';
import { moveWaitlistUp } from './waiting-list.ts';

// ---------------------------------------------------------------------------------------------------
// Reading

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

/** What an edition needs of a micro-credential's version: its pricing and its defaults. */
type OfferedVersion = Pick<
  MicroCredentialVersionRow,
  'id' | 'version' | 'form' | 'ects' | 'tuition_cents' | 'participation_form' | 'language'
>;

/** The published version of a micro-credential of the institution, if it has one. */
async function publishedVersion(
  db: Db | Tx,
  institution: Institution,
  code: string,
): Promise<OfferedVersion | undefined> {
  return db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .select([
      'v.id',
      'v.version',
      'v.form',
      'v.ects',
      'v.tuition_cents',
      'v.participation_form',
      'v.language',
    ])
    .where('m.institution_id', '=', institution.id)
    .where('m.code', '=', code)
    .where('v.status', '=', 'published')
    .executeTakeFirst();
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
  if (!(await publishedVersion(db, institution, microCredentialCode))) {
    throw new NotFoundError(`Micro-credential ${microCredentialCode} is not in the catalogue.`, {
      key: 'edition-micro-credential-unknown',
      params: { code: microCredentialCode },
    });
  }
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
  if (!row) throw new NotFoundError(`There is no edition ${id}.`, { key: 'edition-unknown', params: { id } });
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
// Writing

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

/** The price of an edition of `version` starting on `startsOn`; refuses when it cannot be priced. */
async function priceOf(
  tx: Tx,
  version: Pick<OfferedVersion, 'form' | 'ects' | 'tuition_cents'>,
  startsOn: string,
) {
  const priced = editionPrice(
    {
      form: version.form as 'regular' | 'outside-regular',
      ects: version.ects,
      tuitionEur: version.tuition_cents === null ? undefined : version.tuition_cents / 100,
    },
    await decreeTable(tx),
    startsOn,
  );
  // The one problem says what is missing (the decree year, the institution's amount): it is the summary too.
  if ('problem' in priced)
    refuse([priced.problem], { key: priced.problem.rule, params: priced.problem.params });
  return priced.price;
}

/**
 * Creates an edition of the published version of a micro-credential, priced by the rules of its form.
 *
 * @example
 * await createEdition(cmd, institution, { code: 'MC-DATA-2027', microCredential: 'MC-DATA', ... });
 */
export async function createEdition(
  cmd: Command,
  institution: Institution,
  input: EditionInput,
): Promise<EditionView> {
  const { tx } = cmd;
  const version = await publishedVersion(tx, institution, input.microCredential);
  if (!version) {
    const params = { code: input.microCredential };
    refuse([{ field: 'microCredential', rule: 'micro-credential-not-published', params }], {
      key: 'micro-credential-not-published',
      params,
    });
  }
  const facts: EditionFacts = {
    ...input,
    mode: input.mode ?? version.participation_form ?? '',
    language: input.language ?? version.language,
  };
  const problems = checkEdition(facts);
  if (problems.length) refuse(problems, { key: 'edition-invalid', params: { code: input.code } });
  const price = await priceOf(tx, version, facts.startsOn);
  await refuseTakenCode(tx, 'editions', institution.id, input.code, 'edition-exists', 'Edition');
  const row: EditionRow = {
    id: randomUUID(),
    institution_id: institution.id,
    micro_credential_version_id: version.id,
    code: input.code,
    ...editionColumns(facts, price.academicYear, price.priceCents),
    status: 'scheduled',
    created_at: nowIso(),
  };
  await tx.insertInto('editions').values(row).execute();
  await cmd.audit({
    action: 'edition.create',
    objectType: 'edition',
    objectId: row.id,
    institutionId: institution.id,
    after: { ...editionAudit(row), microCredential: input.microCredential, version: version.version },
  });
  return getEdition(tx, institution, input.code);
}

/** What `updateEdition` changes: the edition by its code, and its new facts. */
export interface EditionChange {
  code: string;
  edition: EditionUpdate;
}

/**
 * Changes an edition. The price follows the (possibly new) academic year; a larger capacity moves the
 * waiting list up; a capacity below the places taken is refused.
 *
 * @example
 * await updateEdition(cmd, institution, { code: 'MC-DATA-2026-27', edition: { ...dates, capacity: 30 } });
 */
export async function updateEdition(
  cmd: Command,
  institution: Institution,
  { code, edition: input }: EditionChange,
): Promise<EditionView> {
  const { tx } = cmd;
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
  if (problems.length) refuse(problems, { key: 'edition-invalid', params: { code } });
  const version = await tx
    .selectFrom('micro_credential_versions')
    .select(['form', 'ects', 'tuition_cents'])
    .where('id', '=', before.micro_credential_version_id)
    .executeTakeFirstOrThrow();
  const price = await priceOf(tx, version, facts.startsOn);
  if (price.priceCents !== before.price_cents) {
    // Learners were told what they owe when they enrolled; a new academic year must not change that silently.
    const enrolled = await tx
      .selectFrom('enrolments')
      .select('id')
      .where('edition_id', '=', before.id)
      .where('status', 'in', ['pending', 'accepted', 'waitlisted'])
      .execute();
    if (enrolled.length > 0) {
      const params = { code, enrolled: enrolled.length, academicYear: price.academicYear };
      throw new ConflictError(
        'invalid-state',
        `Edition ${code} has ${enrolled.length} enrolment(s) at the current price; these dates would move it to academic year ${price.academicYear} with another price.`,
        { key: 'edition-price-locked', params },
      );
    }
  }
  const columns = editionColumns(facts, price.academicYear, price.priceCents);
  await tx.updateTable('editions').set(columns).where('id', '=', before.id).execute();
  await cmd.audit({
    action: 'edition.update',
    objectType: 'edition',
    objectId: before.id,
    institutionId: institution.id,
    before: editionAudit(before),
    after: editionAudit({ ...columns, code }),
  });
  await moveWaitlistUp(cmd, { ...before, ...columns });
  return getEdition(tx, institution, code);
}
