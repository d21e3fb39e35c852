import type { Db, TransactionOptions, Tx } from '../core/database.ts';
import { actorLabel, type Actor } from '../core/actor.ts';
import type { AppContext } from '../core/app-context.ts';
import { runCommand, type Command, type CommandOptions } from '../core/command.ts';
import { ConflictError, NotFoundError, StapelError } from '../core/errors.ts';
import type { CredentialRow } from '../core/schema.ts';
import type { ProofKind } from '../catalogue/rules.ts';
import { getPublishedMicroCredential } from '../catalogue/views.ts';
import { getInstitutionById, type Institution } from '../institutions/store.ts';
import type { AssessmentHooks } from '../assessment/hooks.ts';
import { currentResults, requirementKey, type OwedProof } from '../assessment/rules.ts';
import {
  ASSESSED_ENROLMENT_STATUS,
  enrolmentsOfEdition,
  enrolmentsWithLearner,
  evaluationsOf,
  getEditionFacts,
  getEditionFactsById,
  owedFor,
  type EditionFacts,
} from '../assessment/edition-facts.ts';
import { AWARD_TRANSACTION } from './award.ts';
import type { IssuingContext } from './context.ts';
import { upsertLearner } from './learners.ts';
import { proofMail } from './mail.ts';
import { heldCredentials, plannedProofs, proofSigner, storeProof } from './proofs.ts';
import type { CohortIssuance, EnrolmentIssuance, IssuanceStatus, ProofSummary } from './schemas.ts';

export type { CohortIssuance, EnrolmentIssuance, IssuanceStatus, ProofSummary } from './schemas.ts';

/**
 * Runs one change in a transaction of its own, with its command: how a run of several transactions (one
 * proof each, so that a crash keeps what was issued) makes each change. Routes build it from
 * `runRequestCommand`, the command line and the hook after results from `commandRunner`.
 */
export type CommandRunner = <T>(
  fn: (cmd: Command) => Promise<T>,
  transaction?: TransactionOptions,
) => Promise<T>;

/**
 * A runner whose commands act for one actor, in one role.
 *
 * @example
 * const run = commandRunner({ database, mail, actor: { kind: 'cli', label: 'stapel issue' }, role: 'registrar' });
 */
export function commandRunner(options: Omit<CommandOptions, 'transaction'>): CommandRunner {
  return (fn, transaction) => runCommand({ ...options, transaction }, fn);
}

export interface IssueOptions {
  /**
   * Called after each proof has been committed, with the number committed so far in this run. Issuing
   * resumes where it stopped, so whatever happens here (a crash included) loses nothing.
   */
  afterEachProof?: ((issuedSoFar: number) => void | Promise<void>) | undefined;
}

interface EnrolmentFacts {
  enrolment: { id: string; status: string; email: string; name: string };
  edition: EditionFacts;
}

async function enrolmentFacts(
  db: Db | Tx,
  institution: Institution,
  enrolmentId: string,
): Promise<EnrolmentFacts> {
  const enrolment = await enrolmentsWithLearner(db)
    .innerJoin('editions as e', 'e.id', 'n.edition_id')
    .where('n.id', '=', enrolmentId)
    .where('e.institution_id', '=', institution.id)
    .executeTakeFirst();
  if (!enrolment)
    throw new NotFoundError(`There is no enrolment ${enrolmentId} at ${institution.slug}.`, {
      key: 'institution-enrolment-unknown',
      params: { id: enrolmentId, institution: institution.slug },
    });
  return {
    enrolment: { id: enrolment.id, status: enrolment.status, email: enrolment.email, name: enrolment.name },
    edition: await getEditionFactsById(db, enrolment.edition_id),
  };
}

const sameProof = (
  edition: EditionFacts,
  owed: OwedProof,
  row: Pick<CredentialRow, 'kind' | 'course_unit_version_id'>,
) =>
  row.kind === owed.kind &&
  row.course_unit_version_id ===
    (owed.courseUnit === null
      ? null
      : (edition.courseUnits.find((u) => u.code === owed.courseUnit)?.versionId ?? ''));

async function heldProofs(db: Db | Tx, facts: EnrolmentFacts): Promise<CredentialRow[]> {
  const learner = await db
    .selectFrom('learners')
    .select('id')
    .where('email', '=', facts.enrolment.email.toLowerCase())
    .executeTakeFirst();
  if (!learner) return [];
  return heldCredentials(db, learner.id, facts.edition.microCredentialVersionId);
}

