import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../core/database.ts';
import type { Lang } from '../core/i18n.ts';
import { nowIso } from '../core/database.ts';
import type { Actor, Role } from '../core/actor.ts';
import { actorId, actorLabel } from '../core/actor.ts';
import { audit } from '../core/audit.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../core/errors.ts';
import type { EvaluationRow } from '../core/schema.ts';
import type { Form, LocalizedText } from '../catalogue/rules.ts';
import type { Institution } from '../institutions/store.ts';
import {
  checkResult,
  currentResults,
  eligibleProofs,
  parseResultsCsv,
  requiredResults,
  requirementKey,
  type CsvLineProblem,
  type OwedProof,
  type ResultInput,
  type ValidResult,
} from './rules.ts';

/** Only learners whose enrolment was accepted are assessed (and issued proofs). */
export const ASSESSED_ENROLMENT_STATUS = 'accepted';

/** An edition with what evaluating it needs: the micro-credential version's form and course units. */
export interface EditionFacts {
  id: string;
  code: string;
  institutionId: string;
  microCredentialVersionId: string;
  microCredential: { code: string; version: number; form: Form; title: LocalizedText };
  courseUnits: Array<{ versionId: string; code: string; title: LocalizedText }>;
}

/** A recorded result, as staff and learners see it. */
export interface ResultView {
  id: string;
  enrolmentId: string;
  courseUnit: string | null;
  score: number | null;
  passed: boolean;
  assessedOn: string;
  assessmentType: string;
  supervision: string;
  assessor: { id: string; label: string };
  /** The record this one corrects, and why. */
  supersedes: string | null;
  correctionReason: string | null;
  /** The record that corrected this one; null for the result that counts. */
  supersededBy: string | null;
  recordedAt: string;
}

/** The results of one learner in one edition: per requirement the one that counts and the history. */
export interface LearnerResults {
  enrolmentId: string;
  learner: { email: string; name: string };
  requirements: Array<{
    courseUnit: string | null;
    title: LocalizedText;
    current: ResultView | null;
    /** Every record of the requirement, oldest first. */
    history: ResultView[];
  }>;
  /** The proofs of learning these results earn now. */
  owed: OwedProof[];
}

const byCode = (code: string) => (unit: { code: string }) => unit.code === code;

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

async function factsFor(
  db: Db | Tx,
  where: { institutionId: string; code: string } | { editionId: string },
): Promise<EditionFacts | undefined> {
  let query = db
    .selectFrom('editions as e')
    .innerJoin('micro_credential_versions as v', 'v.id', 'e.micro_credential_version_id')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .select([
      'e.id',
      'e.code',
      'e.institution_id',
      'e.micro_credential_version_id',
      'v.version',
      'v.form',
      'v.title_nl',
      'v.title_en',
      'm.code as mc_code',
    ]);
  query =
    'editionId' in where
      ? query.where('e.id', '=', where.editionId)
      : query.where('e.institution_id', '=', where.institutionId).where('e.code', '=', where.code);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const units = await assessedCourseUnits(db, row.micro_credential_version_id);
  return {
    id: row.id,
    code: row.code,
    institutionId: row.institution_id,
    microCredentialVersionId: row.micro_credential_version_id,
    microCredential: {
      code: row.mc_code,
      version: row.version,
      form: row.form as Form,
      title: { nl: row.title_nl, ...(row.title_en ? { en: row.title_en } : {}) },
    },
    courseUnits: units.map((u) => ({
      versionId: u.id,
      code: u.code,
      title: { nl: u.title_nl, ...(u.title_en ? { en: u.title_en } : {}) },
    })),
  };
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
  if (!facts) throw new NotFoundError(`There is no edition ${code} at ${institution.slug}.`);
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
  if (!facts) throw new NotFoundError(`There is no edition ${editionId}.`);
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

/**
 * The proofs an enrolment's results earn now, read from the records that count.
 *
 * @example
 * const owed = owedFor(edition, await evaluationsOf(tx, [enrolmentId]));
 */
export function owedFor(edition: EditionFacts, records: readonly EvaluationRow[]): OwedProof[] {
  const codeOf = (versionId: string | null) =>
    versionId === null
      ? null
      : (edition.courseUnits.find((u) => u.versionId === versionId)?.code ?? versionId);
  const current = currentResults(
    records.map((r) => ({
      id: r.id,
      courseUnit: codeOf(r.course_unit_version_id),
      supersedesId: r.supersedes_id,
      createdAt: r.created_at,
      passed: r.passed === 1,
    })),
  );
  return eligibleProofs(
    edition.microCredential.form,
    edition.courseUnits.map((u) => u.code),
    current,
  );
}

interface EnrolmentRef {
  enrolmentId?: string | undefined;
  email?: string | undefined;
}

interface FoundEnrolment {
  id: string;
  status: string;
  email: string;
  name: string;
}

async function enrolmentsOfEdition(db: Db | Tx, editionId: string): Promise<FoundEnrolment[]> {
  return db
    .selectFrom('enrolments as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.id', 'n.status', 'u.email', 'u.name'])
    .where('n.edition_id', '=', editionId)
    .orderBy('u.email')
    .execute();
}

