import type { Db, Tx } from '../core/database.ts';
import { NotFoundError, refuse } from '../core/errors.ts';
import type { Command } from '../core/command.ts';
import { assertReadableText } from '../core/text-rules.ts';
import { type SiteLinks, auditAsAccount, retireUserTokens, sha256 } from './account-links.ts';
import { passwordChangedMail } from './mail.ts';
import type { Profile } from './schemas.ts';
import { membershipsOf, userActor } from './sessions.ts';
import { type User, newPasswordProblem, toUser } from './users.ts';

export type { Profile };

async function accountRow(db: Db | Tx, userId: string) {
  const row = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row || row.erased_at) throw new NotFoundError('There is no such account.', { key: 'not-signed-in' });
  return row;
}

/**
 * The signed-in account's own profile: name, address, the address waiting for its link, since when, roles.
 *
 * @example
 * const profile = await readProfile(db, userOf(request).userId);
 */
export async function readProfile(db: Db | Tx, userId: string): Promise<Profile> {
  const row = await accountRow(db, userId);
  return {
    ...toUser(row),
    pendingEmail: row.pending_email,
    since: row.created_at,
    memberships: await membershipsOf(db, userId),
  };
}

/** The name rules of sign-up: present, readable, at most 200 characters (the schema holds the length). */
export function checkName(name: string): string {
  if (!name.trim()) refuse([{ field: 'name', rule: 'name-required' }], { key: 'profile-invalid' });
  assertReadableText({ name });
  return name.trim();
}

/**
 * Renames the signed-in account; audited with the old and the new name.
 *
 * @example
 * const profile = await renameAccount(cmd, user.userId, { name: 'Lien Lerende' });
 */
export async function renameAccount(cmd: Command, userId: string, input: { name: string }): Promise<Profile> {
  const name = checkName(input.name);
  const row = await accountRow(cmd.tx, userId);
  if (row.name !== name) {
    await cmd.tx.updateTable('users').set({ name }).where('id', '=', userId).execute();
    await cmd.audit({
      action: 'account.rename',
      objectType: 'user',
      objectId: userId,
      before: { name: row.name },
      after: { name },
    });
  }
  return readProfile(cmd.tx, userId);
}

export interface PasswordChange extends SiteLinks {
  newPassword: string;
  /**
   * The hash of `newPassword` (`hashPassword`), made before the command: Argon2 takes a good part of a
   * second, which a transaction should not hold its locks for.
   */
  newPasswordHash: string;
  /** The session cookie of the request: that session goes on, every other one ends. */
  keepSessionToken?: string | undefined;
}

/**
 * Sets a new password for the signed-in account (whose current password the route checked): the password
 * rules apply, every other session ends, every mailed link (a password reset, an address confirmation or
 * change) stops working, and the address gets a notice with the way to reset it.
 *
 * @example
 * const newPasswordHash = await hashPassword(newPassword);
 * await changePassword(cmd, user.userId, { newPassword, newPasswordHash, keepSessionToken: cookie, publicUrl });
 */
export async function changePassword(cmd: Command, userId: string, input: PasswordChange): Promise<User> {
  const { tx } = cmd;
  const row = await accountRow(tx, userId);
  const problem = newPasswordProblem(input.newPassword, row.email);
  if (problem) refuse([{ ...problem, field: 'newPassword' }], { key: 'password-change-invalid' });
  // An address change waiting for its link ends with the links: a new password is a fresh start, and
  // whoever asked for the change (perhaps not the owner) must ask again, with the new password.
  await tx
    .updateTable('users')
    .set({ password_hash: input.newPasswordHash, pending_email: null })
    .where('id', '=', userId)
    .execute();
  // A reset link left in a mailbox would undo the new password; the others were asked for with the old one.
  await retireUserTokens(tx, userId, 'reset-password', 'verify-email', 'change-email');
  // Whoever holds another session (a forgotten browser, a stolen cookie) is out from now on.
  let others = tx.deleteFrom('sessions').where('user_id', '=', userId);
  if (input.keepSessionToken) others = others.where('token_hash', '!=', sha256(input.keepSessionToken));
  await others.execute();
  await auditAsAccount(cmd, await userActor(tx, userId), {
    action: 'account.change-password',
    objectType: 'user',
    objectId: userId,
    ...(row.pending_email
      ? { before: { pendingEmail: row.pending_email }, after: { pendingEmail: null } }
      : {}),
  });
  await cmd.mail.send({
    to: row.email,
    ...passwordChangedMail({ reset: `${input.publicUrl}/account/forgot-password` }),
  });
  return toUser(row);
}
