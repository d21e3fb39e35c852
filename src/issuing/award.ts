import type { TransactionOptions, Tx } from '../core/database.ts';
import { ValidationError, type FieldProblem } from '../core/errors.ts';
import { langFromHeader, type Lang } from '../core/i18n.ts';
import { checkText } from '../core/text-rules.ts';
import type { Actor } from '../core/actor.ts';
import { commandIn, type Command } from '../core/command.ts';
import { recordDirectEvaluation } from '../assessment/direct-evaluations.ts';
import { ASSESSMENT_MESSAGES, assessmentMessage, type AssessmentMessage } from '../assessment/messages.ts';
import { getPublishedMicroCredential } from '../catalogue/views.ts';
import type { ProofKind } from '../catalogue/rules.ts';
import type { Institution } from '../institutions/store.ts';
import type { IssuingContext } from './context.ts';
import { upsertLearner } from './learners.ts';
import { awardKey, heldCredentials, plannedProofs, proofSigner, storeProof } from './proofs.ts';

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

/**
 * The operator's language on the command line: `STAPEL_LANG` (`nl` or `en`), English when not set.
 *
 * @example
 * operatorLang({ STAPEL_LANG: 'nl' }); // 'nl'
 */
export function operatorLang(env: NodeJS.ProcessEnv = process.env): Lang {
  return langFromHeader(env.STAPEL_LANG);
}

const isAssessmentKey = (key: string | undefined): key is AssessmentMessage =>
  key !== undefined && Object.hasOwn(ASSESSMENT_MESSAGES, key);

/**
 * A refusal of an award in the operator's language: its summary and each problem from the message table,
 * in the shape the command line prints (`stapel: …`, then `  field: message [rule]`). Other errors pass.
 *
 * @example
 * await award().catch((error: unknown) => { throw awardRefusalIn(error, operatorLang()); });
 */
export function awardRefusalIn(error: unknown, lang: Lang): unknown {
  if (!(error instanceof ValidationError)) return error;
  return new ValidationError(
    error.problems.map((p) => {
      const key = p.key ?? p.rule;
      return isAssessmentKey(key) ? { ...p, message: assessmentMessage(key, lang, p.params ?? {}) } : p;
    }),
    isAssessmentKey(error.key) ? assessmentMessage(error.key, lang, error.params) : error.message,
    { key: error.key, params: error.params },
  );
}

/**
 * Checks the parts of an award that do not need the database; throws ValidationError naming each field by
 * its rule and parameters (the CLI renders them in `STAPEL_LANG`).
 */
export function checkAwardInput(
  learner: AwardRequest['learner'],
  score: number | undefined,
  passMark: number,
): void {
  const problems: FieldProblem[] = [];
  const add = (field: string, rule: AssessmentMessage, params = {}) =>
    problems.push({ field, rule, params, message: assessmentMessage(rule, 'en', params) });
  if (!EMAIL.test(learner.email.trim())) add('email', 'email-format', { email: learner.email });
  // The name is signed into the credential: it must read as it is stored (no bidi controls, not invisible).
  const nameProblem = learner.name ? checkText(learner.name) : undefined;
  if (nameProblem) add('name', nameProblem.rule, nameProblem.params);
  if (score !== undefined) {
    if (!Number.isFinite(score) || score < 0 || score > 20)
      add('score', 'score-range', { score: String(score), max: 20 });
    else if (score < passMark) add('score', 'score-below-pass-mark', { score, passMark });
  }
  if (problems.length)
    throw new ValidationError(problems, 'The award is not valid.', { key: 'award-invalid' });
}

/**
 * Records a passed evaluation and issues the proofs of learning the form prescribes: the certificate,
 * and for form A one credit certificate per course unit. Idempotent per learner and micro-credential
 * version: awarding again issues nothing and returns the same credentials. The command's actor awards, in
 * the command's role (the registrar's, from the CLI).
 *
 * @example
 * const result = await runAward(context, async (tx) => ({ institution: await getInstitution(tx, 'hogeschool-schelde'), code: 'MC-DATA', learner: { email }, score: 15, recordedBy: 'cli' }));
 */
export async function awardMicroCredential(
  cmd: Command,
  context: IssuingContext,
  request: AwardRequest,
): Promise<AwardResult> {
  const { tx } = cmd;
  checkAwardInput(request.learner, request.score, context.settings.passMark);
  const view = await getPublishedMicroCredential(tx, request.institution, request.code);
  const learner = await upsertLearner(tx, request.learner);
  const planned = await plannedProofs(tx, view, context.settings.publicUrl);

  const existing = await heldCredentials(tx, learner.id, view.id);
  const byKey = new Map(existing.map((row) => [row.award_key, row]));
  const toIssue = planned.filter(
    (p) => !byKey.has(awardKey(learner.id, view.id, p.kind, p.courseUnitVersionId)),
  );

  if (toIssue.length > 0 && existing.length === 0) {
    // The result is an evaluation like every other, so the results pages and the learner see it.
    await recordDirectEvaluation(cmd, request.institution, {
      learnerId: learner.id,
      learnerEmail: learner.email,
      microCredentialVersionId: view.id,
      score: request.score ?? null,
    });
  }

  const issued: IssuedCredential[] = [];
  if (toIssue.length > 0) {
    const signer = await proofSigner(tx, context, request.institution);
    for (const proof of toIssue) {
      await storeProof(cmd, context, {
        signer,
        learner,
        microCredentialVersionId: view.id,
        proof,
        score: proof.kind === 'micro-credential-certificate' ? request.score : undefined,
      });
    }
  }

  const rows = await heldCredentials(tx, learner.id, view.id);
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

/**
 * Runs one award as its own command, in the registrar's role, as `request.actor` (the command line, labelled
 * `recordedBy`, when absent): the one way the CLI, the benchmark and tests award. An award sends no mail.
 *
 * @example
 * await runAward(context, async (tx) => ({ institution: await getInstitution(tx, slug), code: 'PV-LEAN', learner: { email }, recordedBy: 'cli' }));
 */
export async function runAward(
  context: IssuingContext,
  request: (tx: Tx) => AwardRequest | Promise<AwardRequest>,
): Promise<AwardResult> {
  const mail = { smtpUrl: undefined, from: context.settings.mailFrom };
  return context.database.transaction(async (tx, afterCommit) => {
    const input = await request(tx);
    const actor: Actor = input.actor ?? { kind: 'cli', label: input.recordedBy };
    const cmd = commandIn(tx, afterCommit, context.database.db, { mail, actor, role: 'registrar' });
    return awardMicroCredential(cmd, context, input);
  }, AWARD_TRANSACTION);
}
