import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import type { DatabaseHandle } from './database.ts';
import { ForbiddenError, NotFoundError, StapelError, UnauthorizedError } from './errors.ts';
import { rolesAt, type Actor, type Role } from './actor.ts';
import {
  authenticateToken,
  checkApiToken,
  findInstitution,
  type Institution,
} from '../institutions/store.ts';
import { requestLang } from './http.ts';
import { sessionFromToken } from '../accounts/store.ts';

/**
 * Who may call a route. Every route declares one; the server refuses to start with a route that does not.
 * - `public`: anyone, signed in or not;
 * - `signed-in`: any account (learners included);
 * - `institution-staff`: any role at the institution in `:slug` (or its API token);
 * - `{ roles }`: one of these roles at the institution in `:slug` (an API token holds the roles it was given).
 * Someone with no role at that institution gets 404, so that nothing of another institution is revealed.
 */
export type RoutePolicy = 'public' | 'signed-in' | 'institution-staff' | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    actor?: Actor;
    /** Set for cookie sessions: the token that state-changing requests must echo in `x-csrf-token`. */
    csrfToken?: string;
    staffInstitution?: Institution;
    /** The roles the actor holds at `staffInstitution`. */
    staffRoles?: Role[];
  }
}

export const SESSION_COOKIE = 'stapel_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RouteRecord {
  method: string;
  url: string;
  policy: RoutePolicy | undefined;
}

/** Every route the app registered, with its policy: for the test that no route goes without one. */
export const registeredRoutes = new WeakMap<FastifyInstance, RouteRecord[]>();

export function installAuth(app: FastifyInstance, database: DatabaseHandle): void {
  const records: RouteRecord[] = [];
  registeredRoutes.set(app, records);
  app.addHook('onRoute', (route) => {
    const policy = route.config?.policy;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) records.push({ method, url: route.url, policy });
    if (!policy) throw new Error(`Route ${route.method} ${route.url} declares no access policy.`);
  });

  // preValidation: who may call is decided before the body is even looked at.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const policy = request.routeOptions.config.policy;
    // Public reads (the catalogue, the web UI's files) never need to know who asks: no session lookup.
    if (policy === 'public' && (request.method === 'GET' || request.method === 'HEAD')) return;
    await resolveActor(request, database, policy === 'public');
    if (!policy || policy === 'public') return;
    if (!request.actor) throw new UnauthorizedError('Sign in first.');
    if (
      request.csrfToken &&
      UNSAFE.has(request.method) &&
      request.headers['x-csrf-token'] !== request.csrfToken
    ) {
      throw new ForbiddenError('This request lacks the CSRF token of your session (header x-csrf-token).');
    }
    if (policy === 'signed-in') {
      if (request.actor.kind !== 'user') throw new UnauthorizedError('Sign in with an account.');
      return;
    }
    const slug = (request.params as { slug?: string }).slug;
    if (!slug) throw new Error(`Route ${request.routeOptions.url} needs :slug for its institution policy.`);
    const institution = await findInstitution(database.db, slug);
    const roles = institution ? rolesAt(request.actor, institution.id) : [];
    if (!institution || roles.length === 0) throw new NotFoundError(`There is no institution "${slug}".`);
    if (policy !== 'institution-staff' && !policy.roles.some((r) => roles.includes(r))) {
      throw new ForbiddenError(`This needs the role ${policy.roles.join(' or ')} at ${institution.slug}.`);
    }
    request.staffInstitution = institution;
    request.staffRoles = roles;
  });
}

/**
 * Who is asking: a bearer token, else a session cookie. A bearer token that does not work (unknown,
 * expired, revoked) is refused with 401 and the reason — except on a public route, which anyone may call:
 * there it is ignored and the request goes on anonymously, so a stale header never breaks, say, verifying.
 */
async function resolveActor(
  request: FastifyRequest,
  database: DatabaseHandle,
  isPublic: boolean,
): Promise<void> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const bearer = header.slice(7).trim();
    // On a public route a token that does not work is no reason to refuse: carry on as anonymous.
    const checked = isPublic
      ? await checkApiToken(database.db, bearer)
      : await authenticateToken(database.db, bearer, requestLang(request));
    if (checked.ok) {
      const { institution, tokenId, label, roles } = checked;
      request.actor = {
        kind: 'token',
        tokenId,
        institutionId: institution.id,
        slug: institution.slug,
        label,
        roles,
      };
      return;
    }
    return;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie) return;
  const session = await sessionFromToken(database.db, cookie);
  if (!session) return;
  request.actor = session.actor;
  request.csrfToken = session.csrfToken;
}

export function staffOf(request: FastifyRequest): Institution {
  if (!request.staffInstitution) throw new Error('staffOf() used on a route without an institution policy');
  return request.staffInstitution;
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new StapelError('unauthorized', 'Sign in first.');
  return request.actor;
}

/** The role an actor acts in for the audit log: the first of `wanted` they hold at the institution. */
export function actingRole(request: FastifyRequest, wanted: readonly Role[]): Role | undefined {
  return wanted.find((r) => request.staffRoles?.includes(r));
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  expiresAt: string,
  secure: boolean,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
