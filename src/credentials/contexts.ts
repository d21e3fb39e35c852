import { createHash } from 'node:crypto';
import didContext from 'did-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import credentialsV2 from './contexts/credentials-v2.json' with { type: 'json' };
import obContext from './contexts/ob-3.0.3.json' with { type: 'json' };
import stapelV1 from './contexts/stapel-v1.json' with { type: 'json' };

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
export const DID_CONTEXT = 'https://www.w3.org/ns/did/v1';
/** Where every Stapel installation serves its extension context, below its public URL. */
export const STAPEL_CONTEXT_PATH = '/contexts/stapel/v1.json';

/** The Stapel extension context, the same bytes in every installation. */
export const STAPEL_CONTEXT_DOCUMENT: unknown = stapelV1;

export function stapelContextUrl(publicUrl: string): string {
  return `${publicUrl}${STAPEL_CONTEXT_PATH}`;
}

/**
 * A context's identity is its content: another Stapel installation serves the same document under its own
 * host, and a verifier recognises it by this hash instead of trusting the host.
 */
export function contextDigest(document: unknown): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}

export const STAPEL_CONTEXT_DIGEST = contextDigest(STAPEL_CONTEXT_DOCUMENT);

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The contexts every loader serves offline, by URL. */
export const BUNDLED_CONTEXTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  [VC_V2_CONTEXT, credentialsV2],
  [OB_CONTEXT, obContext],
  ...didContext.contexts,
  ...multikeyContext.contexts,
]);
