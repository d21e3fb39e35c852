import type { FastifyRequest } from 'fastify';
import type { Actor } from './actor.ts';
import { actorOf } from './auth.ts';
import { UnauthorizedError } from './errors.ts';

/**
 * The account a `signed-in` route acts for: a person's own results, credentials and enrolments. The policy
 * already refuses an API token or the system (401); this tells the type so, and refuses the same way if a
 * route without that policy asks.
 *
 * @example
 * async (request) => learnerResults(db, userOf(request).userId)
 */
export function userOf(request: FastifyRequest): Actor & { kind: 'user' } {
  const actor = actorOf(request);
  if (actor.kind !== 'user')
    throw new UnauthorizedError('Sign in with an account.', { key: 'sign-in-with-account' });
  return actor;
}
