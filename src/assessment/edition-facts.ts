import type { Db, Tx } from '../core/database.ts';
import { localizedText } from '../catalogue/rows.ts';
import { NotFoundError } from '../core/errors.ts';
import type { EvaluationRow } from '../core/schema.ts';
import type { Form, LocalizedText } from '../catalogue/rules.ts';
import type { Institution } from '../institutions/store.ts';
import { currentResults, eligibleProofs, requiredResults, requirementKey, type OwedProof } from './rules.ts';

/** Only learners whose enrolment was accepted are assessed (and issued proofs). */
export const ASSESSED_ENROLMENT_STATUS = 'accepted';

/** A micro-credential version as evaluating it needs it: its form, title and course units in order. */
export interface VersionFacts {
  microCredentialVersionId: string;
  /** The slug of the institution whose catalogue holds the version. */
  institution: string;
  microCredential: { code: string; version: number; form: Form; title: LocalizedText };
  courseUnits: Array<{ versionId: string; code: string; title: LocalizedText }>;
}

/** An edition with what evaluating it needs: the micro-credential version's form and course units. */
export interface EditionFacts extends VersionFacts {
  id: string;
  code: string;
  institutionId: string;
}

/**
 * Today's date in Flanders: results are dated by the calendar of the people who assess, not by UTC.
 *
 * @example
 * todayInFlanders(new Date('2025-03-30T22:30:00Z')); // '2025-03-31'
 */
