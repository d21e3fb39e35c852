import type { DocumentLoader } from '@digitalbazaar/vc';
import { DocumentRefusedError } from '../credentials/document-loader.ts';
import { idOf, isJsonObject, valuesOf, type JsonObject } from './values.ts';

export interface KeyControlOutcome {
  ok: boolean;
  detail: string;
  /** The accepted key was one the credential names itself (see `embeddedKeys`). */
  embeddedKey?: boolean;
}

export interface KeyControlOptions {
  documentLoader: DocumentLoader;
  /**
   * Keys of a URL issuer that the credential names itself (`<issuer>#z6Mk…`, the 1EdTech style): accepted,
   * but the detail says so, because such a key proves integrity and nothing about who issued it.
   */
  embeddedKeys?: ReadonlySet<string> | undefined;
}

async function load(documentLoader: DocumentLoader, url: string): Promise<JsonObject> {
  const { document } = await documentLoader(url);
  const parsed: unknown = typeof document === 'string' ? JSON.parse(document) : document;
  if (!isJsonObject(parsed)) throw new Error(`${url} is not a JSON object`);
  return parsed;
}

function reason(error: unknown): string {
  if (error instanceof DocumentRefusedError) return error.reason;
  return error instanceof Error ? error.message.replace(/\.$/, '') : String(error);
}

/**
 * Checks that every key that signed a document belongs to its issuer: the key's controller is the issuer,
 * the issuer's own document lists the key under `assertionMethod`, and the key id lies inside the issuer's
 * id (`<issuer>#…`). A signature by any other key — a did:key, another institution's key, a key that only
 * claims the issuer as controller — is refused here even when the signature itself is valid.
 *
 * @example
 * const { ok, detail } = await checkKeyControl(credential, 'did:web:uni.example', { documentLoader });
 */
export async function checkKeyControl(
  document: JsonObject,
  issuerId: string,
  options: KeyControlOptions,
): Promise<KeyControlOutcome> {
  const proofs = valuesOf(document.proof);
  if (proofs.length === 0) return { ok: false, detail: 'There is no proof, so no signing key to check.' };
  const notControlled = (vm: string, why: string): KeyControlOutcome => ({
    ok: false,
    detail: `Signed with key ${vm} which is not controlled by the issuer ${issuerId} (${why}).`,
  });

  const accepted: string[] = [];
  let embedded = false;
  for (const proof of proofs) {
    const vmId = isJsonObject(proof) ? idOf(proof.verificationMethod) : undefined;
    if (!vmId) return { ok: false, detail: 'A proof does not say which key signed it.' };

    let vm: JsonObject;
    try {
      vm = await load(options.documentLoader, vmId);
    } catch (error) {
      return { ok: false, detail: `The signing key ${vmId} cannot be loaded: ${reason(error)}.` };
    }
    const controller = idOf(vm.controller);
    if (vm.id !== vmId) return notControlled(vmId, `the key document is about ${String(vm.id)}`);
    if (controller !== issuerId)
      return notControlled(vmId, controller ? `its controller is ${controller}` : 'it names no controller');

    let issuerDocument: JsonObject;
    try {
      issuerDocument = await load(options.documentLoader, issuerId);
    } catch (error) {
      return { ok: false, detail: `The issuer's document ${issuerId} cannot be loaded: ${reason(error)}.` };
    }
    if (issuerDocument.id !== issuerId)
      return notControlled(vmId, `the document loaded for the issuer is about ${String(issuerDocument.id)}`);
    const listed = valuesOf(issuerDocument.assertionMethod).some((entry) => {
      const ref = idOf(entry);
      return ref === vmId || (ref?.startsWith('#') === true && `${issuerId}${ref}` === vmId);
    });
    if (!listed) return notControlled(vmId, 'the issuer does not list it as a key for signing credentials');
    // A document elsewhere may claim the issuer as controller; only keys inside the issuer's id are its own.
    if (!vmId.startsWith(`${issuerId}#`)) return notControlled(vmId, 'the key is not part of the issuer');

    accepted.push(vmId);
    if (options.embeddedKeys?.has(vmId.slice(issuerId.length + 1))) embedded = true;
  }

  const keys = accepted.join(', ');
  if (embedded) {
    return {
      ok: true,
      embeddedKey: true,
      detail:
        `Signed with key ${keys}. The issuer ${issuerId} is a web address, not a DID, and the key is taken ` +
        'from the credential itself: this shows the credential is unchanged, not who issued it.',
    };
  }
  return { ok: true, detail: `Signed with key ${keys}, which the issuer ${issuerId} lists as its own.` };
}
