import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '@digitalbazaar/vc';
import type { KeyPair } from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

/**
 * Signs a credential with Data Integrity `eddsa-rdfc-2022`. The input is left untouched (the library
 * would otherwise add the proof to it in place).
 *
 * @example
 * const signed = await signCredential(unsigned, keyPair, documentLoader);
 */
export async function signCredential(
  credential: Record<string, unknown>,
  keyPair: KeyPair,
  documentLoader: DocumentLoader,
  date?: string,
): Promise<Record<string, unknown>> {
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite, ...(date ? { date } : {}) });
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader });
}

export function verificationSuite(): DataIntegrityProof {
  return new DataIntegrityProof({ cryptosuite });
}
