import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import {
  ConflictError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
  type FieldProblem,
} from '../core/errors.ts';
import type { Lang } from '../core/i18n.ts';
import { ROLES, type Actor, type MembershipFact, type Role } from '../core/actor.ts';
import { audit } from '../core/audit.ts';
import type { UserRow } from '../core/schema.ts';
import { burnPasswordCheck, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { accountMessage, describePasswordProblem } from './messages.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
}

export type TokenPurpose = 'verify-email' | 'reset-password';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HOUR = 3600_000;
export const SESSION_TTL_MS = 14 * 24 * HOUR;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newToken = () => randomBytes(32).toString('base64url');
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

export function toUser(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, emailVerified: row.email_verified_at !== null };
}

/** The field problem for a new password that breaks the policy, in the asked language. */
function newPasswordProblem(password: string, email: string, lang: Lang): FieldProblem | undefined {
  const problem = passwordProblem(password, email);
  return (
    problem && { field: 'password', rule: problem.rule, message: describePasswordProblem(problem, lang) }
  );
}

function checkNewAccount(input: { email: string; name: string; password: string }, lang: Lang): void {
  const problems: FieldProblem[] = [];
  if (!EMAIL.test(input.email.trim()))
    problems.push({ field: 'email', rule: 'email-format', message: accountMessage('email-format', lang) });
  if (!input.name.trim())
    problems.push({ field: 'name', rule: 'required', message: accountMessage('name-required', lang) });
  const password = newPasswordProblem(input.password, input.email, lang);
  if (password) problems.push(password);
  if (problems.length) throw new ValidationError(problems, accountMessage('account-invalid', lang));
}

/**
 * Signs anyone up with an e-mail address and a password: no student number, no degree enrolment.
 * Returns the e-mail verification token to send.
 */
export async function createUser(
  tx: Tx,
  input: { email: string; name: string; password: string },
  lang: Lang = 'en',
): Promise<{ user: User; verifyToken: string }> {
  checkNewAccount(input, lang);
  const email = input.email.trim().toLowerCase();
  const existing = await tx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing)
    throw new ConflictError(
      'already-exists',
      'There is already an account with this e-mail address. Sign in, or reset the password.',
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
    created_at: nowIso(),
  };
  await tx.insertInto('users').values(row).execute();
  const user = toUser(row);
  await audit(
    tx,
    { kind: 'user', userId: user.id, email, name: user.name, memberships: [] },
    { action: 'account.create', objectType: 'user', objectId: user.id, after: { email, name: user.name } },
  );
  return { user, verifyToken: await issueUserToken(tx, user.id, 'verify-email', 48 * HOUR) };
}

/** What a sign-up led to; the caller answers both the same way and only the e-mail differs. */
export type SignUpOutcome =
  { kind: 'created'; user: User; verifyToken: string } | { kind: 'known-address'; user: User };

/**
 * Signs anyone up, answering a known address the same as a new one: the rules are checked and the password
 * is hashed either way (so the answer takes as long), but for a known address nothing is written and the
 * caller e-mails its owner instead. The existing account is left exactly as it was.
 *
 * @example
 * const outcome = await signUp(tx, { email, name, password }, 'nl');
 * if (outcome.kind === 'created') sendVerification(outcome.verifyToken); else tellOwner(outcome.user.email);
 */
export async function signUp(
  tx: Tx,
  input: { email: string; name: string; password: string },
  lang: Lang,
): Promise<SignUpOutcome> {
  checkNewAccount(input, lang);
  const passwordHash = await hashPassword(input.password);
  const existing = await tx
    .selectFrom('users')
    .selectAll()
    .where('email', '=', input.email.trim().toLowerCase())
    .executeTakeFirst();
  if (existing) return { kind: 'known-address', user: toUser(existing) };
  return { kind: 'created', ...(await insertUser(tx, input, passwordHash)) };
}

export async function issueUserToken(
  tx: Tx,
  userId: string,
  purpose: TokenPurpose,
  ttlMs: number,
): Promise<string> {
  const token = newToken();
  await tx
    .insertInto('user_tokens')
    .values({
      id: randomUUID(),
      user_id: userId,
      purpose,
      token_hash: sha256(token),
      expires_at: inMs(ttlMs),
      used_at: null,
      created_at: nowIso(),
    })
    .execute();
  return token;
}

async function consumeUserToken(tx: Tx, token: string, purpose: TokenPurpose, lang: Lang): Promise<string> {
  const row = await tx
    .selectFrom('user_tokens')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || row.used_at || row.expires_at < nowIso()) {
    throw new ValidationError(
      [
        {
          field: 'token',
          rule: 'token-invalid',
          message: accountMessage('link-invalid', lang),
        },
      ],
      accountMessage('link-invalid', lang),
    );
  }
  const usedAt = nowIso();
  await tx.updateTable('user_tokens').set({ used_at: usedAt }).where('id', '=', row.id).execute();
  if (purpose === 'reset-password') {
    // One reset ends every other reset link of the account: an older mail left in a mailbox, or a link
    // someone else asked for, is worthless from now on.
    await tx
      .updateTable('user_tokens')
      .set({ used_at: usedAt })
      .where('user_id', '=', row.user_id)
      .where('purpose', '=', 'reset-password')
      .where('used_at', 'is', null)
      .execute();
  }
  return row.user_id;
}

