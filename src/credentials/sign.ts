import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '@digitalbazaar/vc';
import type { KeyPair } from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

/**
 * Signs a credential with Data Integrity `eddsa-rdfc-2022`. The input is left untouched (the library
 * would otherwise add the proof to it in place). `proof` always comes back as an array: the OB 3.0 schema
 * requires one, and Data Integrity treats one proof and an array of one alike (the proof is not part of
 * what is signed), so every verifier reads it.
 *
 * @example
 * const signed = await signCredential(unsigned, keyPair, documentLoader); // signed.proof: [{ type: 'DataIntegrityProof', … }]
 */
export async function signCredential(
  credential: Record<string, unknown>,
  keyPair: KeyPair,
  documentLoader: DocumentLoader,
  date?: string,
): Promise<Record<string, unknown>> {
  const suite = new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite, ...(date ? { date } : {}) });
  const signed = await vc.issue({ credential: structuredClone(credential), suite, documentLoader });
  const proof: unknown = signed.proof;
  return { ...signed, proof: Array.isArray(proof) ? proof : [proof] };
}

export function verificationSuite(): DataIntegrityProof {
  return new DataIntegrityProof({ cryptosuite });
}
