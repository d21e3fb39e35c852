import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import { verificationSuite } from '../credentials/sign.ts';
import { DocumentRefusedError } from '../credentials/document-loader.ts';
import { failedCheck, type CheckOutcome } from './messages.ts';
import { idOf, isJsonObject, stringOf, valuesOf, type JsonObject } from './values.ts';

export type SignatureOutcome = CheckOutcome;

export interface SignatureCheckOptions {
  documentLoader: DocumentLoader;
  /** The moment used when no validity date is present; only to satisfy the library's own date check. */
  now: Date;
}

const SUPPORTED_CRYPTOSUITE = 'eddsa-rdfc-2022';

/**
 * The verification method ids of a document's proofs, in order.
 *
 * @example
 * proofVerificationMethods(credential); // ['did:web:uni.example#key-1']
 */
export function proofVerificationMethods(document: JsonObject): string[] {
  return valuesOf(document.proof)
    .map((proof) => (isJsonObject(proof) ? idOf(proof.verificationMethod) : undefined))
    .filter((vm): vm is string => typeof vm === 'string');
}

/**
 * A moment inside the document's own validity window. The library refuses to check a signature outside
 * that window, which would make an expired credential look forged; the dates are judged separately.
 */
function momentInsideValidity(document: JsonObject, fallback: Date): Date {
  for (const key of ['validFrom', 'issuanceDate', 'validUntil', 'expirationDate']) {
    const text = stringOf(document[key]);
    if (text && !Number.isNaN(Date.parse(text))) return new Date(text);
  }
  return fallback;
}

/**
 * Checks the Data Integrity `eddsa-rdfc-2022` signature of a document, and nothing about who signed it:
 * whether the key belongs to the issuer is a separate question (see key-control.ts).
 *
 * @example
 * const { ok, code } = await checkSignature(credential, { documentLoader, now: new Date() });
 */
export async function checkSignature(
  document: JsonObject,
  options: SignatureCheckOptions,
): Promise<SignatureOutcome> {
  const proofs = valuesOf(document.proof);
  if (proofs.length === 0) return failedCheck('proof-missing');
  for (const proof of proofs) {
    if (!isJsonObject(proof)) return failedCheck('proof-not-object');
    if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== SUPPORTED_CRYPTOSUITE) {
      const kind =
        [stringOf(proof.type), stringOf(proof.cryptosuite)].filter(Boolean).join(' / ') || 'unknown';
      return failedCheck('proof-unsupported', { kind });
    }
    if (proof.proofPurpose !== 'assertionMethod')
      return failedCheck('proof-wrong-purpose', { purpose: String(proof.proofPurpose) });
    if (!idOf(proof.verificationMethod)) return failedCheck('proof-no-key');
  }

  let result: Awaited<ReturnType<typeof vc.verifyCredential>>;
  try {
    result = await vc.verifyCredential({
      credential: structuredClone(document),
      suite: verificationSuite(),
      documentLoader: options.documentLoader,
      // Signature only: the issuer ↔ key relation is checked explicitly, so that it can be reported apart.
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      now: momentInsideValidity(document, options.now),
      // Status is read from the list itself; the library's answer would not say whether the bit is set.
      checkStatus: async () => ({ verified: true }),
    });
  } catch (error) {
    return explainFailure(error, document);
  }
  const every = result.results ?? [];
  if (result.verified && every.length > 0 && every.every((r) => r.verified)) {
    return { ok: true, code: 'proof-valid', params: { keys: proofVerificationMethods(document).join(', ') } };
  }
  const error = result.error ?? every.find((r) => !r.verified)?.error;
  return explainFailure(error, document);
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  details?: { cause?: unknown; code?: unknown; url?: unknown; event?: unknown };
}

/** The error and everything it wraps: jsonld and jsigs hide the real reason a few levels down. */
function errorChain(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 10) {
    const e = current as ErrorLike;
    chain.push(e);
    const errors = Array.isArray(e.errors) ? (e.errors as unknown[]) : [];
    current = e.details?.cause ?? e.cause ?? errors[0];
  }
  return chain;
}

const messageOf = (e: ErrorLike | undefined): string => (typeof e?.message === 'string' ? e.message : '');

function reasonOf(e: ErrorLike | undefined): string {
  if (e instanceof DocumentRefusedError) return e.reason;
  return messageOf(e).replace(/\.$/, '') || 'unknown reason';
}

function explainFailure(error: unknown, document: JsonObject): SignatureOutcome {
  const chain = errorChain(error);
  const top = chain[0];
  // Errors the library throws before looking at any proof: the document is not a VC at all.
  if (
    top &&
    top.name !== 'VerificationError' &&
    !(top instanceof DocumentRefusedError) &&
    chain.length === 1
  ) {
    const text = messageOf(top);
    if (text && !/signature/i.test(text)) return failedCheck('proof-malformed-credential', { reason: text });
  }

  const contextFailure = chain.find((e) => e.details?.code === 'loading remote context failed');
  if (contextFailure) {
    const url = typeof contextFailure.details?.url === 'string' ? contextFailure.details.url : 'unknown';
    const cause = chain[chain.indexOf(contextFailure) + 1];
    return failedCheck('proof-context-unavailable', { url, reason: reasonOf(cause) });
  }

  const safeMode = chain.find((e) => isJsonObject(e.details?.event));
  if (safeMode) return describeSafeModeEvent(safeMode.details!.event as JsonObject);

  if (chain.some((e) => messageOf(e) === 'Invalid signature.'))
    return failedCheck('proof-signature-mismatch');

  const refused = chain.find((e): e is DocumentRefusedError => e instanceof DocumentRefusedError);
  const keys = proofVerificationMethods(document);
  if (refused) {
    return keys.includes(refused.url)
      ? failedCheck('proof-key-unavailable', { key: refused.url, reason: refused.reason })
      : failedCheck('proof-document-unavailable', { url: refused.url, reason: refused.reason });
  }

  if (chain.some((e) => /not authorized by controller/.test(messageOf(e))))
    return failedCheck('proof-key-not-authorised', { keys: keys.join(', ') });

  if (chain.some((e) => /No matching proofs found/.test(messageOf(e))))
    return failedCheck('proof-no-matching-proof');

  const deepest = [...chain].reverse().find((e) => messageOf(e));
  return failedCheck('proof-unverifiable', { reason: messageOf(deepest) || 'unknown reason' });
}

/** jsonld's safe mode refuses terms no context defines; say which, since signing would have refused it too. */
function describeSafeModeEvent(event: JsonObject): SignatureOutcome {
  const details = isJsonObject(event.details) ? event.details : {};
  const property = stringOf(details.property);
  if (property) return failedCheck('proof-undefined-property', { property });
  const type = stringOf(details.type);
  if (type) return failedCheck('proof-undefined-type', { type });
  const id = stringOf(details.id);
  if (id) return failedCheck('proof-relative-id', { id });
  return failedCheck('proof-not-json-ld', {
    reason: `${stringOf(event.code) ?? 'unknown problem'} ${JSON.stringify(details)}`,
  });
}
