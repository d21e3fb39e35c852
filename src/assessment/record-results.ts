import { randomUUID } from 'node:crypto';
import type { Command } from '../core/command.ts';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { actorId, actorLabel } from '../core/actor.ts';
import { ConflictError, NotFoundError, refuse, type RuleProblem } from '../core/errors.ts';
import type { EvaluationRow } from '../core/schema.ts';
import {
  checkResult,
  currentResults,
  requirementKey,
  type ResultInput,
  type ResultRulesContext,
  type ValidResult,
} from './rules.ts';
import {
  ASSESSED_ENROLMENT_STATUS,
  enrolmentsOfEdition,
  enrolmentsWithLearner,
  evaluationsOf,
  todayInFlanders,
  type EditionFacts,
  type FoundEnrolment,
} from './edition-facts.ts';
import { viewsOf } from './results-views.ts';
import type { ResultView } from './schemas.ts';

/** The settings recording follows: the lowest passing score on 20. */
export interface RecordingSettings {
  passMark: number;
}

/** Which learner a result is for: their enrolment, or their e-mail address. */
export interface EnrolmentRef {
  enrolmentId?: string | undefined;
  email?: string | undefined;
}

const byCode = (code: string) => (unit: { code: string }) => unit.code === code;

/** The version id of a result's course unit in the edition; null for form B. */
export function unitVersionId(edition: EditionFacts, courseUnit: string | null): string | null {
  return courseUnit ? (edition.courseUnits.find(byCode(courseUnit))?.versionId ?? null) : null;
}

/**
 * The rules' context for an edition at the given settings, dated today in Flanders.
 *
 * @example
 * const checked = checkResult(input, rulesContext(edition, { passMark: 10 }));
 */
export function rulesContext(edition: EditionFacts, settings: RecordingSettings): ResultRulesContext {
  return {
    form: edition.microCredential.form,
    courseUnits: edition.courseUnits.map((u) => u.code),
    passMark: settings.passMark,
    today: todayInFlanders(),
  };
}

/** Refuses a result by its problems' rules; their words come from the message tables. */
function refuseResult(problems: readonly RuleProblem[]): never {
  refuse(
    problems.map(({ field, rule, key, params }) => ({ field, rule, key, params })),
    { key: 'result-invalid' },
  );
}

async function findEnrolment(tx: Tx, edition: EditionFacts, ref: EnrolmentRef): Promise<FoundEnrolment> {
  if (Boolean(ref.enrolmentId) === Boolean(ref.email))
    refuseResult([{ field: 'enrolmentId', rule: 'learner-required' }]);
  let query = enrolmentsWithLearner(tx).where('n.edition_id', '=', edition.id);
  query = ref.enrolmentId
    ? query.where('n.id', '=', ref.enrolmentId)
    : query.where('u.email', '=', ref.email!.trim().toLowerCase());
  const found = await query.executeTakeFirst();
  if (!found) {
    if (ref.enrolmentId)
      throw new NotFoundError(`Enrolment ${ref.enrolmentId} is not enrolled in edition ${edition.code}.`, {
        key: 'enrolment-not-in-edition',
        params: { id: ref.enrolmentId, edition: edition.code },
      });
    throw new NotFoundError(`${ref.email} is not enrolled in edition ${edition.code}.`, {
      key: 'learner-not-enrolled',
      params: { email: ref.email!, edition: edition.code },
    });
  }
  assessable(found, edition);
  return found;
}

function assessable(enrolment: FoundEnrolment, edition: EditionFacts): void {
  if (enrolment.status !== ASSESSED_ENROLMENT_STATUS)
    throw new ConflictError(
      'invalid-state',
      `The enrolment of ${enrolment.email} in ${edition.code} is ${enrolment.status}: only accepted enrolments are assessed.`,
      {
        key: 'enrolment-not-assessed',
        params: { email: enrolment.email, edition: edition.code, status: enrolment.status },
      },
    );
}

/** A unique index keeps correction chains from forking; a lost race surfaces as a conflict. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Writes one evaluation record of an enrolment and its audit record, in the command's transaction.
 *
 * @example
 * await insertEvaluation(cmd, edition, enrolment, checked.result);
 */
