import type { FastifyPluginAsync } from 'fastify';
import type { AppContext } from '../core/app-context.ts';

export interface PrivacyRoutesOptions {
  context: AppContext;
}

/** A person's own data: the full export and the erasure of their account. */
export const privacyRoutes: FastifyPluginAsync<PrivacyRoutesOptions> = async () => {};
