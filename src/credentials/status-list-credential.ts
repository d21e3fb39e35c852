import { VC_V2_CONTEXT } from './contexts.ts';
import type { Bitstring, StatusPurpose } from './bitstring.ts';

export interface StatusListCredentialOptions {
  url: string;
  issuer: string;
  /** What the list's bits mean; a credential's entry names the same purpose. */
  statusPurpose: StatusPurpose;
  bitstring: Bitstring;
  validFrom: string;
  /** How long a verifier may cache the list, in milliseconds. */
  ttlMs: number;
}

/**
 * An unsigned BitstringStatusListCredential: the list itself is a credential of the issuer, so that a
 * verifier can trust the bits only as far as it trusts the issuer's signature.
 *
 * @example
 * const unsigned = buildStatusListCredential({ url, issuer: did, statusPurpose: 'revocation', bitstring, validFrom, ttlMs: 300_000 });
 */
export function buildStatusListCredential(options: StatusListCredentialOptions): Record<string, unknown> {
  return {
    '@context': [VC_V2_CONTEXT],
    id: options.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuer,
    validFrom: options.validFrom,
    credentialSubject: {
      id: `${options.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: options.statusPurpose,
      encodedList: options.bitstring.encode(),
      ttl: options.ttlMs,
    },
  };
}
