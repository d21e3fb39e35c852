import type { DocumentLoader } from '@digitalbazaar/vc';
import { Bitstring, STATUS_LIST_ENTRIES } from '../credentials/bitstring.ts';
import { DocumentRefusedError } from '../credentials/document-loader.ts';
import { checkKeyControl } from './key-control.ts';
import { renderCheckMessage, type CheckOutcome, type CheckParams } from './messages.ts';
import { checkSignature, proofVerificationMethods } from './signature.ts';
import { idOf, isJsonObject, stringOf, typesOf, valuesOf, type JsonObject } from './values.ts';

export type StatusOutcome = CheckOutcome;

/** What this platform recorded about a status change of one of its own credentials. */
export interface StatusRecord {
  /** When the status was changed (ISO 8601). */
  changedAt?: string | null;
  /** The reason given when it was changed, which is public. */
  reason?: string | null;
}

export interface StatusCheckOptions {
  documentLoader: DocumentLoader;
  now: Date;
  /**
   * The record behind a status entry when the list is this platform's own, so that a revoked credential
   * says when and why; for lists of others the date of the list is all there is.
   */
  statusRecord?: (entry: {
    listUrl: string;
    index: number;
    purpose: string;
  }) => Promise<StatusRecord | undefined> | StatusRecord | undefined;
}

/** Wider entries than this are not a status any issuer would use, and would overflow the bit reader. */
const MAX_STATUS_SIZE = 16;

/** Which failure is told when several entries fail: revoked before suspended before anything else. */
const SEVERITY: Partial<Record<CheckOutcome['code'], number>> = {
  'status-revoked': 2,
  'status-suspended': 1,
};

/**
 * Reads the credential's status from the issuer's signed Bitstring Status List: the list must load, carry
 * a valid signature by a key of the same issuer, and still be valid; then the entry's bits decide.
 * Libraries answer `verified: true` for a revoked credential, so the bits are read here, never inferred.
 * Entries with `statusPurpose` revocation, suspension and the two-bit `message` entry are all read.
 *
 * @example
 * const { ok, code } = await checkCredentialStatus(credential, issuerId, { documentLoader, now: new Date() });
 */
export async function checkCredentialStatus(
  credential: JsonObject,
  issuerId: string,
  options: StatusCheckOptions,
): Promise<StatusOutcome> {
  const entries = valuesOf(credential.credentialStatus);
  if (entries.length === 0) return { ok: true, code: 'status-none', params: {} };
  const outcomes: StatusOutcome[] = [];
  for (const entry of entries) outcomes.push(await checkEntry(entry, issuerId, options));
  const failed = outcomes
    .filter((o) => !o.ok)
    .sort((a, b) => (SEVERITY[b.code] ?? 0) - (SEVERITY[a.code] ?? 0));
  if (failed[0]) return failed[0];
  return outcomes.length === 1
    ? outcomes[0]!
    : { ok: true, code: 'status-clear', params: { count: outcomes.length } };
}

