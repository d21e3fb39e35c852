import type { FastifyRequest } from 'fastify';
import type { Actor } from '../core/actor.ts';
import type { Db } from '../core/database.ts';
import { refuse } from '../core/errors.ts';
import { userOf } from '../core/route-user.ts';
import { guardSignIn } from './attempt-limits.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';

/**
 * Checks the password of an account before a change that needs it (address, password, erasure). A wrong
 * one is a field problem of `field`, not a 401: the person is signed in, only the password is wrong.
 * Callers count the attempt like a sign-in first (`checkPassword` does both).
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

/**
 * Checks the signed-in account's password, counted like a sign-in attempt on its address and the client's
 * address: a stolen session cannot guess the password it needs to take the account over or erase it. A
 * right password gives the attempt back; too many wrong ones are refused with 429 (the route sets
 * Retry-After).
 *
 * @example
 * const user = await checkPassword(database.db, request, request.body.password, 'password');
 */
export async function checkPassword(
  db: Db,
  request: FastifyRequest,
  password: string,
  field: string,
): Promise<Actor & { kind: 'user' }> {
  const user = userOf(request);
  const counted = await guardSignIn(db, {
    clientAddress: request.ip,
    email: user.email,
    now: new Date(),
    onLockout: (limits) =>
      request.log.warn({ limits, route: request.routeOptions.url }, 'attempt limit reached'),
  });
  await checkOwnPassword(db, user.userId, password, field);
  await counted.release();
  return user;
}
