import type { DocumentLoader } from '@digitalbazaar/vc';
import { Bitstring, STATUS_LIST_ENTRIES } from '../credentials/bitstring.ts';
import { DocumentRefusedError } from '../credentials/document-loader.ts';
import { checkKeyControl } from './key-control.ts';
import { checkSignature } from './signature.ts';
import { idOf, isJsonObject, stringOf, typesOf, valuesOf, type JsonObject } from './values.ts';

export interface StatusOutcome {
  ok: boolean;
  detail: string;
}

export interface StatusCheckOptions {
  documentLoader: DocumentLoader;
  now: Date;
}

/** Wider entries than this are not a status any issuer would use, and would overflow the bit reader. */
const MAX_STATUS_SIZE = 16;

/**
 * Reads the credential's status from the issuer's signed Bitstring Status List: the list must load, carry
 * a valid signature by a key of the same issuer, and still be valid; then the entry's bits decide.
 * Libraries answer `verified: true` for a revoked credential, so the bits are read here, never inferred.
 *
 * @example
 * const { ok, detail } = await checkCredentialStatus(credential, issuerId, { documentLoader, now: new Date() });
 */
export async function checkCredentialStatus(
  credential: JsonObject,
  issuerId: string,
  options: StatusCheckOptions,
): Promise<StatusOutcome> {
  const entries = valuesOf(credential.credentialStatus);
  if (entries.length === 0)
    return { ok: true, detail: 'The credential has no status entry; it cannot be revoked.' };
  const outcomes: StatusOutcome[] = [];
  for (const entry of entries) outcomes.push(await checkEntry(entry, issuerId, options));
  const failed = outcomes.filter((o) => !o.ok);
  return failed.length
    ? { ok: false, detail: failed.map((o) => o.detail).join(' ') }
    : { ok: true, detail: outcomes.map((o) => o.detail).join(' ') };
}

async function checkEntry(
  entry: unknown,
  issuerId: string,
  options: StatusCheckOptions,
): Promise<StatusOutcome> {
  const fail = (detail: string): StatusOutcome => ({ ok: false, detail });
  if (!isJsonObject(entry)) return fail('The status entry is not a JSON object.');
  if (!typesOf(entry).includes('BitstringStatusListEntry'))
    return fail(
      `The status entry has type ${typesOf(entry).join(', ') || '(none)'}; only BitstringStatusListEntry is supported.`,
    );
  const url = idOf(entry.statusListCredential);
  if (!url) return fail('The status entry does not say where its status list is.');
  const purpose = stringOf(entry.statusPurpose);
  if (!purpose) return fail('The status entry has no statusPurpose.');
  const index = Number(entry.statusListIndex);
  if (!Number.isInteger(index) || index < 0 || String(entry.statusListIndex).trim() === '')
    return fail(`The status entry's index "${String(entry.statusListIndex)}" is not a whole number.`);
  const size = entry.statusSize === undefined ? 1 : Number(entry.statusSize);
  if (!Number.isInteger(size) || size < 1 || size > MAX_STATUS_SIZE)
    return fail(`The status entry's statusSize "${String(entry.statusSize)}" is not supported.`);

  let list: JsonObject;
  try {
    const { document } = await options.documentLoader(url);
    const parsed: unknown = typeof document === 'string' ? JSON.parse(document) : document;
    if (!isJsonObject(parsed)) return fail(`The status list ${url} is not a JSON object.`);
    list = parsed;
  } catch (error) {
    const why = error instanceof DocumentRefusedError ? error.reason : (error as Error).message;
    return fail(`The status list ${url} cannot be loaded (${why}), so the status is unknown.`);
  }

  const listProblem = await problemWithList(list, url, issuerId, options);
  if (listProblem) return fail(listProblem);

  const subject = list.credentialSubject;
  if (!isJsonObject(subject)) return fail(`The status list ${url} has no list in it.`);
  const listPurposes = valuesOf(subject.statusPurpose).filter((p): p is string => typeof p === 'string');
  if (!listPurposes.includes(purpose))
    return fail(`The status list ${url} is for "${listPurposes.join(', ')}", not for "${purpose}".`);
  const encoded = stringOf(subject.encodedList);
  if (!encoded) return fail(`The status list ${url} has no encodedList.`);

  let value: number;
  try {
    value = Bitstring.decode(encoded, STATUS_LIST_ENTRIES, size).get(index);
  } catch (error) {
    return fail(`The status list ${url} cannot be read: ${(error as Error).message}`);
  }
  const where = `entry ${index} of ${url}`;

  if (purpose === 'revocation')
    return value === 0 ? { ok: true, detail: `Not revoked (${where}).` } : fail('Revoked by the issuer.');
  if (purpose === 'suspension')
    return value === 0 ? { ok: true, detail: `Not suspended (${where}).` } : fail('Suspended by the issuer.');
  if (purpose === 'message') {
    const hex = `0x${value.toString(16)}`;
    const message = valuesOf(entry.statusMessage)
      .filter(isJsonObject)
      .find((m) => {
        const status = stringOf(m.status);
        return status !== undefined && /^0x[0-9a-f]+$/i.test(status) && parseInt(status, 16) === value;
      });
    const text = message ? stringOf(message.message) : undefined;
    if (text === undefined)
      return fail(`The status is ${hex}, which the credential does not explain (${where}).`);
    if (text === 'valid')
      return { ok: true, detail: `Not revoked or suspended: the issuer's list marks it valid (${where}).` };
    if (text === 'revoked') return fail('Revoked by the issuer.');
    if (text === 'suspended') return fail('Suspended by the issuer.');
    return fail(`The issuer set the status "${text}" (${hex}, ${where}).`);
  }
  return fail(`The status purpose "${purpose}" is not supported, so the status is unknown.`);
}

/** Bits are only as trustworthy as the list: same issuer, valid signature by that issuer's key, not expired. */
async function problemWithList(
  list: JsonObject,
  url: string,
  issuerId: string,
  options: StatusCheckOptions,
): Promise<string | undefined> {
  if (!typesOf(list).includes('BitstringStatusListCredential'))
    return `The document at ${url} is not a BitstringStatusListCredential.`;
  const listIssuer = idOf(list.issuer);
  if (listIssuer !== issuerId)
    return `The status list ${url} was issued by ${listIssuer ?? 'nobody'}, not by the credential's issuer ${issuerId}.`;
  const noun = `the status list ${url}`;
  const signature = await checkSignature(list, {
    documentLoader: options.documentLoader,
    noun,
    now: options.now,
  });
  if (!signature.ok) return signature.detail;
  const control = await checkKeyControl(list, issuerId, { documentLoader: options.documentLoader });
  if (!control.ok) return `The status list ${url} is not signed by its issuer: ${control.detail}`;
  const until = stringOf(list.validUntil);
  if (until && Date.parse(until) < options.now.getTime())
    return `The status list ${url} expired on ${until}, so the current status is unknown.`;
  const from = stringOf(list.validFrom);
  if (from && Date.parse(from) > options.now.getTime())
    return `The status list ${url} is not valid until ${from}, so the current status is unknown.`;
  return undefined;
}
