import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, refuse, UnauthorizedError, type RuleProblem } from '../core/errors.ts';
import { audit } from '../core/audit.ts';
import type { Command } from '../core/command.ts';
import type { UserRow } from '../core/schema.ts';
import { burnPasswordCheck, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { knownAddressMail, tokenLink, verificationMail } from './mail.ts';
import type { User } from './schemas.ts';
import { type SiteLinks, auditAsAccount, consumeUserToken, issueUserToken } from './account-links.ts';
import { userActor } from './sessions.ts';

/** An account as the API shows it (see `UserSchema`). */
export type { User };

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, emailVerified: row.email_verified_at !== null };
}

/** The field problem for a new password that breaks the policy, named by its rule. */
export function newPasswordProblem(password: string, email: string): RuleProblem | undefined {
  const problem = passwordProblem(password, email);
  return problem && { field: 'password', rule: problem.rule, params: problem.params };
}

export interface NewAccount {
  email: string;
  name: string;
  password: string;
}

function checkNewAccount(input: NewAccount): void {
  const problems: RuleProblem[] = [];
  if (!EMAIL.test(input.email.trim())) problems.push({ field: 'email', rule: 'email-format' });
  if (!input.name.trim()) problems.push({ field: 'name', rule: 'name-required' });
  const password = newPasswordProblem(input.password, input.email);
  if (password) problems.push(password);
  if (problems.length) refuse(problems, { key: 'account-invalid' });
}

/**
 * Makes an account with an e-mail address and a password, for set-up (the demo, tests): people sign up with
 * `signUp`. Refuses an address that has an account. Returns the e-mail verification token.
 *
 * @example
 * const { user } = await createUser(tx, { email, name, password });
 */
export async function createUser(tx: Tx, input: NewAccount): Promise<{ user: User; verifyToken: string }> {
  checkNewAccount(input);
  const email = input.email.trim().toLowerCase();
  const existing = await tx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing)
    throw new ConflictError(
      'already-exists',
      'There is already an account with this e-mail address. Sign in, or reset the password.',
      { key: 'account-exists' },
    );
  return insertUser(tx, input, await hashPassword(input.password));
}

async function insertUser(
  tx: Tx,
  input: { email: string; name: string },
  passwordHash: string,
): Promise<{ user: User; verifyToken: string }> {
  const email = input.email.trim().toLowerCase();
  const row: UserRow = {
    id: randomUUID(),
    email,
    name: input.name.trim(),
    password_hash: passwordHash,
    email_verified_at: null,
    pending_email: null,
    erased_at: null,
    created_at: nowIso(),
  };
  // The columns a new account leaves empty are not named, so that older schemas (a migration's test) take it.
  const { pending_email: _pending, erased_at: _erased, ...columns } = row;
  await tx.insertInto('users').values(columns).execute();
  const user = toUser(row);
  await audit(
    tx,
    { kind: 'user', userId: user.id, email, name: user.name, memberships: [] },
    { action: 'account.create', objectType: 'user', objectId: user.id, after: { email, name: user.name } },
  );
  return { user, verifyToken: await issueUserToken(tx, user.id, 'verify-email') };
}

/** What a sign-up led to; the caller answers both the same way and only the e-mail differs. */
export type SignUpOutcome = { kind: 'created'; user: User } | { kind: 'known-address'; user: User };

/**
 * Signs anyone up with an e-mail address and a password (no student number, no degree enrolment), answering
 * a known address the same as a new one: the rules are checked and the password is hashed either way (so the
 * answer takes as long). A new address gets its account and the link to confirm it; for a known address
 * nothing is written and its owner is told by e-mail instead. The existing account is left exactly as it was.
 *
 * @example
 * await runRequestCommand(request, context, (cmd) => signUp(cmd, { email, name, password, publicUrl }));
 */
export async function signUp(cmd: Command, input: NewAccount & SiteLinks): Promise<SignUpOutcome> {
  checkNewAccount(input);
  const passwordHash = await hashPassword(input.password);
  const existing = await cmd.tx
    .selectFrom('users')
    .selectAll()
    .where('email', '=', input.email.trim().toLowerCase())
    .executeTakeFirst();
  if (existing) {
    const user = toUser(existing);
    await cmd.mail.send({
      to: user.email,
      ...knownAddressMail({
        signIn: `${input.publicUrl}/account/sign-in`,
        reset: `${input.publicUrl}/account/forgot-password`,
      }),
    });
    return { kind: 'known-address', user };
  }
  const { user, verifyToken } = await insertUser(cmd.tx, input, passwordHash);
  await cmd.mail.send({
    to: user.email,
    ...verificationMail({
      name: user.name,
      link: tokenLink(input.publicUrl, '/account/verify', verifyToken),
    }),
  });
  return { kind: 'created', user };
}

/**
 * Confirms an e-mail address with the token from the verification mail; the account is the actor of the
 * record, whoever follows the link.
 *
 * @example
 * const user = await verifyEmail(cmd, { token });
 */
export async function verifyEmail(cmd: Command, input: { token: string }): Promise<User> {
  const { tx } = cmd;
  const userId = await consumeUserToken(tx, input.token, 'verify-email');
  await tx
    .updateTable('users')
    .set({ email_verified_at: nowIso() })
    .where('id', '=', userId)
    .where('email_verified_at', 'is', null)
    .execute();
  const user = toUser(
    await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow(),
  );
  await auditAsAccount(cmd, await userActor(tx, userId), {
    action: 'account.verify-email',
    objectType: 'user',
    objectId: userId,
    after: { emailVerified: true },
  });
  return user;
}

/** Checks e-mail and password; the same answer, in about the same time, whichever of the two is wrong. */
export async function authenticatePassword(db: Db, email: string, password: string): Promise<User> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!row?.password_hash) {
    await burnPasswordCheck(password);
    throw credentialsWrong();
  }
  if (!(await verifyPassword(row.password_hash, password))) throw credentialsWrong();
  return toUser(row);
}

const credentialsWrong = () =>
  new UnauthorizedError('The e-mail address or the password is not right.', { key: 'credentials-wrong' });