async function findEnrolment(tx: Tx, edition: EditionFacts, ref: EnrolmentRef): Promise<FoundEnrolment> {
  if (Boolean(ref.enrolmentId) === Boolean(ref.email))
    throw new ValidationError([
      { field: 'enrolmentId', rule: 'learner-required', message: 'give either enrolmentId or email' },
    ]);
  let query = tx
    .selectFrom('enrolments as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.id', 'n.status', 'u.email', 'u.name'])
    .where('n.edition_id', '=', edition.id);
  query = ref.enrolmentId
    ? query.where('n.id', '=', ref.enrolmentId)
    : query.where('u.email', '=', ref.email!.trim().toLowerCase());
  const found = await query.executeTakeFirst();
  if (!found)
    throw new NotFoundError(
      `${ref.enrolmentId ? `Enrolment ${ref.enrolmentId}` : ref.email} is not enrolled in edition ${edition.code}.`,
    );
  assessable(found, edition);
  return found;
}

function assessable(enrolment: FoundEnrolment, edition: EditionFacts): void {
  if (enrolment.status !== ASSESSED_ENROLMENT_STATUS)
    throw new ConflictError(
      'invalid-state',
      `The enrolment of ${enrolment.email} in ${edition.code} is ${enrolment.status}: only accepted enrolments are assessed.`,
    );
}

function refuse(problems: FieldProblem[]): never {
  throw new ValidationError(problems, 'The result is not valid.');
}

function rulesContext(edition: EditionFacts, options: RecordingOptions) {
  return {
    form: edition.microCredential.form,
    courseUnits: edition.courseUnits.map((u) => u.code),
    passMark: options.passMark,
    today: todayInFlanders(),
    lang: options.lang,
  };
}

/** What recording needs to know about who records and under which settings. */
export interface RecordingOptions {
  actor: Actor;
  role?: Role | undefined;
  passMark: number;
  /** The language of the messages of a refusal; English when not given. */
  lang?: Lang | undefined;
}

/** A unique index keeps correction chains from forking; a lost race surfaces as a conflict. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

async function insertEvaluation(
  tx: Tx,
  options: RecordingOptions,
  edition: EditionFacts,
  enrolment: FoundEnrolment,
  result: ValidResult,
  correction?: { of: EvaluationRow; reason: string },
): Promise<EvaluationRow> {
  const row: EvaluationRow = {
    id: randomUUID(),
    enrolment_id: enrolment.id,
    course_unit_version_id: result.courseUnit
      ? (edition.courseUnits.find(byCode(result.courseUnit))?.versionId ?? null)
      : null,
    score: result.score,
    passed: result.passed ? 1 : 0,
    assessed_on: result.assessedOn,
    assessor_id: actorId(options.actor) ?? actorLabel(options.actor),
    assessment_type: result.assessmentType,
    supervision: result.supervision,
    supersedes_id: correction?.of.id ?? null,
    created_at: nowIso(),
  };
  try {
    await tx.insertInto('evaluations').values(row).execute();
  } catch (error) {
    if (correction && isUniqueViolation(error))
      throw new ConflictError('invalid-state', `Result ${correction.of.id} was corrected a moment ago.`);
    throw error;
  }
  const facts = {
    enrolmentId: enrolment.id,
    learner: enrolment.email,
    edition: edition.code,
    courseUnit: result.courseUnit,
    score: result.score,
    passed: result.passed,
    assessedOn: result.assessedOn,
    assessmentType: result.assessmentType,
    supervision: result.supervision,
  };
  await audit(tx, options.actor, {
    action: correction ? 'evaluation.correct' : 'evaluation.record',
    objectType: 'evaluation',
    objectId: row.id,
    institutionId: edition.institutionId,
    role: options.role,
    ...(correction
      ? {
          before: { id: correction.of.id, score: correction.of.score, passed: correction.of.passed === 1 },
          after: { ...facts, supersedes: correction.of.id, reason: correction.reason },
        }
      : { after: facts }),
  });
  return row;
}

async function currentRecordFor(
  tx: Tx,
  enrolmentId: string,
  courseUnitVersionId: string | null,
): Promise<EvaluationRow | undefined> {
  const records = (await evaluationsOf(tx, [enrolmentId])).filter(
    (r) => r.course_unit_version_id === courseUnitVersionId,
  );
  const current = currentResults(
    records.map((r) => ({
      ...r,
      id: r.id,
      courseUnit: null,
      supersedesId: r.supersedes_id,
      createdAt: r.created_at,
    })),
  );
  return current.get(requirementKey(null));
}

export type RecordResultInput = ResultInput & EnrolmentRef;

/**
 * Records one result for a learner of the edition. A requirement that already has a result is not
 * overwritten: that needs a correction, which keeps the old record.
 *
 * @example
 * await database.transaction((tx) => recordResult(tx, options, edition, { email, courseUnit: 'DATA101', score: 14, assessedOn, assessmentType, supervision }));
 */
