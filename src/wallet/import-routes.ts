import type { FastifyPluginAsync } from 'fastify';
import type { WalletRoutesOptions } from './routes-options.ts';

/** The learner's wallet: every credential they hold, and credentials they bring in from elsewhere. */
export const walletImportRoutes: FastifyPluginAsync<WalletRoutesOptions> = async () => {};
