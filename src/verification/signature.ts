import * as vc from '@digitalbazaar/vc';
import type { DocumentLoader } from '@digitalbazaar/vc';
import jsigs from 'jsonld-signatures';
import { verificationSuite } from '../credentials/sign.ts';
import { DocumentRefusedError } from '../credentials/document-loader.ts';
import { idOf, isJsonObject, stringOf, valuesOf, type JsonObject } from './values.ts';

export interface SignatureOutcome {
  ok: boolean;
  detail: string;
}

export interface SignatureCheckOptions {
  documentLoader: DocumentLoader;
  /** How the document is named in messages: "the credential", "the status list https://…". */
  noun: string;
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
 * const { ok, detail } = await checkSignature(credential, { documentLoader, noun: 'the credential', now: new Date() });
 */
export async function checkSignature(
  document: JsonObject,
  options: SignatureCheckOptions,
): Promise<SignatureOutcome> {
  const { noun } = options;
  const proofs = valuesOf(document.proof);
  if (proofs.length === 0) return { ok: false, detail: `${capitalise(noun)} has no proof.` };
  for (const proof of proofs) {
    if (!isJsonObject(proof)) return { ok: false, detail: `A proof of ${noun} is not a JSON object.` };
    if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== SUPPORTED_CRYPTOSUITE) {
      const kind =
        [stringOf(proof.type), stringOf(proof.cryptosuite)].filter(Boolean).join(' / ') || 'unknown';
      return {
        ok: false,
        detail: `${capitalise(noun)} is signed with a proof of type ${kind}; only Data Integrity ${SUPPORTED_CRYPTOSUITE} proofs can be checked.`,
      };
    }
    if (proof.proofPurpose !== 'assertionMethod') {
      return {
        ok: false,
        detail: `The proof of ${noun} has the purpose "${String(proof.proofPurpose)}"; a credential must be signed for "assertionMethod".`,
      };
    }
    if (!idOf(proof.verificationMethod))
      return { ok: false, detail: `The proof of ${noun} does not say which key signed it.` };
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
    return { ok: false, detail: explainFailure(error, document, noun) };
  }
  const every = result.results ?? [];
  if (result.verified && every.length > 0 && every.every((r) => r.verified)) {
    const keys = proofVerificationMethods(document).join(', ');
    return {
      ok: true,
      detail: `The ${SUPPORTED_CRYPTOSUITE} signature is valid (key ${keys}): ${noun} is unchanged since it was signed.`,
    };
  }
  const error = result.error ?? every.find((r) => !r.verified)?.error;
  return { ok: false, detail: explainFailure(error, document, noun) };
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

function explainFailure(error: unknown, document: JsonObject, noun: string): string {
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
    if (text && !/signature/i.test(text))
      return `${capitalise(noun)} is not a well-formed Verifiable Credential: ${text}`;
  }

  const contextFailure = chain.find((e) => e.details?.code === 'loading remote context failed');
  if (contextFailure) {
    const url = typeof contextFailure.details?.url === 'string' ? contextFailure.details.url : 'unknown';
    const cause = chain[chain.indexOf(contextFailure) + 1];
    return `Uses a JSON-LD context that cannot be loaded: ${url} (${reasonOf(cause)}).`;
  }

  const safeMode = chain.find((e) => isJsonObject(e.details?.event));
  if (safeMode) return describeSafeModeEvent(safeMode.details!.event as JsonObject, noun);

  if (chain.some((e) => messageOf(e) === 'Invalid signature.')) {
    return noun === 'the credential'
      ? 'The signature does not match the content: the credential was changed after it was signed.'
      : `The signature of ${noun} does not match its content: it was changed after it was signed.`;
  }

  const refused = chain.find((e): e is DocumentRefusedError => e instanceof DocumentRefusedError);
  const keys = proofVerificationMethods(document);
  if (refused) {
    const isKey = keys.includes(refused.url);
    return isKey
      ? `The signing key ${refused.url} cannot be loaded: ${refused.reason}.`
      : `The signature cannot be checked: ${refused.url} cannot be loaded (${refused.reason}).`;
  }

  const unauthorised = chain.find((e) => /not authorized by controller/.test(messageOf(e)));
  if (unauthorised) {
    return `The signing key ${keys.join(', ')} is not listed by its controller as a key for signing credentials (assertionMethod).`;
  }

  if (chain.some((e) => /No matching proofs found/.test(messageOf(e))))
    return `${capitalise(noun)} has no Data Integrity ${SUPPORTED_CRYPTOSUITE} proof for "assertionMethod".`;

  const deepest = [...chain].reverse().find((e) => messageOf(e));
  return `The signature cannot be checked: ${messageOf(deepest) || 'unknown reason'}`;
}

/** jsonld's safe mode refuses terms no context defines; say which, since signing would have refused it too. */
function describeSafeModeEvent(event: JsonObject, noun: string): string {
  const details = isJsonObject(event.details) ? event.details : {};
  const property = stringOf(details.property);
  if (property)
    return `${capitalise(noun)} uses the property "${property}", which none of its JSON-LD contexts defines.`;
  const type = stringOf(details.type);
  if (type) return `${capitalise(noun)} uses the type "${type}", which none of its JSON-LD contexts defines.`;
  const id = stringOf(details.id);
  if (id) return `${capitalise(noun)} uses the relative identifier "${id}"; identifiers must be absolute.`;
  return `${capitalise(noun)} cannot be read as JSON-LD: ${stringOf(event.code) ?? 'unknown problem'} ${JSON.stringify(details)}.`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
