import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { type Actor, type MembershipFact, type Role } from '../core/actor.ts';
import type { Command } from '../core/command.ts';
import { HOUR, inMs, newToken, sha256 } from './account-links.ts';
import { type User, toUser } from './users.ts';

export const SESSION_TTL_MS = 14 * 24 * HOUR;

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
