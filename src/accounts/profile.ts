import type { Db, Tx } from '../core/database.ts';
import { NotFoundError, refuse } from '../core/errors.ts';
import type { Command } from '../core/command.ts';
import { assertReadableText } from '../core/text-rules.ts';
import { type SiteLinks, auditAsAccount, sha256 } from './account-links.ts';
import { passwordChangedMail } from './mail.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords.ts';
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

/**
 * Checks the password of the signed-in account before a change that needs it (address, password, erasure).
 * A wrong one is a field problem of `field`, not a 401: the person is signed in, only the password is wrong.
 * Callers count the attempt like a sign-in first (`guardSignIn`).
 *
 * @example
 * await checkOwnPassword(db, user.userId, request.body.password, 'password');
 */
export async function checkOwnPassword(
  db: Db,
  userId: string,
  password: string,
  field: string,
): Promise<void> {
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row?.password_hash) await burnPasswordCheck(password);
  const right = row?.password_hash ? await verifyPassword(row.password_hash, password) : false;
  if (!right) refuse([{ field, rule: 'password-wrong' }], { key: 'password-wrong' });
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
  /** The session cookie of the request: that session goes on, every other one ends. */
  keepSessionToken?: string | undefined;
}

/**
 * Sets a new password for the signed-in account (whose current password the route checked): the password
 * rules apply, every other session ends, and the address gets a notice with the way to reset it.
 *
 * @example
 * await changePassword(cmd, user.userId, { newPassword, keepSessionToken: cookie, publicUrl });
 */
export async function changePassword(cmd: Command, userId: string, input: PasswordChange): Promise<User> {
  const { tx } = cmd;
  const row = await accountRow(tx, userId);
  const problem = newPasswordProblem(input.newPassword, row.email);
  if (problem) refuse([{ ...problem, field: 'newPassword' }], { key: 'password-change-invalid' });
  await tx
    .updateTable('users')
    .set({ password_hash: await hashPassword(input.newPassword) })
    .where('id', '=', userId)
    .execute();
  // Whoever holds another session (a forgotten browser, a stolen cookie) is out from now on.
  let others = tx.deleteFrom('sessions').where('user_id', '=', userId);
  if (input.keepSessionToken) others = others.where('token_hash', '!=', sha256(input.keepSessionToken));
  await others.execute();
  await auditAsAccount(cmd, await userActor(tx, userId), {
    action: 'account.change-password',
    objectType: 'user',
    objectId: userId,
  });
  await cmd.mail.send({
    to: row.email,
    ...passwordChangedMail({ reset: `${input.publicUrl}/account/forgot-password` }),
  });
  return toUser(row);
}
