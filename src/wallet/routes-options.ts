import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../core/app-context.ts';
import type { VerificationResult } from '../verification/verify.ts';

/** What the wallet's routes need from the running installation. */
export interface WalletRoutesOptions {
  context: AppContext;
  /** Verifies a credential (in the verification worker pool). */
  verify: (input: unknown) => Promise<VerificationResult>;
  /** Reads a credential from a link, held to the verifier's safe-fetch rules. */
  fetchCredential: (url: string, request?: FastifyRequest) => Promise<unknown>;
  /** The web UI's page shell, when the UI is built: pages such as a credential's are rendered by it. */
  appShell: () => string | undefined;
}