function summary(edition: EditionFacts, row: CredentialRow): ProofSummary {
  return {
    id: row.credential_url,
    credentialId: row.id,
    kind: row.kind as ProofKind,
    courseUnit: row.course_unit_version_id
      ? (edition.courseUnits.find((u) => u.versionId === row.course_unit_version_id)?.code ?? null)
      : null,
    issuedAt: row.issued_at,
  };
}

async function plan(db: Db | Tx, facts: EnrolmentFacts): Promise<EnrolmentIssuance> {
  const owed =
    facts.enrolment.status === ASSESSED_ENROLMENT_STATUS
      ? owedFor(facts.edition, await evaluationsOf(db, [facts.enrolment.id]))
      : [];
  const held = await heldProofs(db, facts);
  const alreadyIssued: ProofSummary[] = [];
  const toIssue: OwedProof[] = [];
  for (const proof of owed) {
    const row = held.find((h) => sameProof(facts.edition, proof, h));
    if (row) alreadyIssued.push(summary(facts.edition, row));
    else toIssue.push(proof);
  }
  return {
    enrolmentId: facts.enrolment.id,
    learner: { email: facts.enrolment.email, name: facts.enrolment.name },
    edition: facts.edition.code,
    status: owed.length === 0 ? 'not-eligible' : toIssue.length > 0 ? 'issued' : 'already-issued',
    issued: [],
    alreadyIssued,
    toIssue,
    heldNotOwed: held
      .filter((h) => !owed.some((proof) => sameProof(facts.edition, proof, h)))
      .map((h) => summary(facts.edition, h)),
  };
}

/**
 * What issuing would do for one of the institution's enrolments now: the proofs owed, held already, and
 * still to issue.
 *
 * @example
 * const preview = await previewEnrolment(db, institution, { enrolmentId }); // preview.toIssue
 */
export async function previewEnrolment(
  db: Db | Tx,
  institution: Institution,
  query: { enrolmentId: string },
): Promise<EnrolmentIssuance> {
  return plan(db, await enrolmentFacts(db, institution, query.enrolmentId));
}

export interface IssueProofInput {
  enrolmentId: string;
  proof: OwedProof;
  /** Tell the learner by e-mail in this proof's transaction, listing every proof they hold for it. */
  notify?: boolean | undefined;
  /** The proofs this e-mail announces (those of the whole run); this proof alone when not given. */
  announce?: readonly OwedProof[] | undefined;
}

/**
 * Issues one proof of learning from an enrolment's evaluation, in the command's transaction (run it with
 * AWARD_TRANSACTION). Refuses unless the results that count earn this proof now: no proof without a
 * passed evaluation, whoever calls. Idempotent by award key: a proof held already is returned, not issued
 * again.
 *
 * @example
 * await runCommand({ database, mail, actor, transaction: AWARD_TRANSACTION }, (cmd) => issueProof(cmd, context, institution, { enrolmentId, proof: { kind: 'credit-certificate', courseUnit: 'DATA101' } }));
 */
export async function issueProof(
  cmd: Command,
  context: IssuingContext,
  institution: Institution,
  input: IssueProofInput,
): Promise<{ proof: ProofSummary; issuedNow: boolean }> {
  const { tx } = cmd;
  const { proof } = input;
  const facts = await enrolmentFacts(tx, institution, input.enrolmentId);
  const { edition, enrolment } = facts;
  const what = `${proof.kind}${proof.courseUnit ? ` for ${proof.courseUnit}` : ''}`;
  const named = { kind: proof.kind, courseUnit: proof.courseUnit ?? '', email: enrolment.email };
  if (enrolment.status !== ASSESSED_ENROLMENT_STATUS)
    throw new ConflictError(
      'invalid-state',
      `No ${what}: the enrolment of ${enrolment.email} is ${enrolment.status}, not accepted.`,
      { key: 'proof-enrolment-not-accepted', params: { ...named, status: enrolment.status } },
    );
  const records = await evaluationsOf(tx, [enrolment.id]);
  const owed = owedFor(edition, records);
  if (!owed.some((o) => o.kind === proof.kind && o.courseUnit === proof.courseUnit))
    throw new ConflictError(
      'invalid-state',
      `No ${what} for ${enrolment.email}: no proof of learning without a passed evaluation.`,
      { key: 'proof-not-earned', params: named },
    );

  const view = await getPublishedMicroCredential(
    tx,
    institution,
    edition.microCredential.code,
    edition.microCredential.version,
  );
  const planned = (await plannedProofs(tx, view, context.settings.publicUrl)).find(
    (p) => p.kind === proof.kind && (p.courseUnitCode ?? null) === proof.courseUnit,
  );
  if (!planned)
    throw new NotFoundError(`${edition.microCredential.code} yields no ${what}.`, {
      key: 'proof-not-offered',
      params: { ...named, code: edition.microCredential.code },
    });

  // The score shown is that of the result the proof rests on; a form A certificate rests on several and
  // shows none.
  const basis = currentResults(
    records.map((r) => ({
      id: r.id,
      courseUnit: r.course_unit_version_id,
      supersedesId: r.supersedes_id,
      createdAt: r.created_at,
      score: r.score,
    })),
  ).get(requirementKey(planned.courseUnitVersionId));
  const score = basis?.score ?? undefined;

  const learner = await upsertLearner(tx, { email: enrolment.email, name: enrolment.name });
  const stored = await storeProof(cmd, context, {
    signer: await proofSigner(tx, context, institution),
    learner,
    microCredentialVersionId: edition.microCredentialVersionId,
    proof: planned,
    score,
    enrolmentId: enrolment.id,
  });
  if (stored.issuedNow && input.notify)
    await notifyLearner(cmd, facts, learner.id, input.announce ?? [proof]);
  return { proof: summary(edition, stored.row), issuedNow: stored.issuedNow };
}