export async function verifyEmail(tx: Tx, token: string, lang: Lang = 'en'): Promise<User> {
  const userId = await consumeUserToken(tx, token, 'verify-email', lang);
  await tx
    .updateTable('users')
    .set({ email_verified_at: nowIso() })
    .where('id', '=', userId)
    .where('email_verified_at', 'is', null)
    .execute();
  const user = toUser(
    await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow(),
  );
  await audit(tx, await userActor(tx, userId), {
    action: 'account.verify-email',
    objectType: 'user',
    objectId: userId,
    after: { emailVerified: true },
  });
  return user;
}

/** Checks e-mail and password; the same answer, in about the same time, whichever of the two is wrong. */
export async function authenticatePassword(
  db: Db,
  email: string,
  password: string,
  lang: Lang = 'en',
): Promise<User> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!row?.password_hash) {
    await burnPasswordCheck(password);
    throw new UnauthorizedError(accountMessage('credentials-wrong', lang));
  }
  if (!(await verifyPassword(row.password_hash, password)))
    throw new UnauthorizedError(accountMessage('credentials-wrong', lang));
  return toUser(row);
}

export async function createSession(
  tx: Tx,
  userId: string,
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = inMs(SESSION_TTL_MS);
  await tx
    .insertInto('sessions')
    .values({
      id: randomUUID(),
      token_hash: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: nowIso(),
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Db | Tx, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

export async function membershipsOf(db: Db | Tx, userId: string): Promise<MembershipFact[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('institutions as i', 'i.id', 'm.institution_id')
    .select(['m.institution_id', 'i.slug', 'm.role'])
    .where('m.user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ institutionId: r.institution_id, slug: r.slug, role: r.role as Role }));
}

export async function userActor(db: Db | Tx, userId: string): Promise<Actor & { kind: 'user' }> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    name: user.name,
    memberships: await membershipsOf(db, userId),
  };
}

/** The signed-in user behind a session cookie, with the CSRF token their writes must carry. */
export async function sessionFromToken(
  db: Db,
  token: string,
): Promise<{ actor: Actor & { kind: 'user' }; csrfToken: string; user: User } | undefined> {
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!session || session.expires_at < nowIso()) return undefined;
  const row = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  if (!row) return undefined;
  return { actor: await userActor(db, row.id), csrfToken: session.csrf_token, user: toUser(row) };
}

/** Starts a password reset; undefined when there is no such account (the caller answers the same way). */
export async function startPasswordReset(
  tx: Tx,
  email: string,
): Promise<{ user: User; token: string } | undefined> {
  const row = await tx
    .selectFrom('users')
    .selectAll()
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (!row) return undefined;
  return { user: toUser(row), token: await issueUserToken(tx, row.id, 'reset-password', 2 * HOUR) };
}

/**
 * Sets a new password from a reset link; every existing session of the account ends, and so does every
 * other reset link. A refused password changes nothing (the transaction rolls back, the link still works).
 */
export async function finishPasswordReset(
  tx: Tx,
  token: string,
  password: string,
  lang: Lang = 'en',
): Promise<User> {
  const userId = await consumeUserToken(tx, token, 'reset-password', lang);
  const row = await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const problem = newPasswordProblem(password, row.email, lang);
  if (problem) throw new ValidationError([problem], accountMessage('password-invalid', lang));
  // The link came by e-mail, so following it also proves the address.
  await tx
    .updateTable('users')
    .set({
      password_hash: await hashPassword(password),
      email_verified_at: row.email_verified_at ?? nowIso(),
    })
    .where('id', '=', userId)
    .execute();
  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await audit(tx, await userActor(tx, userId), {
    action: 'account.reset-password',
    objectType: 'user',
    objectId: userId,
  });
  return toUser({ ...row, email_verified_at: row.email_verified_at ?? nowIso() });
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** An administrator invites someone by e-mail to a role; returns the token for the invitation link. */
export async function createInvitation(
  tx: Tx,
  actor: Actor,
  institution: { id: string; slug: string },
  input: { email: string; role: string },
): Promise<{ id: string; token: string }> {
  const problems = [];
  if (!EMAIL.test(input.email.trim()))
    problems.push({ field: 'email', rule: 'email-format', message: 'is not an e-mail address' });
  if (!isRole(input.role))
    problems.push({ field: 'role', rule: 'role', message: `must be one of: ${ROLES.join(', ')}` });
  if (problems.length) throw new ValidationError(problems, 'The invitation is not valid.');
  const token = newToken();
  const id = randomUUID();
  const email = input.email.trim().toLowerCase();
  await tx
    .insertInto('invitations')
    .values({
      id,
      institution_id: institution.id,
      email,
      role: input.role,
      token_hash: sha256(token),
      invited_by: actor.kind === 'user' ? actor.userId : actor.kind,
      created_at: nowIso(),
      expires_at: inMs(7 * 24 * HOUR),
      accepted_at: null,
    })
    .execute();
  await audit(tx, actor, {
    action: 'invitation.create',
    objectType: 'invitation',
    objectId: id,
    institutionId: institution.id,
    role: 'administrator',
    after: { email, role: input.role },
  });
  return { id, token };
}

/**
 * Accepts an invitation: the invited address gets the role. A new address becomes an account with the
 * given name and password (verified, since the link came by e-mail); an existing account must be the one
 * signed in, or give its password.
 */
export async function acceptInvitation(
  tx: Tx,
  token: string,
  input: { name?: string | undefined; password?: string | undefined },
  signedIn?: Actor,
  lang: Lang = 'en',
): Promise<{ user: User; institutionId: string; role: Role }> {
  const invitation = await tx
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!invitation || invitation.accepted_at || invitation.expires_at < nowIso()) {
    throw new ValidationError(
      [
        {
          field: 'token',
          rule: 'token-invalid',
          message: accountMessage('invitation-invalid', lang),
        },
      ],
      accountMessage('invitation-invalid', lang),
    );
  }
  let row = await tx.selectFrom('users').selectAll().where('email', '=', invitation.email).executeTakeFirst();
  if (row) {
    const isSignedIn = signedIn?.kind === 'user' && signedIn.userId === row.id;
    if (
      !isSignedIn &&
      !(row.password_hash && input.password && (await verifyPassword(row.password_hash, input.password)))
    ) {
      throw new UnauthorizedError(accountMessage('invitation-sign-in', lang, { email: invitation.email }));
    }
  } else {
    const { user } = await createUser(
      tx,
      { email: invitation.email, name: input.name ?? '', password: input.password ?? '' },
      lang,
    );
    row = await tx.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
  }
  if (!row.email_verified_at)
    await tx.updateTable('users').set({ email_verified_at: nowIso() }).where('id', '=', row.id).execute();
  await tx
    .insertInto('memberships')
    .values({
      id: randomUUID(),
      user_id: row.id,
      institution_id: invitation.institution_id,
      role: invitation.role,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['user_id', 'institution_id', 'role']).doNothing())
    .execute();
  await tx
    .updateTable('invitations')
    .set({ accepted_at: nowIso() })
    .where('id', '=', invitation.id)
    .execute();
  await audit(tx, await userActor(tx, row.id), {
    action: 'membership.create',
    objectType: 'membership',
    objectId: `${row.id}:${invitation.role}`,
    institutionId: invitation.institution_id,
    role: invitation.role,
    after: { email: row.email, role: invitation.role, invitation: invitation.id },
  });
  return {
    user: toUser({ ...row, email_verified_at: row.email_verified_at ?? nowIso() }),
    institutionId: invitation.institution_id,
    role: invitation.role as Role,
  };
}

export async function listMembers(db: Db | Tx, institutionId: string) {
  return db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'u.email', 'u.name', 'm.role', 'm.created_at as since'])
    .where('m.institution_id', '=', institutionId)
    .orderBy('u.email')
    .execute();
}

