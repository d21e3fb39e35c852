import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import '@fastify/cookie';
import type { DatabaseHandle } from './database.ts';
import { ForbiddenError, NotFoundError, StapelError, UnauthorizedError } from './errors.ts';
import { ROLES, rolesAt, type Actor, type Role } from './actor.ts';
import type { Db } from './database.ts';
import type { Institution } from './institution.ts';
import { CAPABILITIES, type Capability } from './permissions.ts';

/**
 * Who may call a route. Every route declares one; the server refuses to start with a route that does not.
 * - `public`: anyone, signed in or not;
 * - `signed-in`: any account (learners included);
 * - `institution-staff`: any role at the institution in `:slug` (or its API token);
 * - `{ capability }`: a role that has this capability in `core/permissions.ts`, at the institution in `:slug`
 *   (an API token holds the roles it was given).
 * Someone with no role at that institution gets 404, so that nothing of another institution is revealed.
 */
export type RoutePolicy = 'public' | 'signed-in' | 'institution-staff' | { capability: Capability };

/** The roles a policy admits at an institution: none for public and signed-in routes, every role for staff. */
export function policyRoles(policy: RoutePolicy): readonly Role[] {
  if (typeof policy === 'string') return policy === 'institution-staff' ? ROLES : [];
  return CAPABILITIES[policy.capability];
}

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

/** An API token that works: the institution it acts for, and the roles it was given. */
export interface TokenFacts {
  ok: true;
  institution: Institution;
  tokenId: string;
  label: string;
  roles: readonly Role[];
}

/**
 * How the core learns who asks, from the domains that know (institutions for tokens, accounts for sessions):
 * passed in by `app.ts`, so that the core imports no domain.
 */
export interface AuthResolvers {
  findInstitution(db: Db, slug: string): Promise<Institution | undefined>;
  /** A token that does not work is refused (401 with the reason, in the request's language). */
  authenticateToken(db: Db, bearer: string): Promise<TokenFacts>;
  /** A token that does not work is answered `{ ok: false }`. */
  checkApiToken(db: Db, bearer: string): Promise<TokenFacts | { ok: false }>;
  sessionFromToken(db: Db, token: string): Promise<{ actor: Actor; csrfToken: string } | undefined>;
}

export function installAuth(app: FastifyInstance, database: DatabaseHandle, resolvers: AuthResolvers): void {
  const records: RouteRecord[] = [];
  registeredRoutes.set(app, records);
  app.addHook('onRoute', (route) => {
    const policy = route.config?.policy;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) records.push({ method, url: route.url, policy });
    if (!policy) throw new Error(`Route ${route.method} ${route.url} declares no access policy.`);
    // The OpenAPI document says, per route, how to authenticate and which roles it admits.
    if (policy !== 'public' && route.schema && !route.schema.hide) {
      const schema = route.schema as Record<string, unknown>;
      schema.security ??= policy === 'signed-in' ? [{ session: [] }] : [{ apiToken: [] }, { session: [] }];
      if (typeof policy === 'object') {
        schema['x-stapel-capability'] = policy.capability;
        schema['x-stapel-roles'] = [...CAPABILITIES[policy.capability]];
      }
    }
  });

  // preValidation: who may call is decided before the body is even looked at.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const policy = request.routeOptions.config.policy;
    // Public reads (the catalogue, the web UI's files) never need to know who asks: no session lookup.
    if (policy === 'public' && (request.method === 'GET' || request.method === 'HEAD')) return;
    await resolveActor(request, database, resolvers, policy === 'public');
    if (!policy || policy === 'public') return;
    if (!request.actor) throw new UnauthorizedError();
    if (
      request.csrfToken &&
      UNSAFE.has(request.method) &&
      request.headers['x-csrf-token'] !== request.csrfToken
    ) {
      throw new ForbiddenError('This request lacks the CSRF token of your session (header x-csrf-token).', {
        key: 'csrf-missing',
      });
    }
    if (policy === 'signed-in') {
      if (request.actor.kind !== 'user')
        throw new UnauthorizedError('Sign in with an account.', { key: 'sign-in-with-account' });
      return;
    }
    const slug = (request.params as { slug?: string }).slug;
    if (!slug) throw new Error(`Route ${request.routeOptions.url} needs :slug for its institution policy.`);
    const institution = await resolvers.findInstitution(database.db, slug);
    const roles = institution ? rolesAt(request.actor, institution.id) : [];
    if (!institution || roles.length === 0)
      throw new NotFoundError(`There is no institution "${slug}".`, {
        key: 'institution-unknown',
        params: { slug },
      });
    const admitted = policyRoles(policy);
    if (!admitted.some((r) => roles.includes(r))) {
      throw new ForbiddenError(`This needs the role ${admitted.join(' or ')} at ${institution.slug}.`, {
        key: 'role-needed',
        params: { roles: admitted.join(' / '), slug: institution.slug },
      });
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
  resolvers: AuthResolvers,
  isPublic: boolean,
): Promise<void> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const bearer = header.slice(7).trim();
    // On a public route a token that does not work is no reason to refuse: carry on as anonymous.
    const checked = isPublic
      ? await resolvers.checkApiToken(database.db, bearer)
      : await resolvers.authenticateToken(database.db, bearer);
    if (checked.ok) {
      const { institution, tokenId, label, roles } = checked;
      request.actor = {
        kind: 'token',
        tokenId,
        institutionId: institution.id,
        slug: institution.slug,
        label,
        roles: [...roles],
      };
      return;
    }
    return;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (!cookie) return;
  const session = await resolvers.sessionFromToken(database.db, cookie);
  if (!session) return;
  request.actor = session.actor;
  request.csrfToken = session.csrfToken;
}

export function staffOf(request: FastifyRequest): Institution {
  if (!request.staffInstitution) throw new Error('staffOf() used on a route without an institution policy');
  return request.staffInstitution;
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new StapelError('unauthorized', 'Sign in first.', { key: 'unauthorized' });
  return request.actor;
}

/** The role an actor acts in for the audit log: the first of `wanted` they hold at the institution. */
export function actingRole(request: FastifyRequest, wanted: readonly Role[]): Role | undefined {
  return wanted.find((r) => request.staffRoles?.includes(r));
}

/** The role the request acts in under its route's policy: the first role of the policy the actor holds. */
export function policyRole(request: FastifyRequest): Role | null {
  const policy = request.routeOptions.config.policy;
  if (!policy) return null;
  return actingRole(request, policyRoles(policy)) ?? null;
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
