import type { Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, refuse } from '../core/errors.ts';
import type { Command } from '../core/command.ts';
import {
  type SiteLinks,
  auditAsAccount,
  consumeUserToken,
  issueUserToken,
  refuseToken,
  retireUserTokens,
} from './account-links.ts';
import { emailChangeMail, emailChangeNoticeMail, tokenLink } from './mail.ts';
import { readProfile, type Profile } from './profile.ts';
import { userActor } from './sessions.ts';
import { EMAIL } from './users.ts';

/** The path of the page a confirmation link opens: the address page, told which link it holds. */
export const EMAIL_CHANGE_PATH = '/account/verify';

const taken = () =>
  new ConflictError('already-exists', 'Another account already has this e-mail address.', {
    key: 'email-taken',
  });

/**
 * Credentials awarded to the new address belong to a learner record of their own. When the current
 * (proven) address has one as well, the two cannot simply be joined: moving one would leave the other's
 * credentials on an address the account gives up, for whoever confirms it later. So the change is refused
 * until the institution merges them.
 */
const hasOwnProofs = () =>
  new ConflictError(
    'invalid-state',
    'Credentials were already issued to this e-mail address, as they were to your current address.',
    { key: 'email-has-own-proofs' },
  );

/** A unique violation on `users.email`: another account took the address between the check and the write. */
function isEmailTaken(error: unknown): boolean {
  const { code, constraint, message } = (error ?? {}) as {
    code?: unknown;
    constraint?: unknown;
    message?: unknown;
  };
  if (code === '23505') return constraint === 'users_email_key';
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('users.email')
  );
}

async function hasLearnerRecord(tx: Tx, email: string): Promise<boolean> {
  const row = await tx.selectFrom('learners').select('id').where('email', '=', email).executeTakeFirst();
  return row !== undefined;
}

/**
 * Refuses a change that would split the account's credentials: both its proven address and the new one
 * have a learner record. An unproven current address brings no record along (see `confirmEmailChange`),
 * so it cannot conflict.
 */
async function refuseSplitProofs(
  tx: Tx,
  row: { email: string; email_verified_at: string | null },
  email: string,
): Promise<void> {
  if (row.email_verified_at === null) return;
  if ((await hasLearnerRecord(tx, row.email)) && (await hasLearnerRecord(tx, email))) throw hasOwnProofs();
}

async function hasOtherAccount(tx: Tx, email: string, userId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .where('id', '!=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Starts moving the signed-in account (whose password the route checked) to a new address: the address
 * waits in `pending_email`, the new address gets the link that confirms it, and the old address a notice.
 * The account keeps its old address — for signing in, for its credentials — until the link is opened.
 * Asking again replaces the earlier request and its link.
 *
 * @example
 * const profile = await requestEmailChange(cmd, user.userId, { email: 'nieuw@example.be', publicUrl });
 */
export async function requestEmailChange(
  cmd: Command,
  userId: string,
  input: { email: string } & SiteLinks,
): Promise<Profile> {
  const { tx } = cmd;
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) refuse([{ field: 'email', rule: 'email-format' }], { key: 'email-change-invalid' });
  const row = await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  if (email === row.email)
    refuse([{ field: 'email', rule: 'email-unchanged' }], { key: 'email-change-invalid' });
  if (await hasOtherAccount(tx, email, userId)) throw taken();
  await refuseSplitProofs(tx, row, email);
  await retireUserTokens(tx, userId, 'change-email');
  await tx.updateTable('users').set({ pending_email: email }).where('id', '=', userId).execute();
  const token = await issueUserToken(tx, userId, 'change-email');
  await cmd.audit({
    action: 'account.request-email-change',
    objectType: 'user',
    objectId: userId,
    before: { pendingEmail: row.pending_email },
    after: { pendingEmail: email },
  });
  const link = `${tokenLink(input.publicUrl, EMAIL_CHANGE_PATH, token)}&change=email`;
  await cmd.mail.send({ to: email, ...emailChangeMail({ name: row.name, link }) });
  await cmd.mail.send({
    to: row.email,
    ...emailChangeNoticeMail({ newEmail: email, reset: `${input.publicUrl}/account/forgot-password` }),
  });
  return readProfile(tx, userId);
}

/**
 * Opens the link of an address change: the account takes the new address (confirmed, since the link came
 * to it), and the learner record of the old address follows, so that credentials awarded to the old
 * address without an enrolment stay the account's. Every other mailed link of the account (a password
 * reset, an address confirmation, an earlier change) ends: it went to an address the account no longer
 * has. The account is the actor, whoever follows the link.
 *
 * @example
 * const profile = await confirmEmailChange(cmd, { token });
 */
export async function confirmEmailChange(cmd: Command, input: { token: string }): Promise<Profile> {
  const { tx } = cmd;
  const userId = await consumeUserToken(tx, input.token, 'change-email');
  const row = await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const email = row.pending_email;
  if (!email || row.erased_at) refuseToken('link');
  // A credential may have been awarded to either address since the request.
  await refuseSplitProofs(tx, row, email);
  // Another account may have taken the address since the link was sent: the unique address decides, so
  // that no check-then-write gap lets two accounts through.
  try {
    await tx
      .updateTable('users')
      .set({ email, pending_email: null, email_verified_at: nowIso() })
      .where('id', '=', userId)
      .execute();
  } catch (error) {
    if (isEmailTaken(error)) throw taken();
    throw error;
  }
  await retireUserTokens(tx, userId, 'reset-password', 'verify-email', 'change-email');
  // Only a proven old address brings its learner record along: credentials awarded to an address the
  // account never confirmed were never shown as its own, and a new address must not make them so.
  const learnerMoved = row.email_verified_at !== null && (await moveLearner(tx, row.email, email));
  await auditAsAccount(cmd, await userActor(tx, userId), {
    action: 'account.change-email',
    objectType: 'user',
    objectId: userId,
    before: { email: row.email },
    after: { email, learnerMoved },
  });
  return readProfile(tx, userId);
}

/**
 * The learner record of the old address takes the new one. `refuseSplitProofs` has made sure the new
 * address has none of its own.
 */
async function moveLearner(tx: Tx, from: string, to: string): Promise<boolean> {
  const moved = await tx
    .updateTable('learners')
    .set({ email: to })
    .where('email', '=', from)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows) > 0;
}