export async function removeMembership(
  tx: Tx,
  actor: Actor,
  institutionId: string,
  membershipId: string,
): Promise<void> {
  const row = await tx
    .selectFrom('memberships')
    .selectAll()
    .where('id', '=', membershipId)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('There is no such member.');
  if (row.role === 'administrator') {
    const admins = await tx
      .selectFrom('memberships')
      .select('id')
      .where('institution_id', '=', institutionId)
      .where('role', '=', 'administrator')
      .execute();
    if (admins.length === 1)
      throw new ConflictError('invalid-state', 'This is the last administrator of the institution.');
  }
  await tx.deleteFrom('memberships').where('id', '=', membershipId).execute();
  await audit(tx, actor, {
    action: 'membership.remove',
    objectType: 'membership',
    objectId: membershipId,
    institutionId,
    role: 'administrator',
    before: { userId: row.user_id, role: row.role },
  });
}

/** Gives an existing account a role directly (bootstrap and demo; people are otherwise invited). */
export async function grantRole(
  tx: Tx,
  actor: Actor,
  userId: string,
  institutionId: string,
  role: Role,
): Promise<void> {
  await tx
    .insertInto('memberships')
    .values({ id: randomUUID(), user_id: userId, institution_id: institutionId, role, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['user_id', 'institution_id', 'role']).doNothing())
    .execute();
  await audit(tx, actor, {
    action: 'membership.create',
    objectType: 'membership',
    objectId: `${userId}:${role}`,
    institutionId,
    role,
    after: { userId, role },
  });
}
