import { randomUUID } from 'node:crypto';
import { localizedText } from '../catalogue/rows.ts';
import { actorId, actorLabel, type Actor } from '../core/actor.ts';
import type { Command } from '../core/command.ts';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, refuse } from '../core/errors.ts';
import type { EnrolmentRow, TuitionReductionRow } from '../core/schema.ts';
import type { Institution } from '../institutions/store.ts';
import { decisionMail, mailLearner } from './mail.ts';
import { reductionRows } from './reductions.ts';
import {
  amountDue,
  checkDecision,
  checkEnrolment,
  holdsPlace,
  nextStatus,
  statusOnEnrol,
  type EnrolmentRefusal,
  type EnrolmentStatus,
} from './rules.ts';
import type { DecisionInput, EnrolInput, MyEnrolmentView, StaffEnrolmentView } from './schemas.ts';
import {
  editionQuery,
  enrolmentQuery,
  getMyEnrolment,
  heldPlaces,
  myViews,
  parsePrerequisites,
  staffEdition,
  staffEnrolments,
} from './views.ts';
import { moveWaitlistUp } from './waiting-list.ts';

/**
 * The learner who acts: enrolling, cancelling and reading one's enrolments are a signed-in person's own
 * acts, never an API token's.
 *
 * @example
 * const { userId } = learnerOf(cmd.actor);
 */
export function learnerOf(actor: Actor): Actor & { kind: 'user' } {
  if (actor.kind !== 'user')
    throw new UnauthorizedError('Sign in with an account.', { key: 'sign-in-with-account' });
  return actor;
}

/**
 * Which enrolment row a write reads: by its id within the learner's own or the edition's, or the one of a
 * learner in an edition (there is one row per learner per edition). Every key given must match.
 */
interface EnrolmentMatch {
  id?: string;
  editionId?: string;
  userId?: string;
}

