import type { AfterCommit, Db, Tx } from '../core/database.ts';
import { actorLabel, type Actor, type Role } from '../core/actor.ts';
import type { AppContext } from '../core/app-context.ts';
import { ConflictError, NotFoundError, StapelError } from '../core/errors.ts';
import { queueMail } from '../core/mail.ts';
import type { CredentialRow } from '../core/schema.ts';
import type { ProofKind } from '../catalogue/rules.ts';
import { getPublishedMicroCredential } from '../catalogue/store.ts';
import { getInstitution } from '../institutions/store.ts';
import type { AssessmentHooks } from '../assessment/hooks.ts';
import { currentResults, requirementKey, type OwedProof } from '../assessment/rules.ts';
import {
  ASSESSED_ENROLMENT_STATUS,
  evaluationsOf,
  getEditionFactsById,
  owedFor,
  type EditionFacts,
} from '../assessment/store.ts';
import { AWARD_TRANSACTION } from './award.ts';
import { upsertLearner } from './learners.ts';
import { PROOF_MAIL } from './messages.ts';
import { plannedProofs, proofSigner, storeProof } from './proofs.ts';

export interface IssueOptions {
  /** Who issues, for the audit log (a registrar, or the platform right after results were recorded). */
  actor: Actor;
  role?: Role | undefined;
  /**
   * Called after each proof has been committed, with the number committed so far in this run. Issuing
   * resumes where it stopped, so whatever happens here (a crash included) loses nothing.
   */
  afterEachProof?: ((issuedSoFar: number) => void | Promise<void>) | undefined;
}

/** A proof of learning held by a learner. */
export interface ProofSummary {
  /** The credential's `id`, a URL on this platform. */
  id: string;
  credentialId: string;
  kind: ProofKind;
  courseUnit: string | null;
  issuedAt: string;
}

export type IssuanceStatus = 'issued' | 'already-issued' | 'not-eligible' | 'failed';

/** What issuing did (or, in a preview, would do) for one enrolment. */
export interface EnrolmentIssuance {
  enrolmentId: string;
  learner: { email: string; name: string };
  edition: string;
  status: IssuanceStatus;
  /** Issued in this run (empty in a preview). */
  issued: ProofSummary[];
  /** Owed and held already. */
  alreadyIssued: ProofSummary[];
  /** Owed and not held yet: what a run issues. */
  toIssue: OwedProof[];
  /** Held, but no longer earned by the results that count (a correction): a registrar may revoke them. */
  heldNotOwed: ProofSummary[];
  /** Why issuing failed; running again resumes. */
  error?: string | undefined;
}

export interface CohortIssuance {
  /** Learners counted by outcome. */
  issued: number;
  alreadyIssued: number;
  notEligible: number;
  failed: number;
  learners: EnrolmentIssuance[];
}

interface EnrolmentFacts {
  enrolment: { id: string; status: string; email: string; name: string };
  edition: EditionFacts;
}