async function notifyLearner(
  cmd: Command,
  facts: EnrolmentFacts,
  learnerId: string,
  announce: readonly OwedProof[],
): Promise<void> {
  const { edition, enrolment } = facts;
  const rows = await heldCredentials(cmd.tx, learnerId, edition.microCredentialVersionId);
  const order = (s: ProofSummary) =>
    s.kind === 'micro-credential-certificate'
      ? Number.MAX_SAFE_INTEGER
      : edition.courseUnits.findIndex((u) => u.code === s.courseUnit);
  const held = rows.map((r) => summary(edition, r)).sort((a, b) => order(a) - order(b));
  const certificate = rows.some((r) => r.kind === 'micro-credential-certificate');
  // Without the micro-credential certificate, only credit certificates were earned: the mail names the
  // course units passed and how many remain.
  const units = certificate
    ? []
    : edition.courseUnits.filter((u) =>
        announce.some((p) => p.kind === 'credit-certificate' && p.courseUnit === u.code),
      );
  const heldUnits = new Set(rows.map((r) => r.course_unit_version_id).filter((id) => id !== null));
  await cmd.mail.send({
    to: enrolment.email,
    institutionId: edition.institutionId,
    ...proofMail({
      learnerName: enrolment.name,
      editionCode: edition.code,
      title: edition.microCredential.title,
      held,
      passedUnits: units.map((u) => ({ code: u.code, title: u.title })),
      remaining: edition.courseUnits.filter((u) => !heldUnits.has(u.versionId)).length,
    }),
  });
}

/**
 * Issues everything one of the institution's enrolments is owed now, one proof per transaction (each its
 * own command from `run`): a crash halfway keeps what was issued, and running again issues the rest (the
 * award key prevents duplicates). The learner is e-mailed once, in the transaction of the run's last proof.
 *
 * @example
 * const result = await issueForEnrolment((fn, tx) => runRequestCommand(request, context, fn, tx), context, institution, { enrolmentId });
 */
export async function issueForEnrolment(
  run: CommandRunner,
  context: IssuingContext,
  institution: Institution,
  input: { enrolmentId: string } & IssueOptions,
): Promise<EnrolmentIssuance> {
  const { enrolmentId } = input;
  const planned = await previewEnrolment(context.database.db, institution, { enrolmentId });
  const issued: ProofSummary[] = [];
  const alreadyIssued = [...planned.alreadyIssued];
  for (const [i, proof] of planned.toIssue.entries()) {
    const notify = i === planned.toIssue.length - 1;
    const result = await run(
      (cmd) =>
        issueProof(cmd, context, institution, { enrolmentId, proof, notify, announce: planned.toIssue }),
      AWARD_TRANSACTION,
    );
    if (result.issuedNow) {
      issued.push(result.proof);
      await input.afterEachProof?.(issued.length);
    } else alreadyIssued.push(result.proof);
  }
  return {
    ...planned,
    status:
      issued.length > 0 ? 'issued' : planned.status === 'not-eligible' ? 'not-eligible' : 'already-issued',
    issued,
    alreadyIssued,
    toIssue: [],
  };
}

/** The accepted enrolments of an edition, by their learner's e-mail address. */
async function cohort(db: Db | Tx, edition: EditionFacts): Promise<string[]> {
  const enrolments = await enrolmentsOfEdition(db, edition.id);
  return enrolments.filter((n) => n.status === ASSESSED_ENROLMENT_STATUS).map((n) => n.id);
}

