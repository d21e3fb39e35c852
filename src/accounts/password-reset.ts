import { nowIso } from '../core/database.ts';
import { refuse } from '../core/errors.ts';
import type { Command } from '../core/command.ts';
import { hashPassword } from './passwords.ts';
import { passwordResetMail, tokenLink } from './mail.ts';
import {
  type SiteLinks,
  auditAsAccount,
  consumeUserToken,
  issueUserToken,
  retireUserTokens,
} from './account-links.ts';
import { userActor } from './sessions.ts';
import { type User, newPasswordProblem, toUser } from './users.ts';

/**
 * Mails a link to choose a new password (valid for two hours) when the address has an account; an unknown
 * address changes nothing and sends nothing (the caller answers the same way).
 *
 * @example
 * await startPasswordReset(cmd, { email, publicUrl });
 */
export async function startPasswordReset(cmd: Command, input: { email: string } & SiteLinks): Promise<void> {
  const row = await cmd.tx
    .selectFrom('users')
    .selectAll()
    .where('email', '=', input.email.trim().toLowerCase())
    .executeTakeFirst();
  if (!row) return;
  const token = await issueUserToken(cmd.tx, row.id, 'reset-password');
  await cmd.mail.send({
    to: row.email,
    ...passwordResetMail({ link: tokenLink(input.publicUrl, '/account/reset', token) }),
  });
}

/**
 * Sets a new password from a reset link; every existing session of the account ends, and so does every
 * other mailed link (other resets, an address confirmation, an address change waiting for its link). A
 * refused password changes nothing (the transaction rolls back, the link still works).
 */
export async function finishPasswordReset(
  cmd: Command,
  input: { token: string; password: string },
): Promise<User> {
  const { tx } = cmd;
  const { password } = input;
  const userId = await consumeUserToken(tx, input.token, 'reset-password');
  const row = await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const problem = newPasswordProblem(password, row.email);
  if (problem) refuse([problem], { key: 'password-invalid' });
  // The link came by e-mail, so following it also proves the address.
  await tx
    .updateTable('users')
    .set({
      password_hash: await hashPassword(password),
      email_verified_at: row.email_verified_at ?? nowIso(),
      // A reset is how an owner takes the account back: an address change someone asked for with the old
      // password must not survive it.
      pending_email: null,
    })
    .where('id', '=', userId)
    .execute();
  await retireUserTokens(tx, userId, 'verify-email', 'change-email');
  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await auditAsAccount(cmd, await userActor(tx, userId), {
    action: 'account.reset-password',
    objectType: 'user',
    objectId: userId,
  });
  return toUser({ ...row, email_verified_at: row.email_verified_at ?? nowIso() });
}
