import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as DidKey from '@digitalbazaar/did-method-key';
import type { DocumentLoader, RemoteDocument } from '@digitalbazaar/vc';
import {
  BUNDLED_CONTEXTS,
  MULTIKEY_CONTEXT,
  STAPEL_CONTEXT_DIGEST,
  STAPEL_CONTEXT_DOCUMENT,
  STAPEL_CONTEXT_PATH,
  contextDigest,
} from './contexts.ts';
import type { SafeFetcher } from './safe-fetch.ts';

export class DocumentRefusedError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`Cannot load ${url}: ${reason}`);
    this.name = 'DocumentRefusedError';
  }
}

export interface DocumentLoaderOptions {
  /** Documents this platform holds itself (its DID documents, status lists), looked up without any network. */
  local?: (url: string) => Promise<unknown | undefined>;
  /** Fetches what is neither bundled nor local; without it, everything else is refused. */
  fetcher?: SafeFetcher | undefined;
  /**
   * Issuers identified by a URL whose verification method is `<issuer>#<publicKeyMultibase>` (the 1EdTech
   * test-vector style): issuer URL → keys accepted for it.
   */
  urlIssuerKeys?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Called with each URL the loader served, for diagnostics. */
  onLoad?: (url: string, source: 'bundled' | 'local' | 'fetched' | 'derived') => void;
}

const didKeyDriver = DidKey.driver();
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

const remote = (documentUrl: string, document: unknown): RemoteDocument => ({
  contextUrl: null,
  documentUrl,
  document,
});

function splitFragment(url: string): [string, string] {
  const i = url.indexOf('#');
  return i === -1 ? [url, ''] : [url.slice(0, i), url.slice(i + 1)];
}

interface VerificationMethodLike {
  id: string;
  controller?: string;
}

/**
 * The JSON-LD document loader for signing and verifying. Bundled contexts are served offline; the
 * platform's own DID documents and status lists come from `local`; anything else is refused unless a
 * SafeFetcher is given. The Stapel extension context is recognised on any host by its content.
 *
 * @example
 * const documentLoader = createDocumentLoader({ local: (url) => platformDocuments(url) });
 * await vc.issue({ credential, suite, documentLoader });
 */
export function createDocumentLoader(options: DocumentLoaderOptions = {}): DocumentLoader {
  const note = options.onLoad ?? (() => undefined);

  async function loadDid(did: string): Promise<unknown> {
    const local = await options.local?.(did);
    if (local) return local;
    if (did.startsWith('did:key:')) return didKeyDriver.get({ did });
    if (did.startsWith('did:web:')) {
      if (!options.fetcher)
        throw new DocumentRefusedError(did, 'the DID is not on this platform and fetching is off');
      const url = options.fetcher.didWebDocumentUrl(did);
      let document: unknown;
      try {
        document = await options.fetcher.json(url);
      } catch (error) {
        throw new DocumentRefusedError(did, (error as Error).message);
      }
      if ((document as { id?: unknown }).id !== did)
        throw new DocumentRefusedError(did, `the document at ${url} is not about this DID`);
      return document;
    }
    throw new DocumentRefusedError(did, 'this DID method is not supported');
  }

  /** The platform's own copy of `url` (`local`), when it holds one. */
  async function ownCopy(url: string): Promise<RemoteDocument | undefined> {
    const local = await options.local?.(url);
    if (!local) return undefined;
    note(url, 'local');
    return remote(url, local);
  }

  return async function documentLoader(url: string): Promise<RemoteDocument> {
    const bundled = BUNDLED_CONTEXTS.get(url);
    if (bundled) {
      note(url, 'bundled');
      return remote(url, structuredClone(bundled));
    }

    if (URL.canParse(url) && new URL(url).pathname === STAPEL_CONTEXT_PATH) {
      // Any installation's extension context: same meaning, recognised by content. When it cannot be
      // fetched we use our copy; a different document would not have produced a valid signature anyway.
      // Our own installation's copy is never fetched: asking ourselves over the network costs a lookup
      // (and, where the host cannot reach its own public name, a time-out) on every verification.
      const own = await ownCopy(url);
      if (own) return own;
      if (options.fetcher) {
        try {
          const fetched = await options.fetcher.json(url);
          if (contextDigest(fetched) !== STAPEL_CONTEXT_DIGEST) {
            note(url, 'fetched');
            return remote(url, fetched);
          }
        } catch {
          // fall through to the bundled copy
        }
      }
      note(url, 'bundled');
      return remote(url, structuredClone(STAPEL_CONTEXT_DOCUMENT));
    }

    const [base, fragment] = splitFragment(url);
    if (base.startsWith('did:')) {
      const document = (await loadDid(base)) as { verificationMethod?: VerificationMethodLike[] };
      note(url, 'derived');
      if (!fragment) return remote(url, document);
      const vm = (document.verificationMethod ?? []).find((v) => v.id === url || v.id === `#${fragment}`);
      if (!vm) throw new DocumentRefusedError(url, `the key is not in the DID document of ${base}`);
      return remote(url, { '@context': MULTIKEY_CONTEXT, ...vm, id: url, controller: vm.controller ?? base });
    }

    const allowedKeys = options.urlIssuerKeys?.get(base);
    if (allowedKeys) {
      note(url, 'derived');
      if (fragment) {
        if (!allowedKeys.has(fragment))
          throw new DocumentRefusedError(url, 'this key is not accepted for the issuer');
        await Ed25519Multikey.from({ publicKeyMultibase: fragment });
        return remote(url, {
          '@context': MULTIKEY_CONTEXT,
          id: url,
          type: 'Multikey',
          controller: base,
          publicKeyMultibase: fragment,
        });
      }
      return remote(url, {
        '@context': 'https://w3id.org/security/v2',
        id: base,
        assertionMethod: [...allowedKeys].map((k) => `${base}#${k}`),
      });
    }

    const own = await ownCopy(url);
    if (own) return own;

    if (options.fetcher) {
      try {
        const fetched = await options.fetcher.json(url);
        note(url, 'fetched');
        return remote(url, fetched);
      } catch (error) {
        throw new DocumentRefusedError(url, (error as Error).message);
      }
    }
    throw new DocumentRefusedError(
      url,
      'it is not a bundled context or a document of this platform, and fetching is off',
    );
  };
}

/** 1EdTech style: the keys named in the fragment of verification methods `<issuer>#z…`. */
export function urlIssuerKeysFromCredential(credential: Record<string, unknown>): Map<string, Set<string>> {
  const issuer = credential.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : (issuer as { id?: unknown } | undefined)?.id;
  const keys = new Map<string, Set<string>>();
  if (typeof issuerId !== 'string' || issuerId.startsWith('did:')) return keys;
  const proofs = ([] as unknown[]).concat(credential.proof ?? []);
  for (const proof of proofs) {
    const vm = (proof as { verificationMethod?: unknown }).verificationMethod;
    const vmId = typeof vm === 'string' ? vm : (vm as { id?: unknown } | undefined)?.id;
    if (typeof vmId === 'string' && vmId.startsWith(`${issuerId}#z`)) {
      if (!keys.has(issuerId)) keys.set(issuerId, new Set());
      keys.get(issuerId)!.add(vmId.slice(issuerId.length + 1));
    }
  }
  return keys;
}