function enrolmentRow(tx: Tx, match: EnrolmentMatch): Promise<EnrolmentRow | undefined> {
  let query = tx.selectFrom('enrolments').selectAll();
  if (match.id !== undefined) query = query.where('id', '=', match.id);
  if (match.editionId !== undefined) query = query.where('edition_id', '=', match.editionId);
  if (match.userId !== undefined) query = query.where('user_id', '=', match.userId);
  return query.executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------------
// The learner

/** What a learner sends to enrol, and in which edition. */
export interface EnrolRequest extends EnrolInput {
  editionId: string;
  /** The clock, for tests of the enrolment window. */
  now?: Date | undefined;
}

/** Why `checkEnrolment` refuses, as the conflict a learner is told of. */
function enrolmentConflict(
  refusal: Exclude<EnrolmentRefusal, { reason: 'prerequisites-not-confirmed' }>,
  code: string,
) {
  switch (refusal.reason) {
    case 'not-published':
      return new ConflictError('invalid-state', `Edition ${code} does not take enrolments.`, {
        key: 'edition-closed-to-enrolment',
        params: { code },
      });
    case 'window-not-open':
      return new ConflictError('invalid-state', `Enrolment for ${code} opens at ${refusal.opensAt}.`, {
        key: 'enrolment-not-open',
        params: { code, opensAt: refusal.opensAt },
      });
    case 'window-closed':
      return new ConflictError('invalid-state', `Enrolment for ${code} closed at ${refusal.closedAt}.`, {
        key: 'enrolment-closed',
        params: { code, closedAt: refusal.closedAt },
      });
    case 'already-enrolled':
      return new ConflictError('already-exists', `You are already enrolled in ${code} (${refusal.status}).`, {
        key: 'already-enrolled',
        params: { code, status: refusal.status },
      });
    case 'refused-before':
      return new ConflictError('invalid-state', `Your enrolment in ${code} was refused.`, {
        key: 'enrolment-refused-before',
        params: { code },
      });
  }
}

/**
 * The learner (`cmd.actor`) enrols in an edition: a free place makes the enrolment pending (staff decide),
 * otherwise it joins the waiting list. Run it in a serializable transaction: the count of places taken and
 * the new row must not interleave with another learner's.
 *
 * @example
 * await runCommand({ database, mail, actor, transaction: { isolation: 'serializable' } }, (cmd) =>
 *   enrol(cmd, { editionId, confirmPrerequisites: true }));
 */
export async function enrol(cmd: Command, input: EnrolRequest): Promise<MyEnrolmentView> {
  const { tx } = cmd;
  const actor = learnerOf(cmd.actor);
  const now = input.now ?? new Date();
  const user = await tx
    .selectFrom('users')
    .select(['email_verified_at'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  if (!user.email_verified_at) {
    throw new ForbiddenError(
      'Confirm your e-mail address first (follow the link in the e-mail we sent), then enrol.',
      { key: 'enrol-email-unverified' },
    );
  }
  const edition = await editionQuery(tx).where('e.id', '=', input.editionId).executeTakeFirst();
  if (!edition) {
    throw new NotFoundError(`There is no edition ${input.editionId}.`, {
      key: 'edition-unknown',
      params: { id: input.editionId },
    });
  }
  const existing = await enrolmentRow(tx, { editionId: edition.id, userId: actor.userId });
  const refusal = checkEnrolment({
    now,
    enrolmentOpensAt: edition.enrolment_opens_at,
    enrolmentClosesAt: edition.enrolment_closes_at,
    versionStatus: edition.version_status,
    hasPrerequisites: parsePrerequisites(edition.prerequisites) !== null,
    prerequisitesConfirmed: input.confirmPrerequisites,
    existing: existing?.status as EnrolmentStatus | undefined,
  });
  if (refusal?.reason === 'prerequisites-not-confirmed') {
    refuse([{ field: 'confirmPrerequisites', rule: 'prerequisites-not-confirmed' }], {
      key: 'prerequisites-not-confirmed',
    });
  } else if (refusal) {
    throw enrolmentConflict(refusal, edition.code);
  }
  let reduction: TuitionReductionRow | undefined;
  if (input.reduction !== undefined) {
    const code = input.reduction;
    reduction = (await reductionRows(tx, edition.institution_id)).find((r) => r.code === code);
    if (!reduction) {
      refuse([{ field: 'reduction', rule: 'reduction-unknown', params: { code } }], {
        key: 'reduction-unknown',
        params: { code },
      });
    }
  }
  const status = statusOnEnrol(edition.capacity, await heldPlaces(tx, edition.id));
  const at = nowIso();
  const columns = {
    status,
    waitlist_since: status === 'waitlisted' ? at : null,
    prerequisites_confirmed_at: input.confirmPrerequisites ? at : null,
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
  await cmd.audit({
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

/**
 * A learner's enrolments, the latest edition first, with waiting-list position and amount due.
 *
 * @example
 * const mine = await listMyEnrolments(db, actor.userId);
 */
export async function listMyEnrolments(db: Db | Tx, userId: string): Promise<MyEnrolmentView[]> {
  const rows = await enrolmentQuery(db)
    .innerJoin('editions as e', 'e.id', 'n.edition_id')
    .where('n.user_id', '=', userId)
    .orderBy('e.starts_on', 'desc')
    .orderBy('e.code')
    .execute();
  return myViews(db, rows);
}

/**
 * The learner (`cmd.actor`) cancels their enrolment; a place that frees goes to the longest-waiting learner.
 *
 * @example
 * await runRequestCommand(request, context, (cmd) => cancelEnrolment(cmd, id), ENROLMENT_TX);
 */
export async function cancelEnrolment(cmd: Command, enrolmentId: string): Promise<MyEnrolmentView> {
  const { tx } = cmd;
  const actor = learnerOf(cmd.actor);
  const row = await enrolmentRow(tx, { id: enrolmentId, userId: actor.userId });
  if (!row) {
    throw new NotFoundError(`You have no enrolment ${enrolmentId}.`, {
      key: 'enrolment-unknown',
      params: { id: enrolmentId },
    });
  }
  const status = row.status as EnrolmentStatus;
  const next = nextStatus(status, 'cancel');
  if (!next) {
    throw new ConflictError('invalid-state', `An enrolment that is ${status} cannot be cancelled.`, {
      key: 'enrolment-not-cancellable',
      params: { status },
    });
  }
  await tx
    .updateTable('enrolments')
    .set({ status: next, waitlist_since: null, updated_at: nowIso() })
    .where('id', '=', enrolmentId)
    .execute();
  const edition = await tx
    .selectFrom('editions')
    .selectAll()
    .where('id', '=', row.edition_id)
    .executeTakeFirstOrThrow();
  await cmd.audit({
    action: 'enrolment.cancel',
    objectType: 'enrolment',
    objectId: enrolmentId,
    institutionId: edition.institution_id,
    before: { status },
    after: { status: next },
  });
  if (holdsPlace(status)) await moveWaitlistUp(cmd, edition);
  return getMyEnrolment(tx, actor.userId, enrolmentId);
}

// ---------------------------------------------------------------------------------------------------
// Staff

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

/** A decision on one enrolment of an edition. */
export interface EnrolmentDecision extends DecisionInput {
  editionCode: string;
  enrolmentId: string;
}

/**
 * Staff accept a pending enrolment or refuse a pending or waitlisted one (with a reason); the learner is
 * told by e-mail, and a refused place goes to the waiting list.
 *
 * @example
 * await decideEnrolment(cmd, institution, { editionCode: 'MC-DATA-2026-27', enrolmentId, decision: 'refuse', reason: 'Prerequisites not met' });
 */
export async function decideEnrolment(
  cmd: Command,
  institution: Institution,
  input: EnrolmentDecision,
): Promise<StaffEnrolmentView> {
  const { tx } = cmd;
  const problems = checkDecision(input.decision, input.reason);
  if (problems.length) refuse(problems, { key: 'decision-reason-required' });
  const edition = await staffEdition(tx, institution, input.editionCode);
  const row = await enrolmentRow(tx, { id: input.enrolmentId, editionId: edition.id });
  if (!row) {
    throw new NotFoundError(`Edition ${input.editionCode} has no enrolment ${input.enrolmentId}.`, {
      key: 'edition-enrolment-unknown',
      params: { code: input.editionCode, id: input.enrolmentId },
    });
  }
  const status = row.status as EnrolmentStatus;
  const next = nextStatus(status, input.decision);
  if (!next) {
    throw new ConflictError(
      'invalid-state',
      `An enrolment that is ${status} cannot be ${input.decision}ed.`,
      {
        key: 'enrolment-not-decidable',
        params: { status, decision: input.decision },
      },
    );
  }
  const reason = input.reason?.trim() || null;
  await tx
    .updateTable('enrolments')
    .set({
      status: next,
      waitlist_since: null,
      decided_by: actorId(cmd.actor) ?? actorLabel(cmd.actor),
      decision_reason: reason,
      updated_at: nowIso(),
    })
    .where('id', '=', row.id)
    .execute();
  await cmd.audit({
    action: `enrolment.${input.decision}`,
    objectType: 'enrolment',
    objectId: row.id,
    institutionId: institution.id,
    before: { status },
    after: { status: next, reason },
  });
  await mailLearner(cmd, { userId: row.user_id, institutionId: institution.id }, (learnerName) =>
    decisionMail({
      decision: input.decision,
      learnerName,
      editionCode: edition.code,
      title: localizedText(edition.title_nl, edition.title_en),
      startsOn: edition.starts_on,
      amountDueCents: row.amount_due_cents,
      reason,
    }),
  );
  if (holdsPlace(status) && !holdsPlace(next)) await moveWaitlistUp(cmd, edition);
  const [view] = await staffEnrolments(tx, edition.id, row.id);
  return view!;
}