export async function recordResult(
  tx: Tx,
  options: RecordingOptions,
  edition: EditionFacts,
  input: RecordResultInput,
): Promise<ResultView> {
  const checked = checkResult(input, rulesContext(edition, options));
  if (!checked.ok) refuse(checked.problems);
  const enrolment = await findEnrolment(tx, edition, input);
  const unitVersionId = checked.result.courseUnit
    ? (edition.courseUnits.find(byCode(checked.result.courseUnit))?.versionId ?? null)
    : null;
  const existing = await currentRecordFor(tx, enrolment.id, unitVersionId);
  if (existing)
    throw new ConflictError(
      'invalid-state',
      `${enrolment.email} already has a result${checked.result.courseUnit ? ` for ${checked.result.courseUnit}` : ''} (${existing.id}); record a correction of it instead.`,
    );
  const row = await insertEvaluation(tx, options, edition, enrolment, checked.result);
  return (await viewsOf(tx, edition, [row]))[0]!;
}

export type CorrectionInput = Omit<ResultInput, 'courseUnit'> & { reason: string };

/**
 * Corrects a result with a new record that supersedes it; the old record stays as history. Only the
 * result that counts can be corrected.
 *
 * @example
 * await database.transaction((tx) => correctResult(tx, options, edition, resultId, { score: 11, assessedOn, assessmentType, supervision, reason: 'typo' }));
 */
export async function correctResult(
  tx: Tx,
  options: RecordingOptions,
  edition: EditionFacts,
  resultId: string,
  input: CorrectionInput,
): Promise<ResultView> {
  const old = await tx
    .selectFrom('evaluations as v')
    .innerJoin('enrolments as n', 'n.id', 'v.enrolment_id')
    .selectAll('v')
    .where('v.id', '=', resultId)
    .where('n.edition_id', '=', edition.id)
    .executeTakeFirst();
  if (!old) throw new NotFoundError(`There is no result ${resultId} in edition ${edition.code}.`);
  const reason = input.reason.trim();
  const courseUnit = old.course_unit_version_id
    ? (edition.courseUnits.find((u) => u.versionId === old.course_unit_version_id)?.code ?? null)
    : null;
  const checked = checkResult({ ...input, courseUnit }, rulesContext(edition, options));
  const problems: FieldProblem[] = checked.ok ? [] : [...checked.problems];
  if (!reason)
    problems.push({ field: 'reason', rule: 'reason-required', message: 'say why the result is corrected' });
  if (!checked.ok || problems.length) refuse(problems);
  const [enrolment] = (await enrolmentsOfEdition(tx, edition.id)).filter((e) => e.id === old.enrolment_id);
  if (!enrolment) throw new NotFoundError(`There is no result ${resultId} in edition ${edition.code}.`);
  assessable(enrolment, edition);
  const current = await currentRecordFor(tx, old.enrolment_id, old.course_unit_version_id);
  if (current && current.id !== old.id)
    throw new ConflictError(
      'invalid-state',
      `Result ${old.id} has been corrected already; correct the result that counts (${current.id}).`,
    );
  const row = await insertEvaluation(tx, options, edition, enrolment, checked.result, { of: old, reason });
  return (await viewsOf(tx, edition, [old, row]))[1]!;
}

/** The answer to a results import: written all at once, or nothing with every problem by line. */
export interface ImportReport {
  ok: boolean;
  imported: number;
  problems: CsvLineProblem[];
  /** Enrolments that received a result, to issue what they are owed. */
  enrolmentIds: string[];
}

