import { DID_CONTEXT, MULTIKEY_CONTEXT } from './contexts.ts';

/**
 * The did:web identifier of an institution on this platform, derived from the public URL:
 * http://localhost:3000 + "hogeschool-schelde" → did:web:localhost%3A3000:institutions:hogeschool-schelde.
 */
export function institutionDid(publicUrl: string, slug: string): string {
  const { host } = new URL(publicUrl);
  return `did:web:${encodeURIComponent(host)}:institutions:${slug}`;
}

/** Where a did:web DID document lives (did:web method §3.2); `https` unless told otherwise. */
export function didWebUrl(did: string, protocol: 'https:' | 'http:' = 'https:'): string {
  const [method, ...parts] = did.replace(/^did:/, '').split('#')[0]!.split(':');
  if (method !== 'web' || parts.length === 0) throw new Error(`Not a did:web identifier: ${did}`);
  const [host, ...path] = parts.map(decodeURIComponent);
  return path.length
    ? `${protocol}//${host}/${path.join('/')}/did.json`
    : `${protocol}//${host}/.well-known/did.json`;
}

export interface PublicKeyEntry {
  /** Fragment of the verification method, e.g. `key-2026-11-28-ab12`. */
  fragment: string;
  publicKeyMultibase: string;
}

export interface DidDocument {
  '@context': string[];
  id: string;
  verificationMethod: Array<{ id: string; type: 'Multikey'; controller: string; publicKeyMultibase: string }>;
  assertionMethod: string[];
}

/**
 * The DID document of an institution: every key it ever signed with, so that credentials signed before a
 * rotation still verify. Only keys listed here may sign for the institution.
 */
export function didDocument(did: string, keys: readonly PublicKeyEntry[]): DidDocument {
  const verificationMethod = keys.map((k) => ({
    id: `${did}#${k.fragment}`,
    type: 'Multikey' as const,
    controller: did,
    publicKeyMultibase: k.publicKeyMultibase,
  }));
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod,
    assertionMethod: verificationMethod.map((vm) => vm.id),
  };
}
