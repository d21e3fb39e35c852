import type { DocumentLoader } from '@digitalbazaar/vc';
import { DocumentRefusedError } from '../credentials/document-loader.ts';
import { failedCheck, type CheckOutcome } from './messages.ts';
import { idOf, isJsonObject, valuesOf, type JsonObject } from './values.ts';

export interface KeyControlOutcome extends CheckOutcome {
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
 * const { ok, code } = await checkKeyControl(credential, 'did:web:uni.example', { documentLoader });
 */
export async function checkKeyControl(
  document: JsonObject,
  issuerId: string,
  options: KeyControlOptions,
): Promise<KeyControlOutcome> {
  const proofs = valuesOf(document.proof);
  if (proofs.length === 0) return failedCheck('key-no-proof');

  const accepted: string[] = [];
  let embedded = false;
  for (const proof of proofs) {
    const vmId = isJsonObject(proof) ? idOf(proof.verificationMethod) : undefined;
    if (!vmId) return failedCheck('key-no-verification-method');
    const about = { key: vmId, issuer: issuerId };

    let vm: JsonObject;
    try {
      vm = await load(options.documentLoader, vmId);
    } catch (error) {
      return failedCheck('key-unavailable', { key: vmId, reason: reason(error) });
    }
    const controller = idOf(vm.controller);
    if (vm.id !== vmId) return failedCheck('key-document-mismatch', { ...about, about: String(vm.id) });
    if (!controller) return failedCheck('key-no-controller', about);
    if (controller !== issuerId) return failedCheck('key-controller-other', { ...about, controller });

    let issuerDocument: JsonObject;
    try {
      issuerDocument = await load(options.documentLoader, issuerId);
    } catch (error) {
      return failedCheck('key-issuer-document-unavailable', { issuer: issuerId, reason: reason(error) });
    }
    if (issuerDocument.id !== issuerId)
      return failedCheck('key-issuer-document-mismatch', { ...about, about: String(issuerDocument.id) });
    const listed = valuesOf(issuerDocument.assertionMethod).some((entry) => {
      const ref = idOf(entry);
      return ref === vmId || (ref?.startsWith('#') === true && `${issuerId}${ref}` === vmId);
    });
    if (!listed) return failedCheck('key-not-listed', about);
    // A document elsewhere may claim the issuer as controller; only keys inside the issuer's id are its own.
    if (!vmId.startsWith(`${issuerId}#`)) return failedCheck('key-outside-issuer', about);

    accepted.push(vmId);
    if (options.embeddedKeys?.has(vmId.slice(issuerId.length + 1))) embedded = true;
  }

  const params = { keys: accepted.join(', '), issuer: issuerId };
  return embedded
    ? { ok: true, embeddedKey: true, code: 'key-embedded', params }
    : { ok: true, code: 'key-issuers-own', params };
}
