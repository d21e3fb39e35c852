import type { Settings } from '../core/config.ts';
import type { DatabaseHandle } from '../core/database.ts';
import { institutionDid } from '../credentials/did.ts';
import { credentialUrl, platformDocumentLoader } from '../credentials/platform-documents.ts';
import { SafeFetcher } from '../credentials/safe-fetch.ts';
import { UnreadableCredentialError } from './credential-input.ts';
import { verifyCredential, type RecognisedIssuer, type VerificationResult } from './verify.ts';

export interface PlatformVerifier {
  verify(input: unknown): Promise<VerificationResult>;
  /** Reads a credential from a link: ours from the database, anyone else's through the safe fetcher. */
  fetchCredential(url: string): Promise<unknown>;
  fetcher: SafeFetcher;
}

/**
 * The verifier of this installation: its own institutions and the configured trusted issuers are
 * recognised; documents of this platform are read from the database, the rest fetched safely.
 *
 * @example
 * const { verify } = platformVerifier(database, config.settings);
 * const result = await verify(JSON.parse(text));
 */
export function platformVerifier(database: DatabaseHandle, settings: Settings): PlatformVerifier {
  const trusted = new Set(settings.trustedIssuers);
  const didPrefix = institutionDid(settings.publicUrl, '');
  const fetcher = new SafeFetcher({ allowInsecureLoopback: settings.insecureLoopback });

  async function isRecognisedIssuer(issuerId: string): Promise<RecognisedIssuer | undefined> {
    if (issuerId.startsWith(didPrefix)) {
      const institution = await database.db
        .selectFrom('institutions')
        .select('name_nl')
        .where('slug', '=', issuerId.slice(didPrefix.length))
        .executeTakeFirst();
      if (institution) return { name: institution.name_nl, onThisPlatform: true };
    }
    return trusted.has(issuerId) ? {} : undefined;
  }

  const ownPrefix = credentialUrl(settings.publicUrl, '');
  return {
    fetcher,
    verify: (input) =>
      verifyCredential(input, {
        loaderFor: (urlIssuerKeys) => platformDocumentLoader(database.db, settings, { urlIssuerKeys }),
        isRecognisedIssuer,
      }),
    fetchCredential: async (url) => {
      if (url.startsWith(ownPrefix)) {
        const row = await database.db
          .selectFrom('credentials')
          .select('document')
          .where('id', '=', url.slice(ownPrefix.length))
          .executeTakeFirst();
        if (!row) throw new UnreadableCredentialError(`There is no credential at ${url}.`);
        return JSON.parse(row.document);
      }
      try {
        return await fetcher.json(url);
      } catch (error) {
        throw new UnreadableCredentialError((error as Error).message);
      }
    },
  };
}
