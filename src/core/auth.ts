import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from './database.ts';
import { NotFoundError } from './errors.ts';
import { authenticateToken, type Institution } from '../institutions/store.ts';

declare module 'fastify' {
  interface FastifyRequest {
    staffInstitution?: Institution;
  }
}

/**
 * Enforces each route's declared policy. `institution-staff` routes carry `:slug` and need a token of that
 * institution; a token of another institution gets 404, so that nobody learns what another holds.
 */
export function installAuth(app: FastifyInstance, database: DatabaseHandle): void {
  app.addHook('onRoute', (route) => {
    const policy = route.config?.policy;
    if (!policy) throw new Error(`Route ${route.method} ${route.url} declares no access policy.`);
  });
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const policy = request.routeOptions.config.policy;
    if (policy !== 'institution-staff') return;
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const institution = await authenticateToken(database.db, token);
    const slug = (request.params as { slug?: string }).slug;
    if (slug !== undefined && slug !== institution.slug)
      throw new NotFoundError(`There is no institution "${slug}".`);
    request.staffInstitution = institution;
  });
}

export function staffOf(request: FastifyRequest): Institution {
  if (!request.staffInstitution)
    throw new Error('staffOf() used on a route without the institution-staff policy');
  return request.staffInstitution;
}
