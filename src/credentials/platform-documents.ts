import type { DocumentLoader } from '@digitalbazaar/vc';
import type { Db, Tx } from '../core/database.ts';
import type { Settings } from '../core/config.ts';
import { createDocumentLoader, type DocumentLoaderOptions } from './document-loader.ts';
import { didDocument, institutionDid } from './did.ts';
import { issuerPublicKeys } from './keys.ts';
import { SafeFetcher } from './safe-fetch.ts';
import { STAPEL_CONTEXT_DOCUMENT, stapelContextUrl } from './contexts.ts';

/** URL of a status list of this platform. */
export function statusListUrl(publicUrl: string, listId: string): string {
  return `${publicUrl}/status-lists/${listId}`;
}

/** URL (and id) of a credential issued by this platform. */
export function credentialUrl(publicUrl: string, credentialId: string): string {
  return `${publicUrl}/credentials/${credentialId}`;
}

/**
 * A credential issued here, as the text that was signed (its share link answers exactly this), by the id at
 * the end of its URL; undefined when there is none.
 *
 * @example
 * const text = await storedCredentialText(db, id);
 */
export async function storedCredentialText(db: Db | Tx, credentialId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('credentials')
    .select('document')
    .where('id', '=', credentialId)
    .executeTakeFirst();
  return row?.document;
}

/**
 * Looks up documents this platform itself holds — its institutions' DID documents and its signed status
 * lists — straight from the database, so that verifying our own credentials needs no network at all.
 */
export function platformDocuments(
  db: Db | Tx,
  publicUrl: string,
): (url: string) => Promise<unknown | undefined> {
  const didPrefix = institutionDid(publicUrl, '');
  const statusPrefix = statusListUrl(publicUrl, '');
  const ownContext = stapelContextUrl(publicUrl);
  return async (url) => {
    if (url === ownContext) return structuredClone(STAPEL_CONTEXT_DOCUMENT);
    if (url.startsWith(didPrefix)) {
      const slug = url.slice(didPrefix.length);
      const institution = await db
        .selectFrom('institutions')
        .select(['id', 'slug'])
        .where('slug', '=', slug)
        .executeTakeFirst();
      if (!institution) return undefined;
      const keys = await issuerPublicKeys(db, institution.id);
      return keys.length ? didDocument(url, keys) : undefined;
    }
    if (url.startsWith(statusPrefix)) {
      const row = await db
        .selectFrom('status_lists')
        .select('credential')
        .where('id', '=', url.slice(statusPrefix.length))
        .executeTakeFirst();
      return row?.credential ? JSON.parse(row.credential) : undefined;
    }
    return undefined;
  };
}

export interface PlatformLoaderOptions {
  /** Fetch foreign documents (contexts, DID documents, status lists) over the network, safely. */
  fetch?: boolean;
  urlIssuerKeys?: DocumentLoaderOptions['urlIssuerKeys'];
}

/** The document loader of this installation: bundled contexts, its own documents, and safe fetching. */
export function platformDocumentLoader(
  db: Db,
  settings: Settings,
  options: PlatformLoaderOptions = {},
): DocumentLoader {
  return createDocumentLoader({
    local: platformDocuments(db, settings.publicUrl),
    fetcher: options.fetch === false ? undefined : sharedFetcher(settings),
    ...(options.urlIssuerKeys ? { urlIssuerKeys: options.urlIssuerKeys } : {}),
  });
}

const fetchers = new Map<boolean, SafeFetcher>();
function sharedFetcher(settings: Settings): SafeFetcher {
  // One cache per process; it only holds public documents, so nothing another process needs lives here.
  let fetcher = fetchers.get(settings.insecureLoopback);
  if (!fetcher) {
    fetcher = new SafeFetcher({ allowInsecureLoopback: settings.insecureLoopback });
    fetchers.set(settings.insecureLoopback, fetcher);
  }
  return fetcher;
}