export async function insertEvaluation(
  cmd: Command,
  edition: EditionFacts,
  enrolment: FoundEnrolment,
  result: ValidResult,
  correction?: { of: EvaluationRow; reason: string },
): Promise<EvaluationRow> {
  const row: EvaluationRow = {
    id: randomUUID(),
    enrolment_id: enrolment.id,
    learner_id: null,
    micro_credential_version_id: null,
    course_unit_version_id: unitVersionId(edition, result.courseUnit),
    score: result.score,
    passed: result.passed ? 1 : 0,
    assessed_on: result.assessedOn,
    assessor_id: actorId(cmd.actor) ?? actorLabel(cmd.actor),
    assessment_type: result.assessmentType,
    supervision: result.supervision,
    supersedes_id: correction?.of.id ?? null,
    created_at: nowIso(),
  };
  try {
    await cmd.tx.insertInto('evaluations').values(row).execute();
  } catch (error) {
    if (correction && isUniqueViolation(error))
      throw new ConflictError('invalid-state', `Result ${correction.of.id} was corrected a moment ago.`, {
        key: 'result-corrected-meanwhile',
        params: { id: correction.of.id },
      });
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
  await cmd.audit({
    action: correction ? 'evaluation.correct' : 'evaluation.record',
    objectType: 'evaluation',
    objectId: row.id,
    institutionId: edition.institutionId,
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
  db: Db | Tx,
  enrolmentId: string,
  courseUnitVersionId: string | null,
): Promise<EvaluationRow | undefined> {
  const records = (await evaluationsOf(db, [enrolmentId])).filter(
    (r) => r.course_unit_version_id === courseUnitVersionId,
  );
  const current = currentResults(
    records.map((r) => ({ ...r, courseUnit: null, supersedesId: r.supersedes_id, createdAt: r.created_at })),
  );
  return current.get(requirementKey(null));
}

export type RecordResultInput = ResultInput & EnrolmentRef;

/**
 * Records one result for a learner of the edition. A requirement that already has a result is not
 * overwritten: that needs a correction, which keeps the old record.
 *
 * @example
 * const view = await runCommand(options, (cmd) => recordResult(cmd, edition, { email, courseUnit: 'DATA101', score: 14, assessedOn, assessmentType, supervision }, { passMark: 10 }));
 */
export async function recordResult(
  cmd: Command,
  edition: EditionFacts,
  input: RecordResultInput,
  settings: RecordingSettings,
): Promise<ResultView> {
  const checked = checkResult(input, rulesContext(edition, settings));
  if (!checked.ok) refuseResult(checked.problems);
  const enrolment = await findEnrolment(cmd.tx, edition, input);
  const existing = await currentRecordFor(
    cmd.tx,
    enrolment.id,
    unitVersionId(edition, checked.result.courseUnit),
  );
  if (existing) {
    const unit = checked.result.courseUnit;
    throw new ConflictError(
      'invalid-state',
      `${enrolment.email} already has a result${unit ? ` for ${unit}` : ''} (${existing.id}); record a correction of it instead.`,
      { key: 'result-exists', params: { email: enrolment.email, courseUnit: unit ?? '', id: existing.id } },
    );
  }
  const row = await insertEvaluation(cmd, edition, enrolment, checked.result);
  return (await viewsOf(cmd.tx, edition, [row]))[0]!;
}

/** A correction: the result it corrects, its new fields and why. */
export type CorrectionInput = Omit<ResultInput, 'courseUnit'> & { resultId: string; reason: string };

/**
 * Corrects a result with a new record that supersedes it; the old record stays as history. Only the
 * result that counts can be corrected.
 *
 * @example
 * const view = await runCommand(options, (cmd) => correctResult(cmd, edition, { resultId, score: 11, assessedOn, assessmentType, supervision, reason: 'typo' }, { passMark: 10 }));
 */
export async function correctResult(
  cmd: Command,
  edition: EditionFacts,
  input: CorrectionInput,
  settings: RecordingSettings,
): Promise<ResultView> {
  const { resultId } = input;
  const notFound = () =>
    new NotFoundError(`There is no result ${resultId} in edition ${edition.code}.`, {
      key: 'result-not-found',
      params: { id: resultId, edition: edition.code },
    });
  const old = await cmd.tx
    .selectFrom('evaluations as v')
    .innerJoin('enrolments as n', 'n.id', 'v.enrolment_id')
    .selectAll('v')
    .where('v.id', '=', resultId)
    .where('n.edition_id', '=', edition.id)
    .executeTakeFirst();
  if (!old || old.enrolment_id === null) throw notFound();
  const enrolmentId = old.enrolment_id;
  const reason = input.reason.trim();
  const courseUnit = old.course_unit_version_id
    ? (edition.courseUnits.find((u) => u.versionId === old.course_unit_version_id)?.code ?? null)
    : null;
  const checked = checkResult({ ...input, courseUnit }, rulesContext(edition, settings));
  const problems: RuleProblem[] = checked.ok ? [] : [...checked.problems];
  if (!reason) problems.push({ field: 'reason', rule: 'reason-required' });
  if (!checked.ok || problems.length) refuseResult(problems);
  const [enrolment] = (await enrolmentsOfEdition(cmd.tx, edition.id)).filter((e) => e.id === enrolmentId);
  if (!enrolment) throw notFound();
  assessable(enrolment, edition);
  const current = await currentRecordFor(cmd.tx, enrolmentId, old.course_unit_version_id);
  if (current && current.id !== old.id)
    throw new ConflictError(
      'invalid-state',
      `Result ${old.id} has been corrected already; correct the result that counts (${current.id}).`,
      { key: 'result-corrected-already', params: { id: old.id, current: current.id } },
    );
  const row = await insertEvaluation(cmd, edition, enrolment, checked.result, { of: old, reason });
  return (await viewsOf(cmd.tx, edition, [old, row]))[1]!;
}
