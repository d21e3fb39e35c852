import type { FastifyPluginAsync } from 'fastify';
import type { WalletRoutesOptions } from './routes-options.ts';

/** The credential's page (HTML or the signed JSON by content negotiation), sharing and collections. */
export const credentialPageRoutes: FastifyPluginAsync<WalletRoutesOptions> = async () => {};