async function enrolmentFacts(db: Db | Tx, enrolmentId: string): Promise<EnrolmentFacts> {
  const enrolment = await db
    .selectFrom('enrolments as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select(['n.id', 'n.status', 'n.edition_id', 'u.email', 'u.name'])
    .where('n.id', '=', enrolmentId)
    .executeTakeFirst();
  if (!enrolment) throw new NotFoundError(`There is no enrolment ${enrolmentId}.`);
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
  return db
    .selectFrom('credentials')
    .selectAll()
    .where('learner_id', '=', learner.id)
    .where('micro_credential_version_id', '=', facts.edition.microCredentialVersionId)
    .execute();
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
 * What issuing would do for one enrolment now: the proofs owed, held already, and still to issue.
 *
 * @example
 * const preview = await previewEnrolment(db, enrolmentId); // preview.toIssue
 */
export async function previewEnrolment(db: Db | Tx, enrolmentId: string): Promise<EnrolmentIssuance> {
  return plan(db, await enrolmentFacts(db, enrolmentId));
}

export interface IssueProofOptions extends IssueOptions {
  /** Tell the learner by e-mail in this proof's transaction, listing every proof they hold for it. */
  notify?: boolean | undefined;
  /** The proofs this e-mail announces (those of the whole run); this proof alone when not given. */
  announce?: readonly OwedProof[] | undefined;
}

/**
 * Issues one proof of learning from an enrolment's evaluation, in the caller's transaction. Refuses
 * unless the results that count earn this proof now: no proof without a passed evaluation, whoever calls.
 * Idempotent by award key: a proof held already is returned, not issued again.
 *
 * @example
 * await context.database.transaction((tx, afterCommit) => issueProof(tx, afterCommit, context, enrolmentId, { kind: 'credit-certificate', courseUnit: 'DATA101' }, { actor }), AWARD_TRANSACTION);
 */
export async function issueProof(
  tx: Tx,
  afterCommit: AfterCommit,
  context: AppContext,
  enrolmentId: string,
  proof: OwedProof,
  options: IssueProofOptions,
): Promise<{ proof: ProofSummary; issuedNow: boolean }> {
  const facts = await enrolmentFacts(tx, enrolmentId);
  const { edition, enrolment } = facts;
  const what = `${proof.kind}${proof.courseUnit ? ` for ${proof.courseUnit}` : ''}`;
  if (enrolment.status !== ASSESSED_ENROLMENT_STATUS)
    throw new ConflictError(
      'invalid-state',
      `No ${what}: the enrolment of ${enrolment.email} is ${enrolment.status}, not accepted.`,
    );
  const records = await evaluationsOf(tx, [enrolment.id]);
  const owed = owedFor(edition, records);
  if (!owed.some((o) => o.kind === proof.kind && o.courseUnit === proof.courseUnit))
    throw new ConflictError(
      'invalid-state',
      `No ${what} for ${enrolment.email}: no proof of learning without a passed evaluation.`,
    );

  const institution = await getInstitutionById(tx, edition.institutionId);
  const view = await getPublishedMicroCredential(
    tx,
    institution,
    edition.microCredential.code,
    edition.microCredential.version,
  );
  const planned = (await plannedProofs(tx, view, context.settings.publicUrl)).find(
    (p) => p.kind === proof.kind && (p.courseUnitCode ?? null) === proof.courseUnit,
  );
  if (!planned) throw new NotFoundError(`${edition.microCredential.code} yields no ${what}.`);

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
  const stored = await storeProof(tx, context, {
    signer: await proofSigner(tx, context, institution),
    learner,
    microCredentialVersionId: edition.microCredentialVersionId,
    proof: planned,
    score,
    enrolmentId: enrolment.id,
    actor: options.actor,
    role: options.role,
  });
  if (stored.issuedNow && options.notify)
    await notifyLearner(tx, afterCommit, context, facts, learner.id, options.announce ?? [proof]);
  return { proof: summary(edition, stored.row), issuedNow: stored.issuedNow };
}

async function getInstitutionById(tx: Tx, institutionId: string) {
  const row = await tx
    .selectFrom('institutions')
    .select('slug')
    .where('id', '=', institutionId)
    .executeTakeFirstOrThrow();
  return getInstitution(tx, row.slug);
}

const KIND_NAMES: Record<ProofKind, { nl: string; en: string }> = {
  'micro-credential-certificate': { nl: 'Micro-credential', en: 'Micro-credential certificate' },
  'credit-certificate': { nl: 'Creditbewijs', en: 'Credit certificate' },
};

async function notifyLearner(
  tx: Tx,
  afterCommit: AfterCommit,
  context: AppContext,
  facts: EnrolmentFacts,
  learnerId: string,
  announce: readonly OwedProof[],
): Promise<void> {
  const { edition, enrolment } = facts;
  const rows = await tx
    .selectFrom('credentials')
    .selectAll()
    .where('learner_id', '=', learnerId)
    .where('micro_credential_version_id', '=', edition.microCredentialVersionId)
    .orderBy('issued_at')
    .execute();
  const order = (s: ProofSummary) =>
    s.kind === 'micro-credential-certificate'
      ? Number.MAX_SAFE_INTEGER
      : edition.courseUnits.findIndex((u) => u.code === s.courseUnit);
  const lines = rows
    .map((r) => summary(edition, r))
    .sort((a, b) => order(a) - order(b))
    .map((p) => `- ${KIND_NAMES[p.kind].nl}${p.courseUnit ? ` ${p.courseUnit}` : ''}: ${p.id}`);
  const title = edition.microCredential.title;
  const titleEn = title.en ?? title.nl;
  const certificate = rows.some((r) => r.kind === 'micro-credential-certificate');
  // Without the micro-credential certificate, only credit certificates were earned: say which course
  // units were passed and how many remain, instead of congratulating on the whole micro-credential.
  const units = edition.courseUnits.filter((u) =>
    announce.some((p) => p.kind === 'credit-certificate' && p.courseUnit === u.code),
  );
  const held = new Set(rows.map((r) => r.course_unit_version_id).filter((id) => id !== null));
  const remaining = edition.courseUnits.filter((u) => !held.has(u.versionId)).length;
  const named = (lang: 'nl' | 'en') =>
    units.map((u) => `${lang === 'en' ? (u.title.en ?? u.title.nl) : u.title.nl} (${u.code})`).join(', ');
  const credit = !certificate && units.length > 0;
  await queueMail(tx, afterCommit, context.database.db, context.mail, {
    to: enrolment.email,
    institutionId: edition.institutionId,
    subject: credit
      ? PROOF_MAIL.subject.credit(named('nl'), named('en'))
      : PROOF_MAIL.subject.certificate(title.nl),
    body: [
      `Dag ${enrolment.name},`,
      '',
      credit
        ? PROOF_MAIL.credit.nl({
            units: named('nl'),
            count: units.length,
            remaining,
            title: title.nl,
            edition: edition.code,
          })
        : PROOF_MAIL.certificate.nl({ title: title.nl, edition: edition.code }),
      ...lines,
      '',
      credit
        ? PROOF_MAIL.credit.en({
            units: named('en'),
            count: units.length,
            remaining,
            title: titleEn,
            edition: edition.code,
          })
        : PROOF_MAIL.certificate.en({ title: titleEn, edition: edition.code }),
    ].join('\n'),
  });
}

/**
 * Issues everything an enrolment is owed now, one proof per transaction: a crash halfway keeps what was
 * issued, and running again issues the rest (the award key prevents duplicates). The learner is e-mailed
 * once, in the transaction of the run's last proof.
 *
 * @example
 * const result = await issueForEnrolment(context, enrolmentId, { actor, role: 'registrar' });
 */
export async function issueForEnrolment(
  context: AppContext,
  enrolmentId: string,
  options: IssueOptions,
): Promise<EnrolmentIssuance> {
  const { database } = context;
  const planned = await previewEnrolment(database.db, enrolmentId);
  const issued: ProofSummary[] = [];
  const alreadyIssued = [...planned.alreadyIssued];
  for (const [i, proof] of planned.toIssue.entries()) {
    const notify = i === planned.toIssue.length - 1;
    const result = await database.transaction(
      (tx, afterCommit) =>
        issueProof(tx, afterCommit, context, enrolmentId, proof, {
          ...options,
          notify,
          announce: planned.toIssue,
        }),
      AWARD_TRANSACTION,
    );
    if (result.issuedNow) {
      issued.push(result.proof);
      await options.afterEachProof?.(issued.length);
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

async function cohort(db: Db | Tx, edition: EditionFacts): Promise<string[]> {
  const rows = await db
    .selectFrom('enrolments as n')
    .innerJoin('users as u', 'u.id', 'n.user_id')
    .select('n.id')
    .where('n.edition_id', '=', edition.id)
    .where('n.status', '=', ASSESSED_ENROLMENT_STATUS)
    .orderBy('u.email')
    .execute();
  return rows.map((r) => r.id);
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
 * const preview = await previewEdition(db, edition);
 */
export async function previewEdition(db: Db | Tx, edition: EditionFacts): Promise<CohortIssuance> {
  const learners: EnrolmentIssuance[] = [];
  for (const id of await cohort(db, edition)) learners.push(await previewEnrolment(db, id));
  return tally(learners, true);
}

/**
 * Issues what every accepted learner of the edition is owed. Learner by learner: one that fails is
 * reported and the others go on; running again resumes, without duplicates.
 *
 * @example
 * const result = await issueForEdition(context, edition, { actor, role: 'registrar' });
 */
export async function issueForEdition(
  context: AppContext,
  edition: EditionFacts,
  options: IssueOptions,
): Promise<CohortIssuance> {
  const learners: EnrolmentIssuance[] = [];
  for (const id of await cohort(context.database.db, edition)) {
    try {
      learners.push(await issueForEnrolment(context, id, options));
    } catch (error) {
      const preview = await previewEnrolment(context.database.db, id);
      learners.push({ ...preview, status: 'failed', error: failureMessage(error) });
    }
  }
  return tally(learners, false);
}

/**
 * Issues, right after results were committed, what those enrolments are owed now. Results stay recorded
 * when issuing fails; the failure is reported and a registrar's issue run completes it later.
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
  const out: EnrolmentIssuance[] = [];
  for (const id of enrolmentIds) {
    try {
      out.push(await issueForEnrolment(context, id, { actor }));
    } catch (error) {
      const preview = await previewEnrolment(context.database.db, id);
      out.push({ ...preview, status: 'failed', error: failureMessage(error) });
    }
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