export function todayInFlanders(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Brussels',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * A micro-credential version's facts by its id, or undefined.
 *
 * @example
 * const facts = await versionFacts(db, row.micro_credential_version_id);
 */
export async function versionFacts(db: Db | Tx, versionId: string): Promise<VersionFacts | undefined> {
  const row = await db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('institutions as i', 'i.id', 'm.institution_id')
    .select(['v.id', 'v.version', 'v.form', 'v.title_nl', 'v.title_en', 'm.code as mc_code', 'i.slug'])
    .where('v.id', '=', versionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const units = await assessedCourseUnits(db, row.id);
  return {
    microCredentialVersionId: row.id,
    institution: row.slug,
    microCredential: {
      code: row.mc_code,
      version: row.version,
      form: row.form as Form,
      title: localizedText(row.title_nl, row.title_en),
    },
    courseUnits: units.map((u) => ({
      versionId: u.id,
      code: u.code,
      title: localizedText(u.title_nl, u.title_en),
    })),
  };
}

async function factsFor(
  db: Db | Tx,
  where: { institutionId: string; code: string } | { editionId: string },
): Promise<EditionFacts | undefined> {
  let query = db
    .selectFrom('editions as e')
    .select(['e.id', 'e.code', 'e.institution_id', 'e.micro_credential_version_id']);
  query =
    'editionId' in where
      ? query.where('e.id', '=', where.editionId)
      : query.where('e.institution_id', '=', where.institutionId).where('e.code', '=', where.code);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const version = await versionFacts(db, row.micro_credential_version_id);
  if (!version) return undefined;
  return { id: row.id, code: row.code, institutionId: row.institution_id, ...version };
}

/** The course units of a micro-credential version in their order: what a form-A edition assesses. */
async function assessedCourseUnits(db: Db | Tx, microCredentialVersionId: string) {
  return db
    .selectFrom('micro_credential_course_units as l')
    .innerJoin('course_unit_versions as v', 'v.id', 'l.course_unit_version_id')
    .innerJoin('course_units as u', 'u.id', 'v.course_unit_id')
    .select(['v.id', 'v.title_nl', 'v.title_en', 'u.code'])
    .where('l.version_id', '=', microCredentialVersionId)
    .orderBy('l.position')
    .execute();
}

/**
 * An edition of the institution by its code, or 404.
 *
 * @example
 * const edition = await getEditionFacts(db, institution, 'DATA-2025-1');
 */
export async function getEditionFacts(
  db: Db | Tx,
  institution: Institution,
  code: string,
): Promise<EditionFacts> {
  const facts = await factsFor(db, { institutionId: institution.id, code });
  if (!facts)
    throw new NotFoundError(`There is no edition ${code} at ${institution.slug}.`, {
      key: 'edition-not-found',
      params: { code },
    });
  return facts;
}

/**
 * An edition by its id, or 404.
 *
 * @example
 * const edition = await getEditionFactsById(db, enrolment.edition_id);
 */
export async function getEditionFactsById(db: Db | Tx, editionId: string): Promise<EditionFacts> {
  const facts = await factsFor(db, { editionId });
  if (!facts)
    throw new NotFoundError(`There is no edition ${editionId}.`, {
      key: 'edition-unknown',
      params: { id: editionId },
    });
  return facts;
}

/**
 * Every evaluation record of these enrolments, oldest first.
 *
 * @example
 * const records = await evaluationsOf(tx, [enrolmentId]);
 */
export async function evaluationsOf(db: Db | Tx, enrolmentIds: readonly string[]): Promise<EvaluationRow[]> {
  if (enrolmentIds.length === 0) return [];
  return db
    .selectFrom('evaluations')
    .selectAll()
    .where('enrolment_id', 'in', [...enrolmentIds])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The code of a course unit version among the version's course units; null for the whole. */
export function courseUnitCode(facts: VersionFacts, versionId: string | null): string | null {
  return versionId === null
    ? null
    : (facts.courseUnits.find((u) => u.versionId === versionId)?.code ?? versionId);
}

/**
 * The proofs an enrolment's results earn now, read from the records that count.
 *
 * @example
 * const owed = owedFor(edition, await evaluationsOf(tx, [enrolmentId]));
 */
export function owedFor(facts: VersionFacts, records: readonly EvaluationRow[]): OwedProof[] {
  const current = currentResults(
    records.map((r) => ({
      id: r.id,
      courseUnit: courseUnitCode(facts, r.course_unit_version_id),
      supersedesId: r.supersedes_id,
      createdAt: r.created_at,
      passed: r.passed === 1,
    })),
  );
  return eligibleProofs(
    facts.microCredential.form,
    facts.courseUnits.map((u) => u.code),
    current,
  );
}

/**
 * What a direct award's result earns: one record for the whole micro-credential stands for every
 * requirement, so a passed one earns every proof the form prescribes.
 *
 * @example
 * const owed = owedByDirectResult(facts, row.passed === 1);
 */
export function owedByDirectResult(facts: VersionFacts, passed: boolean): OwedProof[] {
  const units = facts.courseUnits.map((u) => u.code);
  const current = new Map(
    requiredResults(facts.microCredential.form, units).map((r) => [requirementKey(r.courseUnit), { passed }]),
  );
  return eligibleProofs(facts.microCredential.form, units, current);
}

/**
 * Enrolments with their learner's e-mail address and name, as assessing and issuing find them; narrow it
 * with `where`.
 *
 * @example
 * const enrolment = await enrolmentsWithLearner(db).where('n.id', '=', enrolmentId).executeTakeFirst();
 */
export function enrolmentsWithLearner(db: Db | Tx) {
  return db
    .selectFrom('enrolments as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.id', 'n.status', 'n.edition_id', 'u.email', 'u.name']);
}

/** A learner enrolled in an edition, as recording results finds them. */
export type FoundEnrolment = Awaited<
  ReturnType<ReturnType<typeof enrolmentsWithLearner>['executeTakeFirstOrThrow']>
>;

/**
 * Every enrolment of an edition with its learner, by e-mail address.
 *
 * @example
 * const enrolments = await enrolmentsOfEdition(tx, edition.id);
 */
export async function enrolmentsOfEdition(db: Db | Tx, editionId: string): Promise<FoundEnrolment[]> {
  return enrolmentsWithLearner(db).where('n.edition_id', '=', editionId).orderBy('u.email').execute();
}