function tally(learners: EnrolmentIssuance[], preview: boolean): CohortIssuance {
  const count = (status: IssuanceStatus) => learners.filter((l) => l.status === status).length;
  return {
    issued: preview ? learners.filter((l) => l.toIssue.length > 0).length : count('issued'),
    alreadyIssued: count('already-issued'),
    notEligible: count('not-eligible'),
    failed: count('failed'),
    learners,
  };
}

/**
 * What issuing the edition's cohort would do now, learner by learner (`issued` counts the learners who
 * would receive something).
 *
 * @example
 * const preview = await previewEdition(db, institution, { edition: 'DATA-2025-1' });
 */
export async function previewEdition(
  db: Db | Tx,
  institution: Institution,
  query: { edition: string },
): Promise<CohortIssuance> {
  const edition = await getEditionFacts(db, institution, query.edition);
  const learners: EnrolmentIssuance[] = [];
  for (const enrolmentId of await cohort(db, edition))
    learners.push(await previewEnrolment(db, institution, { enrolmentId }));
  return tally(learners, true);
}

/**
 * Issues what every accepted learner of the institution's edition is owed. Learner by learner: one that
 * fails is reported and the others go on; running again resumes, without duplicates.
 *
 * @example
 * const result = await issueForEdition(run, context, institution, { edition: 'DATA-2025-1' });
 */
export async function issueForEdition(
  run: CommandRunner,
  context: IssuingContext,
  institution: Institution,
  input: { edition: string },
): Promise<CohortIssuance> {
  const { db } = context.database;
  const edition = await getEditionFacts(db, institution, input.edition);
  const learners: EnrolmentIssuance[] = [];
  for (const enrolmentId of await cohort(db, edition))
    learners.push(await issueOrReport(run, context, institution, enrolmentId));
  return tally(learners, false);
}

/** Issues what one enrolment is owed; a failure is reported as its outcome, with what was issued before. */
async function issueOrReport(
  run: CommandRunner,
  context: IssuingContext,
  institution: Institution,
  enrolmentId: string,
): Promise<EnrolmentIssuance> {
  try {
    return await issueForEnrolment(run, context, institution, { enrolmentId });
  } catch (error) {
    const preview = await previewEnrolment(context.database.db, institution, { enrolmentId });
    return { ...preview, status: 'failed', error: failureMessage(error) };
  }
}

/** The institution that runs the edition of an enrolment. */
async function institutionOfEnrolment(db: Db, enrolmentId: string): Promise<Institution> {
  const row = await db
    .selectFrom('enrolments as n')
    .innerJoin('editions as e', 'e.id', 'n.edition_id')
    .select('e.institution_id')
    .where('n.id', '=', enrolmentId)
    .executeTakeFirst();
  if (!row)
    throw new NotFoundError(`There is no enrolment ${enrolmentId}.`, {
      key: 'issuing-enrolment-unknown',
      params: { id: enrolmentId },
    });
  return getInstitutionById(db, row.institution_id);
}

/**
 * Issues, right after results were committed, what those enrolments are owed now, acting as the platform
 * (no role). Results stay recorded when issuing fails; the failure is reported and a registrar's issue run
 * completes it later.
 *
 * @example
 * const issuance = await issueAfterResults(context, [enrolmentId], request.actor);
 */
export async function issueAfterResults(
  context: AppContext,
  enrolmentIds: readonly string[],
  recordedBy: Actor,
): Promise<EnrolmentIssuance[]> {
  const actor: Actor = {
    kind: 'system',
    label: `issuance after results recorded by ${actorLabel(recordedBy)}`,
  };
  const run = commandRunner({ database: context.database, mail: context.mail, actor, role: null });
  const out: EnrolmentIssuance[] = [];
  for (const id of enrolmentIds) {
    const institution = await institutionOfEnrolment(context.database.db, id);
    out.push(await issueOrReport(run, context, institution, id));
  }
  return out;
}

/**
 * Assessment's hooks answered by issuing: recorded results issue the proofs they now earn.
 *
 * @example
 * await app.register(assessmentRoutes, { context, hooks: issuingAssessmentHooks(context) });
 */
export function issuingAssessmentHooks(context: AppContext): AssessmentHooks {
  return {
    onResultsRecorded: (enrolmentIds, recordedBy) => issueAfterResults(context, enrolmentIds, recordedBy),
  };
}

/** Domain errors explain themselves; anything else is logged and reported without internals. */
function failureMessage(error: unknown): string {
  if (error instanceof StapelError) return error.message;
  console.error('issuing failed', error);
  return 'Issuing failed on our side; it has been logged. Running the issue again resumes where it stopped.';
}