/**
 * Imports a results file for an edition, all or nothing: every line is checked first (the file's shape,
 * the rules, the learner's enrolment, results recorded before, duplicate lines), and only a file without
 * problems is written, one evaluation record (and audit record) per line.
 *
 * @example
 * const report = await database.transaction((tx) => importResults(tx, options, edition, csvText));
 */
export async function importResults(
  tx: Tx,
  options: RecordingOptions,
  edition: EditionFacts,
  text: string,
): Promise<ImportReport> {
  const parsed = parseResultsCsv(text, edition.microCredential.form);
  const problems: CsvLineProblem[] = [...parsed.problems];
  const context = rulesContext(edition, options);
  const enrolments = new Map((await enrolmentsOfEdition(tx, edition.id)).map((e) => [e.email, e]));
  const records = await evaluationsOf(
    tx,
    [...enrolments.values()].map((e) => e.id),
  );
  const seen = new Map<string, number>();
  const accepted: Array<{ enrolment: FoundEnrolment; result: ValidResult }> = [];
  for (const row of parsed.rows) {
    const add = (field: string, message: string) => problems.push({ line: row.line, field, message });
    const checked = checkResult(row.input, context);
    if (!checked.ok) for (const p of checked.problems) add(csvField(p.field), p.message);
    const enrolment = enrolments.get(row.email);
    if (!row.email) add('email', 'is empty');
    else if (!enrolment) add('email', `${row.email} is not enrolled in edition ${edition.code}`);
    else if (enrolment.status !== ASSESSED_ENROLMENT_STATUS)
      add(
        'email',
        `the enrolment of ${row.email} is ${enrolment.status}: only accepted enrolments are assessed`,
      );
    if (!checked.ok || !enrolment || enrolment.status !== ASSESSED_ENROLMENT_STATUS) continue;
    const unit = checked.result.courseUnit;
    const key = `${enrolment.id}|${requirementKey(unit)}`;
    const what = `${row.email}${unit ? ` in ${unit}` : ''}`;
    if (seen.has(key)) {
      add(unit ? 'course_unit' : 'email', `${what} is also on line ${seen.get(key)}`);
      continue;
    }
    seen.set(key, row.line);
    const versionId = unit ? (edition.courseUnits.find(byCode(unit))?.versionId ?? null) : null;
    if (records.some((r) => r.enrolment_id === enrolment.id && r.course_unit_version_id === versionId)) {
      add(
        unit ? 'course_unit' : 'email',
        `${what} already has a result; a result is changed by a correction, not by importing it again`,
      );
      continue;
    }
    accepted.push({ enrolment, result: checked.result });
  }
  problems.sort((a, b) => a.line - b.line);
  if (problems.length > 0) return { ok: false, imported: 0, problems, enrolmentIds: [] };
  for (const { enrolment, result } of accepted)
    await insertEvaluation(tx, options, edition, enrolment, result);
  return {
    ok: true,
    imported: accepted.length,
    problems: [],
    enrolmentIds: [...new Set(accepted.map((a) => a.enrolment.id))],
  };
}

const CSV_FIELDS: Record<string, string> = {
  courseUnit: 'course_unit',
  assessedOn: 'assessed_on',
  assessmentType: 'assessment_type',
};
const csvField = (field: string) => CSV_FIELDS[field] ?? field;

async function viewsOf(
  db: Db | Tx,
  edition: EditionFacts,
  rows: readonly EvaluationRow[],
): Promise<ResultView[]> {
  const ids = [...new Set(rows.map((r) => r.assessor_id))];
  const labels = new Map<string, string>();
  if (ids.length > 0) {
    for (const u of await db.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute())
      labels.set(u.id, u.name);
    for (const t of await db
      .selectFrom('api_tokens')
      .select(['id', 'label'])
      .where('id', 'in', ids)
      .execute())
      labels.set(t.id, `API token "${t.label}"`);
  }
  const corrections = rows.filter((r) => r.supersedes_id !== null).map((r) => r.id);
  const reasons = new Map<string, string>();
  if (corrections.length > 0) {
    // The reason of a correction lives in its audit record, written in the same transaction.
    const entries = await db
      .selectFrom('audit_log')
      .select(['object_id', 'after'])
      .where('action', '=', 'evaluation.correct')
      .where('object_id', 'in', corrections)
      .execute();
    for (const e of entries) {
      const after = e.after ? (JSON.parse(e.after) as { reason?: string }) : {};
      if (after.reason) reasons.set(e.object_id, after.reason);
    }
  }
  const supersededBy = new Map(
    rows.filter((r) => r.supersedes_id !== null).map((r) => [r.supersedes_id!, r.id] as const),
  );
  return rows.map((r) => ({
    id: r.id,
    enrolmentId: r.enrolment_id,
    courseUnit: r.course_unit_version_id
      ? (edition.courseUnits.find((u) => u.versionId === r.course_unit_version_id)?.code ?? null)
      : null,
    score: r.score,
    passed: r.passed === 1,
    assessedOn: r.assessed_on,
    assessmentType: r.assessment_type,
    supervision: r.supervision,
    assessor: { id: r.assessor_id, label: labels.get(r.assessor_id) ?? r.assessor_id },
    supersedes: r.supersedes_id,
    correctionReason: reasons.get(r.id) ?? null,
    supersededBy: supersededBy.get(r.id) ?? null,
    recordedAt: r.created_at,
  }));
}

