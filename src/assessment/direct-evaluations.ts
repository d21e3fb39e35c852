import { randomUUID } from 'node:crypto';
import type { Command } from '../core/command.ts';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { actorId, actorLabel } from '../core/actor.ts';
import type { EvaluationRow } from '../core/schema.ts';
import type { Institution } from '../institutions/store.ts';
import { todayInFlanders } from './edition-facts.ts';

/**
 * What recording a direct result uses of a command. The award of `stapel award` records its result inside
 * the transaction that issues the proofs, so it passes that part of its change.
 */
export type DirectEvaluationCommand = Pick<Command, 'tx' | 'actor' | 'audit'>;

/** A result recorded without an edition: a learner (by the learners table) passed a micro-credential version. */
export interface DirectEvaluationInput {
  learnerId: string;
  /** The learner's e-mail address, for the audit record. */
  learnerEmail: string;
  microCredentialVersionId: string;
  /** Score on 20; null for a plain pass. */
  score: number | null;
}

/**
 * Records that a learner passed a micro-credential version outside any edition (an award from the command
 * line), as one evaluation for the whole micro-credential, assessed today in Flanders, as the version
 * describes its assessment. Idempotent: a learner with a direct result for the version keeps it, and
 * nothing new is recorded.
 *
 * @example
 * await recordDirectEvaluation(cmd, institution, { learnerId, learnerEmail, microCredentialVersionId, score: 15 });
 */
export async function recordDirectEvaluation(
  cmd: DirectEvaluationCommand,
  institution: Institution,
  input: DirectEvaluationInput,
): Promise<{ evaluation: EvaluationRow; recordedNow: boolean }> {
  const [known] = await directEvaluationsOf(cmd.tx, input.learnerId, input.microCredentialVersionId);
  if (known) return { evaluation: known, recordedNow: false };
  const version = await cmd.tx
    .selectFrom('micro_credential_versions')
    .select(['assessment_type', 'supervision'])
    .where('id', '=', input.microCredentialVersionId)
    .executeTakeFirstOrThrow();
  const row: EvaluationRow = {
    id: randomUUID(),
    enrolment_id: null,
    learner_id: input.learnerId,
    micro_credential_version_id: input.microCredentialVersionId,
    course_unit_version_id: null,
    score: input.score,
    passed: 1,
    assessed_on: todayInFlanders(),
    assessor_id: actorId(cmd.actor) ?? actorLabel(cmd.actor),
    assessment_type: assessmentTypeText(version.assessment_type),
    supervision: version.supervision ?? '',
    supersedes_id: null,
    created_at: nowIso(),
  };
  await cmd.tx.insertInto('evaluations').values(row).execute();
  await cmd.audit({
    action: 'evaluation.record',
    objectType: 'evaluation',
    objectId: row.id,
    institutionId: institution.id,
    after: {
      microCredentialVersionId: input.microCredentialVersionId,
      learnerId: input.learnerId,
      learner: input.learnerEmail,
      score: input.score,
      passed: true,
    },
  });
  return { evaluation: row, recordedNow: true };
}

/**
 * The version's assessment type (stored as `{ nl, en }`) as the one text an evaluation keeps: the Dutch,
 * in which the register describes the micro-credential; English where there is no Dutch; empty when the
 * version says nothing.
 *
 * @example
 * assessmentTypeText('{"nl":"Portfolio","en":"Portfolio"}'); // 'Portfolio'
 */
export function assessmentTypeText(stored: string | null): string {
  if (!stored) return '';
  try {
    const text = JSON.parse(stored) as { nl?: unknown; en?: unknown } | string;
    if (typeof text === 'string') return text;
    return typeof text.nl === 'string' && text.nl ? text.nl : typeof text.en === 'string' ? text.en : '';
  } catch {
    return stored;
  }
}

/**
 * A learner's direct results (those recorded without an edition), oldest first; of one version when given.
 *
 * @example
 * const records = await directEvaluationsOf(db, learner.id);
 */
export async function directEvaluationsOf(
  db: Db | Tx,
  learnerId: string,
  microCredentialVersionId?: string,
): Promise<EvaluationRow[]> {
  let query = db
    .selectFrom('evaluations')
    .selectAll()
    .where('learner_id', '=', learnerId)
    .where('enrolment_id', 'is', null);
  if (microCredentialVersionId)
    query = query.where('micro_credential_version_id', '=', microCredentialVersionId);
  return query.orderBy('created_at').orderBy('id').execute();
}
