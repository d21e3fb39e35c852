import { VC_V2_CONTEXT } from './contexts.ts';
import type { Bitstring } from './bitstring.ts';

/**
 * An unsigned BitstringStatusListCredential: the list itself is a credential of the issuer, so that a
 * verifier can trust the bits only as far as it trusts the issuer's signature.
 */
export function buildStatusListCredential(options: {
  url: string;
  issuer: string;
  bitstring: Bitstring;
  validFrom: string;
  /** How long a verifier may cache the list, in milliseconds. */
  ttlMs: number;
}): Record<string, unknown> {
  return {
    '@context': [VC_V2_CONTEXT],
    id: options.url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuer,
    validFrom: options.validFrom,
    credentialSubject: {
      id: `${options.url}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'message',
      encodedList: options.bitstring.encode(),
      ttl: options.ttlMs,
    },
  };
}