async function resultsOf(
  db: Db | Tx,
  edition: EditionFacts,
  enrolments: readonly FoundEnrolment[],
): Promise<LearnerResults[]> {
  const rows = await evaluationsOf(
    db,
    enrolments.map((e) => e.id),
  );
  const views = await viewsOf(db, edition, rows);
  const requirements = requiredResults(
    edition.microCredential.form,
    edition.courseUnits.map((u) => u.code),
  );
  return enrolments.map((enrolment) => {
    const mine = views.filter((v) => v.enrolmentId === enrolment.id);
    const current = currentResults(
      mine.map((v) => ({ ...v, supersedesId: v.supersedes, createdAt: v.recordedAt })),
    );
    return {
      enrolmentId: enrolment.id,
      learner: { email: enrolment.email, name: enrolment.name },
      requirements: requirements.map((r) => {
        const current_ = current.get(requirementKey(r.courseUnit));
        return {
          courseUnit: r.courseUnit,
          title: r.courseUnit
            ? (edition.courseUnits.find(byCode(r.courseUnit))?.title ?? { nl: r.courseUnit })
            : edition.microCredential.title,
          current: current_ ? (mine.find((v) => v.id === current_.id) ?? null) : null,
          history: mine.filter((v) => v.courseUnit === r.courseUnit),
        };
      }),
      owed: owedFor(
        edition,
        rows.filter((row) => row.enrolment_id === enrolment.id),
      ),
    };
  });
}

/**
 * The results of an edition for staff: every accepted learner (and anyone else with a result), per
 * requirement the result that counts and its history.
 *
 * @example
 * const learners = await editionResults(db, edition);
 */
export async function editionResults(db: Db | Tx, edition: EditionFacts): Promise<LearnerResults[]> {
  const all = await enrolmentsOfEdition(db, edition.id);
  const withResults = new Set(
    (
      await evaluationsOf(
        db,
        all.map((e) => e.id),
      )
    ).map((r) => r.enrolment_id),
  );
  return resultsOf(
    db,
    edition,
    all.filter((e) => e.status === ASSESSED_ENROLMENT_STATUS || withResults.has(e.id)),
  );
}

/** A learner's own results, per edition they are enrolled in. */
export interface MyResults {
  institution: string;
  edition: string;
  microCredential: EditionFacts['microCredential'];
  enrolmentStatus: string;
  requirements: LearnerResults['requirements'];
  owed: OwedProof[];
}

/**
 * The signed-in learner's results in every edition they were accepted in (or have a result in).
 *
 * @example
 * const mine = await learnerResults(db, actor.userId);
 */
export async function learnerResults(db: Db | Tx, userId: string): Promise<MyResults[]> {
  const enrolments = await db
    .selectFrom('enrolments as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .innerJoin('editions as e', 'e.id', 'n.edition_id')
    .innerJoin('institutions as i', 'i.id', 'e.institution_id')
    .select(['n.id', 'n.status', 'n.edition_id', 'u.email', 'u.name', 'i.slug'])
    .where('n.user_id', '=', userId)
    .orderBy('n.created_at')
    .execute();
  const out: MyResults[] = [];
  for (const enrolment of enrolments) {
    const edition = await getEditionFactsById(db, enrolment.edition_id);
    const [results] = await resultsOf(db, edition, [enrolment]);
    if (!results) continue;
    const hasAny = results.requirements.some((r) => r.history.length > 0);
    if (enrolment.status !== ASSESSED_ENROLMENT_STATUS && !hasAny) continue;
    out.push({
      institution: enrolment.slug,
      edition: edition.code,
      microCredential: edition.microCredential,
      enrolmentStatus: enrolment.status,
      requirements: results.requirements,
      owed: results.owed,
    });
  }
  return out;
}
