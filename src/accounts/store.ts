import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, NotFoundError, refuse, UnauthorizedError, type RuleProblem } from '../core/errors.ts';
import { ROLES, type Actor, type MembershipFact, type Role } from '../core/actor.ts';
import { audit, type AuditEntry } from '../core/audit.ts';
import type { Command } from '../core/command.ts';
import type { Institution } from '../core/institution.ts';
import type { UserRow } from '../core/schema.ts';
import { burnPasswordCheck, hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { invitationMail, knownAddressMail, passwordResetMail, tokenLink, verificationMail } from './mail.ts';
import { accountMessage } from './messages.ts';
import type { AcceptedInvitationView, CreatedInvitationView, MemberView, UserView } from './schemas.ts';

/** An account as the API shows it (see `UserSchema`). */
export type User = UserView;

/** Where the links in account mail point: the installation's public URL. */
export interface SiteLinks {
  publicUrl: string;
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

/** The field problem for a new password that breaks the policy, named by its rule. */
function newPasswordProblem(password: string, email: string): RuleProblem | undefined {
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

/** Refuses a link that does not work (used, replaced, expired or unknown): a mailed link, or an invitation. */
function refuseToken(of: 'link' | 'invitation'): never {
  return refuse([{ field: 'token', rule: 'token-invalid', params: { of } }], {
    key: of === 'invitation' ? 'invitation-invalid' : 'link-invalid',
  });
}

/** The audit record of a change someone makes to their own account by proving it (a link, a password). */
function auditAsAccount(cmd: Command, account: Actor, entry: Omit<AuditEntry, 'role'>): Promise<void> {
  return audit(cmd.tx, account, { ...entry, role: cmd.role });
}

async function consumeUserToken(tx: Tx, token: string, purpose: TokenPurpose): Promise<string> {
  const row = await tx
    .selectFrom('user_tokens')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || row.used_at || row.expires_at < nowIso()) refuseToken('link');
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

/** A new session: the cookie's secret, the CSRF token its writes carry, and when it ends. */
export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

/**
 * Opens a session for an account that proved itself (a password, a link from its mailbox).
 *
 * @example
 * const session = await createSession(cmd, user.id);
 */
export async function createSession(cmd: Command, userId: string): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = inMs(SESSION_TTL_MS);
  await cmd.tx
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

/** Ends the session of a cookie (signing out). */
export async function deleteSession(cmd: Command, token: string): Promise<void> {
  await cmd.tx.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
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
  const token = await issueUserToken(cmd.tx, row.id, 'reset-password', 2 * HOUR);
  await cmd.mail.send({
    to: row.email,
    ...passwordResetMail({ link: tokenLink(input.publicUrl, '/account/reset', token) }),
  });
}

/**
 * Sets a new password from a reset link; every existing session of the account ends, and so does every
 * other reset link. A refused password changes nothing (the transaction rolls back, the link still works).
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
    })
    .where('id', '=', userId)
    .execute();
  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await auditAsAccount(cmd, await userActor(tx, userId), {
    action: 'account.reset-password',
    objectType: 'user',
    objectId: userId,
  });
  return toUser({ ...row, email_verified_at: row.email_verified_at ?? nowIso() });
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface InvitationInput {
  email: string;
  role: string;
}

/** Writes an invitation to a role; returns its record for the audit log and the token for its link. */
async function insertInvitation(
  tx: Tx,
  actor: Actor,
  institution: Pick<Institution, 'id'>,
  input: InvitationInput,
): Promise<{ id: string; token: string; email: string; role: Role; entry: Omit<AuditEntry, 'role'> }> {
  const problems: RuleProblem[] = [];
  if (!EMAIL.test(input.email.trim())) problems.push({ field: 'email', rule: 'email-format' });
  if (!isRole(input.role))
    problems.push({ field: 'role', rule: 'role-unknown', params: { known: ROLES.join(', ') } });
  if (problems.length) refuse(problems, { key: 'invitation-request-invalid' });
  const role = input.role as Role;
  const token = newToken();
  const id = randomUUID();
  const email = input.email.trim().toLowerCase();
  await tx
    .insertInto('invitations')
    .values({
      id,
      institution_id: institution.id,
      email,
      role,
      token_hash: sha256(token),
      invited_by: actor.kind === 'user' ? actor.userId : actor.kind,
      created_at: nowIso(),
      expires_at: inMs(7 * 24 * HOUR),
      accepted_at: null,
    })
    .execute();
  const entry = {
    action: 'invitation.create',
    objectType: 'invitation',
    objectId: id,
    institutionId: institution.id,
    after: { email, role },
  };
  return { id, token, email, role, entry };
}

/**
 * An administrator invites someone by e-mail to a role: the invitation is written and audited, and the mail
 * with its link (valid for seven days) is queued, naming the role in words.
 *
 * @example
 * const invitation = await inviteToRole(cmd, institution, { email, role: 'designer', publicUrl });
 */
export async function inviteToRole(
  cmd: Command,
  institution: Institution,
  input: InvitationInput & SiteLinks,
): Promise<CreatedInvitationView> {
  const created = await insertInvitation(cmd.tx, cmd.actor, institution, input);
  await cmd.audit(created.entry);
  await cmd.mail.send({
    to: created.email,
    institutionId: institution.id,
    ...invitationMail({
      institution,
      role: created.role,
      link: tokenLink(input.publicUrl, '/account/invitation', created.token),
    }),
  });
  return { id: created.id, email: created.email, role: created.role };
}

/**
 * Writes an invitation without mailing it, for set-up (tests): people are invited with `inviteToRole`.
 * Returns the token for the invitation link.
 *
 * @example
 * const { token } = await createInvitation(tx, actor, institution, { email, role: 'assessor' });
 */
export async function createInvitation(
  tx: Tx,
  actor: Actor,
  institution: Pick<Institution, 'id'>,
  input: InvitationInput,
): Promise<{ id: string; token: string }> {
  const created = await insertInvitation(tx, actor, institution, input);
  await audit(tx, actor, { ...created.entry, role: 'administrator' });
  return { id: created.id, token: created.token };
}

/**
 * Accepts an invitation: the invited address gets the role. A new address becomes an account with the
 * given name and password (verified, since the link came by e-mail); an existing account must be the one
 * signed in (the command's actor), or give its password. The account is the actor of the record, in the
 * role it was given.
 *
 * @example
 * const accepted = await acceptInvitation(cmd, { token, name, password });
 */
export async function acceptInvitation(
  cmd: Command,
  input: { token: string; name?: string | undefined; password?: string | undefined },
): Promise<AcceptedInvitationView> {
  const { tx, actor } = cmd;
  const invitation = await tx
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', sha256(input.token))
    .executeTakeFirst();
  if (!invitation || invitation.accepted_at || invitation.expires_at < nowIso()) refuseToken('invitation');
  let row = await tx.selectFrom('users').selectAll().where('email', '=', invitation.email).executeTakeFirst();
  if (row) {
    const isSignedIn = actor.kind === 'user' && actor.userId === row.id;
    if (
      !isSignedIn &&
      !(row.password_hash && input.password && (await verifyPassword(row.password_hash, input.password)))
    ) {
      const params = { email: invitation.email };
      throw new UnauthorizedError(accountMessage('invitation-sign-in', 'en', params), {
        key: 'invitation-sign-in',
        params,
      });
    }
  } else {
    const { user } = await createUser(tx, {
      email: invitation.email,
      name: input.name ?? '',
      password: input.password ?? '',
    });
    row = await tx.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
  }
  if (!row.email_verified_at)
    await tx.updateTable('users').set({ email_verified_at: nowIso() }).where('id', '=', row.id).execute();
  await insertMembership(tx, row.id, invitation.institution_id, invitation.role as Role);
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

/**
 * The staff of an institution with their roles, one line per membership, by e-mail address.
 *
 * @example
 * const members = await listMembers(db, institution);
 */
export async function listMembers(db: Db | Tx, institution: Pick<Institution, 'id'>): Promise<MemberView[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'u.email', 'u.name', 'm.role', 'm.created_at as since'])
    .where('m.institution_id', '=', institution.id)
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

/**
 * Takes a role away from a member of the institution; the last administrator stays (409).
 *
 * @example
 * await removeMembership(cmd, institution, { membershipId });
 */
export async function removeMembership(
  cmd: Command,
  institution: Pick<Institution, 'id'>,
  input: { membershipId: string },
): Promise<void> {
  const { tx } = cmd;
  const institutionId = institution.id;
  const row = await tx
    .selectFrom('memberships')
    .selectAll()
    .where('id', '=', input.membershipId)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('There is no such member.', { key: 'member-unknown' });
  if (row.role === 'administrator') {
    const admins = await tx
      .selectFrom('memberships')
      .select('id')
      .where('institution_id', '=', institutionId)
      .where('role', '=', 'administrator')
      .execute();
    if (admins.length === 1)
      throw new ConflictError('invalid-state', 'This is the last administrator of the institution.', {
        key: 'last-administrator',
      });
  }
  await tx.deleteFrom('memberships').where('id', '=', input.membershipId).execute();
  await cmd.audit({
    action: 'membership.remove',
    objectType: 'membership',
    objectId: input.membershipId,
    institutionId,
    before: { userId: row.user_id, role: row.role },
  });
}

async function insertMembership(tx: Tx, userId: string, institutionId: string, role: Role): Promise<void> {
  await tx
    .insertInto('memberships')
    .values({ id: randomUUID(), user_id: userId, institution_id: institutionId, role, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['user_id', 'institution_id', 'role']).doNothing())
    .execute();
}

/**
 * Gives an account a role at an institution, audited (set-up, the demo; people are invited with
 * `inviteToRole`).
 *
 * @example
 * await grantRole(cmd, institution, { userId: user.id, role: 'designer' });
 */
export async function grantRole(
  cmd: Command,
  institution: Pick<Institution, 'id'>,
  input: { userId: string; role: Role },
): Promise<void> {
  const { userId, role } = input;
  await insertMembership(cmd.tx, userId, institution.id, role);
  await cmd.audit({
    action: 'membership.create',
    objectType: 'membership',
    objectId: `${userId}:${role}`,
    institutionId: institution.id,
    after: { userId, role },
  });
}
