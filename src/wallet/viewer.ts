import type { FastifyRequest } from 'fastify';
import type { Actor } from '../core/actor.ts';
import { SESSION_COOKIE } from '../core/auth.ts';
import type { Db } from '../core/database.ts';
import { sessionFromToken } from '../accounts/sessions.ts';
import { checkApiToken } from '../institutions/store.ts';

/**
 * Who asks on a public read that answers differently to its holder and to the issuing institution (a
 * credential's page): the request's actor when the policy resolved one, else its session or API token,
 * looked up here because public reads skip that lookup. Anyone else is undefined, never refused.
 *
 * @example
 * const actor = await viewerOf(request, db);
 */
export async function viewerOf(request: FastifyRequest, db: Db): Promise<Actor | undefined> {
  if (request.actor) return request.actor;
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const checked = await checkApiToken(db, header.slice(7).trim());
    if (!checked.ok) return undefined;
    return {
      kind: 'token',
      tokenId: checked.tokenId,
      institutionId: checked.institution.id,
      slug: checked.institution.slug,
      label: checked.label,
      roles: [...checked.roles],
    };
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie) return undefined;
  return (await sessionFromToken(db, cookie))?.actor;
}
