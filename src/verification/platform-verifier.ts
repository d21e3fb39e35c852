import type { Settings } from '../core/config.ts';
import type { DatabaseHandle } from '../core/database.ts';
import { institutionDid } from '../credentials/did.ts';
import {
  credentialUrl,
  platformDocumentLoader,
  statusListUrl,
  storedCredentialText,
} from '../credentials/platform-documents.ts';
import { SafeFetcher } from '../credentials/safe-fetch.ts';
import { UnreadableCredentialError, parseCredentialInput } from './credential-input.ts';
import type { StatusRecord } from './status.ts';
import { verifyCredential, type RecognisedIssuer, type VerificationResult } from './verify.ts';

export interface PlatformVerifier {
  verify(input: unknown): Promise<VerificationResult>;
  /**
   * Reads a credential from a link: ours from the database, anyone else's through the safe fetcher, as text
   * parsed like any other input (duplicate keys refused).
   */
  fetchCredential(url: string): Promise<unknown>;
  fetcher: SafeFetcher;
}

/** The fetcher reads links as text where it can, so that they pass the same parser as a pasted credential. */
type TextFetcher = SafeFetcher & { text?: (url: string) => Promise<string> };

/**
 * The verifier of this installation: its own institutions and the configured trusted issuers are
 * recognised; an issuer named on its own host that is none of its institutions is refused; documents of
 * this platform are read from the database, the rest fetched safely.
 *
 * @example
 * const { verify } = platformVerifier(database, config.settings);
 * const result = await verify(parseCredentialInput(text));
 */
export function platformVerifier(database: DatabaseHandle, settings: Settings): PlatformVerifier {
  const trusted = new Set(settings.trustedIssuers);
  const didPrefix = institutionDid(settings.publicUrl, '');
  const listPrefix = statusListUrl(settings.publicUrl, '');
  const fetcher: TextFetcher = new SafeFetcher({ allowInsecureLoopback: settings.insecureLoopback });

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

  /** The recorded change behind an entry of one of this platform's own status lists. */
  async function statusRecord(entry: {
    listUrl: string;
    index: number;
    purpose: string;
  }): Promise<StatusRecord | undefined> {
    if (!entry.listUrl.startsWith(listPrefix)) return undefined;
    const listId = entry.listUrl.slice(listPrefix.length);
    // A suspension entry sits on a list of its own; revocation and the older two-bit entry on the first.
    const [list, index] =
      entry.purpose === 'suspension'
        ? (['suspension_list_id', 'suspension_index'] as const)
        : (['status_list_id', 'status_index'] as const);
    const row = await database.db
      .selectFrom('credentials')
      .select(['status_changed_at', 'status_reason'])
      .where(list, '=', listId)
      .where(index, '=', entry.index)
      .executeTakeFirst();
    return row ? { changedAt: row.status_changed_at, reason: row.status_reason } : undefined;
  }

  const ownPrefix = credentialUrl(settings.publicUrl, '');
  return {
    fetcher,
    verify: (input) =>
      verifyCredential(input, {
        loaderFor: (urlIssuerKeys) => platformDocumentLoader(database.db, settings, { urlIssuerKeys }),
        isRecognisedIssuer,
        ownHost: new URL(settings.publicUrl).host,
        statusRecord,
      }),
    fetchCredential: async (url) => {
      if (url.startsWith(ownPrefix)) {
        const document = await storedCredentialText(database.db, url.slice(ownPrefix.length));
        if (document === undefined)
          throw new UnreadableCredentialError({ key: 'no-credential-at-link', params: { url } });
        return JSON.parse(document);
      }
      let text: string | undefined;
      try {
        if (!fetcher.text) return await fetcher.json(url);
        text = await fetcher.text(url);
      } catch (error) {
        throw new UnreadableCredentialError((error as Error).message);
      }
      return parseCredentialInput(text);
    },
  };
}
