import { randomUUID } from 'node:crypto';
import type { TransactionOptions, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ValidationError } from '../core/errors.ts';
import { t } from '../core/i18n.ts';
import { checkText } from '../core/text-rules.ts';
import type { Actor } from '../core/actor.ts';
import { audit } from '../core/audit.ts';
import { getPublishedMicroCredential } from '../catalogue/store.ts';
import type { ProofKind } from '../catalogue/rules.ts';
import type { Institution } from '../institutions/store.ts';
import type { IssuingContext } from './context.ts';
import { upsertLearner } from './learners.ts';
import { awardKey, plannedProofs, proofSigner, storeProof } from './proofs.ts';

export interface AwardRequest {
  institution: Institution;
  /** Code of a published micro-credential; its current published version is awarded. */
  code: string;
  learner: { email: string; name?: string | undefined };
  /** Score on 20; without one the evaluation is recorded as a plain pass. */
  score?: number | undefined;
  /** Who recorded the result, for the record (e.g. `cli`). */
  recordedBy: string;
  /** Who awards, for the audit log; the command line (labelled `recordedBy`) when absent. */
  actor?: Actor | undefined;
}

export interface IssuedCredential {
  /** The credential's `id`, a URL on this platform. */
  id: string;
  kind: ProofKind;
  courseUnit?: string | undefined;
  document: Record<string, unknown>;
}

export interface AwardResult {
  learner: string;
  microCredential: { code: string; version: number };
  /** False when everything had been issued before: nothing new was made. */
  issuedNow: boolean;
  credentials: IssuedCredential[];
}

/**
 * Awards rest on unique constraints (one proof per award key, one credential per status slot), which hold
 * under read committed; serializable would only turn concurrent cohorts into retries.
 */
export const AWARD_TRANSACTION: TransactionOptions = { isolation: 'read committed' };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks the parts of an award that do not need the database; throws ValidationError naming each field. */
export function checkAwardInput(
  learner: AwardRequest['learner'],
  score: number | undefined,
  passMark: number,
): void {
  const problems = [];
  if (!EMAIL.test(learner.email.trim()))
    problems.push({
      field: 'email',
      rule: 'email-format',
      message: `"${learner.email}" is not an e-mail address`,
    });
  // The name is signed into the credential: it must read as it is stored (no bidi controls, not invisible).
  const nameProblem = learner.name ? checkText(learner.name) : undefined;
  if (nameProblem)
    problems.push({
      field: 'name',
      rule: nameProblem.rule,
      message: t(nameProblem.rule, 'en', nameProblem.params),
    });
  if (score !== undefined) {
    if (!Number.isFinite(score) || score < 0 || score > 20) {
      problems.push({
        field: 'score',
        rule: 'score-range',
        message: 'the score must be a number from 0 to 20',
      });
    } else if (score < passMark) {
      problems.push({
        field: 'score',
        rule: 'score-below-pass-mark',
        message: `${score}/20 is below the pass mark of ${passMark}: no proof of learning without a passed evaluation`,
      });
    }
  }
  if (problems.length) throw new ValidationError(problems, 'The award is not valid.');
}

/**
 * Records a passed evaluation and issues the proofs of learning the form prescribes: the certificate,
 * and for form A one credit certificate per course unit. Idempotent per learner and micro-credential
 * version: awarding again issues nothing and returns the same credentials.
 *
 * @example
 * const result = await context.database.transaction((tx) => awardMicroCredential(tx, context, { institution, code: 'MC-DATA', learner: { email }, score: 15, recordedBy: 'cli' }));
 */
export async function awardMicroCredential(
  tx: Tx,
  context: IssuingContext,
  request: AwardRequest,
): Promise<AwardResult> {
  checkAwardInput(request.learner, request.score, context.settings.passMark);
  const view = await getPublishedMicroCredential(tx, request.institution, request.code);
  const learner = await upsertLearner(tx, request.learner);
  const planned = await plannedProofs(tx, view, context.settings.publicUrl);

  const existing = await tx
    .selectFrom('credentials')
    .selectAll()
    .where('learner_id', '=', learner.id)
    .where('micro_credential_version_id', '=', view.id)
    .execute();
  const byKey = new Map(existing.map((row) => [row.award_key, row]));
  const toIssue = planned.filter(
    (p) => !byKey.has(awardKey(learner.id, view.id, p.kind, p.courseUnitVersionId)),
  );

  const actor: Actor = request.actor ?? { kind: 'cli', label: request.recordedBy };
  if (toIssue.length > 0 && existing.length === 0) {
    const resultId = randomUUID();
    await tx
      .insertInto('assessment_results')
      .values({
        id: resultId,
        learner_id: learner.id,
        micro_credential_version_id: view.id,
        course_unit_version_id: null,
        score: request.score ?? null,
        passed: 1,
        assessed_at: nowIso(),
        recorded_by: request.recordedBy,
        created_at: nowIso(),
      })
      .execute();
    await audit(tx, actor, {
      action: 'evaluation.record',
      objectType: 'assessment-result',
      objectId: resultId,
      institutionId: request.institution.id,
      role: 'registrar',
      after: {
        microCredentialVersionId: view.id,
        learnerId: learner.id,
        score: request.score ?? null,
        passed: true,
      },
    });
  }

  const issued: IssuedCredential[] = [];
  if (toIssue.length > 0) {
    const signer = await proofSigner(tx, context, request.institution);
    for (const proof of toIssue) {
      await storeProof(tx, context, {
        signer,
        learner,
        microCredentialVersionId: view.id,
        proof,
        score: proof.kind === 'micro-credential-certificate' ? request.score : undefined,
        actor,
        role: 'registrar',
      });
    }
  }

  const rows = await tx
    .selectFrom('credentials')
    .selectAll()
    .where('learner_id', '=', learner.id)
    .where('micro_credential_version_id', '=', view.id)
    .execute();
  const order = new Map(
    planned.map((p, i) => [awardKey(learner.id, view.id, p.kind, p.courseUnitVersionId), i]),
  );
  rows.sort((a, b) => (order.get(a.award_key) ?? 99) - (order.get(b.award_key) ?? 99));
  for (const row of rows) {
    const plan = planned.find(
      (p) => awardKey(learner.id, view.id, p.kind, p.courseUnitVersionId) === row.award_key,
    );
    issued.push({
      id: row.credential_url,
      kind: row.kind as ProofKind,
      courseUnit: plan?.courseUnitCode,
      document: JSON.parse(row.document),
    });
  }
  return {
    learner: learner.email,
    microCredential: { code: view.code, version: view.version },
    issuedNow: toIssue.length > 0,
    credentials: issued,
  };
}