async function checkEntry(
  entry: unknown,
  issuerId: string,
  options: StatusCheckOptions,
): Promise<StatusOutcome> {
  const fail = (code: CheckOutcome['code'], params: CheckParams = {}): StatusOutcome => ({
    ok: false,
    code,
    params,
  });
  if (!isJsonObject(entry)) return fail('status-entry-not-object');
  if (!typesOf(entry).includes('BitstringStatusListEntry'))
    return fail('status-entry-type', { types: typesOf(entry).join(', ') });
  const url = idOf(entry.statusListCredential);
  if (!url) return fail('status-entry-no-list');
  const purpose = stringOf(entry.statusPurpose);
  if (!purpose) return fail('status-entry-no-purpose');
  const index = Number(entry.statusListIndex);
  if (!Number.isInteger(index) || index < 0 || String(entry.statusListIndex).trim() === '')
    return fail('status-entry-index', { index: String(entry.statusListIndex) });
  const size = entry.statusSize === undefined ? 1 : Number(entry.statusSize);
  if (!Number.isInteger(size) || size < 1 || size > MAX_STATUS_SIZE)
    return fail('status-entry-size', { size: String(entry.statusSize) });
  if (!['revocation', 'suspension', 'message'].includes(purpose))
    return fail('status-purpose-unsupported', { purpose });

  let list: JsonObject;
  try {
    const { document } = await options.documentLoader(url);
    const parsed: unknown = typeof document === 'string' ? JSON.parse(document) : document;
    if (!isJsonObject(parsed)) return fail('status-list-not-object', { url });
    list = parsed;
  } catch (error) {
    const why = error instanceof DocumentRefusedError ? error.reason : (error as Error).message;
    return fail('status-list-unavailable', { url, reason: why });
  }

  const listProblem = await problemWithList(list, url, issuerId, options);
  if (listProblem) return listProblem;

  const subject = list.credentialSubject;
  if (!isJsonObject(subject)) return fail('status-list-empty', { url });
  const listPurposes = valuesOf(subject.statusPurpose).filter((p): p is string => typeof p === 'string');
  if (!listPurposes.includes(purpose))
    return fail('status-list-purpose-mismatch', { url, listPurposes: listPurposes.join(', '), purpose });
  const encoded = stringOf(subject.encodedList);
  if (!encoded) return fail('status-list-empty', { url });

  let value: number;
  try {
    value = Bitstring.decode(encoded, STATUS_LIST_ENTRIES, size).get(index);
  } catch (error) {
    return fail('status-list-unreadable', { url, reason: (error as Error).message });
  }
  const where = { index, url };

  /** When and why: from this platform's own record, or else the moment the issuer signed the list. */
  const changed = async (code: 'status-revoked' | 'status-suspended'): Promise<StatusOutcome> => {
    const record = await options.statusRecord?.({ listUrl: url, index, purpose });
    if (record?.changedAt) {
      return fail(code, {
        ...where,
        date: record.changedAt,
        dateKind: 'recorded',
        ...(record.reason ? { reason: record.reason } : {}),
      });
    }
    const signedAt = stringOf(list.validFrom);
    return signedAt && !Number.isNaN(Date.parse(signedAt))
      ? fail(code, { ...where, date: signedAt, dateKind: 'list' })
      : fail(code, where);
  };

  if (purpose === 'revocation')
    return value === 0 ? { ok: true, code: 'status-not-revoked', params: where } : changed('status-revoked');
  if (purpose === 'suspension')
    return value === 0
      ? { ok: true, code: 'status-not-suspended', params: where }
      : changed('status-suspended');
  const hex = `0x${value.toString(16)}`;
  const message = valuesOf(entry.statusMessage)
    .filter(isJsonObject)
    .find((m) => {
      const status = stringOf(m.status);
      return status !== undefined && /^0x[0-9a-f]+$/i.test(status) && parseInt(status, 16) === value;
    });
  const text = message ? stringOf(message.message) : undefined;
  if (text === undefined) return fail('status-unexplained', { ...where, value: hex });
  if (text === 'valid') return { ok: true, code: 'status-marked-valid', params: where };
  if (text === 'revoked') return changed('status-revoked');
  if (text === 'suspended') return changed('status-suspended');
  return fail('status-other', { ...where, value: hex, message: text });
}

/** Bits are only as trustworthy as the list: same issuer, valid signature by that issuer's key, not expired. */
async function problemWithList(
  list: JsonObject,
  url: string,
  issuerId: string,
  options: StatusCheckOptions,
): Promise<StatusOutcome | undefined> {
  const fail = (code: CheckOutcome['code'], params: CheckParams): StatusOutcome => ({
    ok: false,
    code,
    params,
  });
  if (!typesOf(list).includes('BitstringStatusListCredential'))
    return fail('status-list-wrong-type', { url });
  const listIssuer = idOf(list.issuer);
  if (listIssuer !== issuerId)
    return fail('status-list-other-issuer', { url, listIssuer: listIssuer ?? '', issuer: issuerId });
  const signature = await checkSignature(list, { documentLoader: options.documentLoader, now: options.now });
  if (!signature.ok) {
    if (signature.code === 'proof-signature-mismatch') return fail('status-list-changed', { url });
    return fail('status-list-signature-unverifiable', {
      url,
      reason: renderCheckMessage(signature.code, signature.params, 'en'),
    });
  }
  const control = await checkKeyControl(list, issuerId, { documentLoader: options.documentLoader });
  if (!control.ok)
    return fail('status-list-wrong-signer', {
      url,
      issuer: issuerId,
      key: String(control.params.key ?? proofVerificationMethods(list).join(', ')),
    });
  const until = stringOf(list.validUntil);
  if (until && Date.parse(until) < options.now.getTime())
    return fail('status-list-expired', { url, date: until });
  const from = stringOf(list.validFrom);
  if (from && Date.parse(from) > options.now.getTime())
    return fail('status-list-not-yet-valid', { url, date: from });
  return undefined;
}
