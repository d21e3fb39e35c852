import type { DocumentLoader } from '@digitalbazaar/vc';
import { createDocumentLoader, urlIssuerKeysFromCredential } from '../credentials/document-loader.ts';
import { checkOpenBadgeSchema, type SchemaReport } from '../credentials/schema.ts';
import { checkKeyControl } from './key-control.ts';
import { checkSignature } from './signature.ts';
import {
  renderCheckMessage,
  type CheckCode,
  type CheckOutcome,
  type CheckParams,
  type MessageLang,
} from './messages.ts';
import { checkCredentialStatus, type StatusCheckOptions } from './status.ts';
import { summariseCredential, type CredentialSummary } from './summary.ts';
import { idOf, isJsonObject, stringOf, type JsonObject } from './values.ts';

export {
  parseCredentialInput,
  assertCredentialObject,
  UnreadableCredentialError,
} from './credential-input.ts';
export type { CredentialSummary } from './summary.ts';

export { CHECK_CODES, type CheckCode, type CheckParams } from './messages.ts';

export type CheckName =
  'json' | 'schema' | 'proof' | 'issuer-key' | 'status' | 'validity' | 'issuer-recognised';

/** The checks, in the order they are reported. */
export const CHECK_NAMES: readonly CheckName[] = [
  'json',
  'schema',
  'proof',
  'issuer-key',
  'status',
  'validity',
  'issuer-recognised',
];

export interface VerificationCheck {
  name: CheckName;
  /** Why, as a stable code (see CHECK_CODES); its words are in messages.ts, in Dutch and English. */
  code: CheckCode;
  ok: boolean;
  /** Why, in words a person understands (English unless rendered for a language, see localiseResult). */
  detail: string;
  /** An `error` that is not ok makes the credential not valid; a `warning` is shown but does not. */
  level: 'error' | 'warning';
  /** The values the explanation names (dates as ISO 8601), so that any interface can word it itself. */
  params: CheckParams;
  /** True when the check could not run because an earlier one failed; `ok` is then false. */
  skipped?: boolean;
}

/**
 * How far the issuer named in a credential is vouched for:
 * - `recognised`: an institution of this platform or a configured trusted issuer, and its DID document
 *   binds the signing key to it;
 * - `unrecognised`: the key is bound to a DID that resolves, but that issuer is not on the list;
 * - `unconfirmed`: nothing but the credential itself vouches for the key (a web-address issuer with the key
 *   in the fragment, a signature or key that does not hold, an impersonation).
 */
export type IssuerTrust = 'recognised' | 'unrecognised' | 'unconfirmed';
export const ISSUER_TRUST_LEVELS: readonly IssuerTrust[] = ['recognised', 'unrecognised', 'unconfirmed'];

export interface VerifiedIssuer {
  /** The issuer as the credential names it; absent when it names none. */
  id?: string;
  /** The name as claimed in the credential, or this platform's own name for a recognised issuer. */
  name?: string;
  trust: IssuerTrust;
}

export interface VerificationResult {
  verified: boolean;
  checks: VerificationCheck[];
  issuer: VerifiedIssuer;
  credential: CredentialSummary;
}

/** How this platform knows an issuer. */
export interface RecognisedIssuer {
  /** Shown to the person verifying; the name in the credential is used when absent. */
  name?: string;
  /** An institution of this platform itself, rather than an issuer on the trusted list. */
  onThisPlatform?: boolean;
}

export interface VerifyOptions {
  /** One loader for every credential; without it (and without `loaderFor`) only bundled documents load. */
  documentLoader?: DocumentLoader;
  /**
   * Builds the loader for one credential, given the keys that URL issuers name in it (1EdTech style, see
   * `urlIssuerKeysFromCredential`). Preferred over `documentLoader` when both are given.
   */
  loaderFor?: (urlIssuerKeys: Map<string, Set<string>>) => DocumentLoader;
  isRecognisedIssuer: (
    issuerId: string,
  ) => RecognisedIssuer | undefined | Promise<RecognisedIssuer | undefined>;
  /**
   * The host of this platform's public URL (`stapel.example`, `localhost:3000`). An issuer named on it
   * (an http(s) URL or a did:web) that is not one of its institutions is refused as impersonation.
   */
  ownHost?: string;
  /** When and why this platform changed the status of one of its own credentials (see StatusCheckOptions). */
  statusRecord?: StatusCheckOptions['statusRecord'];
  /** The moment to judge validity dates and status lists at; defaults to the current time. */
  now?: Date;
}

const SCHEMA_PROBLEMS_SHOWN = 3;

/**
 * Findings whose level differs from their check's: a schema deviation that VC 2.0 allows is a warning, and
 * an impersonation makes the (otherwise warning-level) issuer check an error.
 */
const LEVEL_OF: Partial<Record<CheckCode, 'error' | 'warning'>> = {
  'schema-deviation': 'warning',
  'issuer-impersonation': 'error',
};

/**
 * Verifies an Open Badges 3.0 credential and reports each check on its own, so that a person can see why
 * it is or is not valid, and how far its issuer is vouched for. Never throws for a bad credential: every
 * problem becomes a failed check.
 *
 * @example
 * const result = await verifyCredential(parseCredentialInput(text), {
 *   loaderFor: (urlIssuerKeys) => platformDocumentLoader(db, settings, { urlIssuerKeys }),
 *   isRecognisedIssuer: (id) => (trusted.has(id) ? { name: trusted.get(id) } : undefined),
 *   ownHost: 'stapel.example',
 * });
 * if (result.issuer.trust !== 'recognised') console.log(`Claims to be issued by ${result.issuer.name}`);
 */
export async function verifyCredential(input: unknown, options: VerifyOptions): Promise<VerificationResult> {
  const now = options.now ?? new Date();
  const checks: VerificationCheck[] = [];
  const add = (
    name: CheckName,
    outcome: { ok: boolean; code: CheckCode; params?: CheckParams },
    level: 'error' | 'warning' = 'error',
  ) => {
    const params = outcome.params ?? {};
    checks.push({
      name,
      code: outcome.code,
      ok: outcome.ok,
      detail: renderCheckMessage(outcome.code, params, 'en'),
      level: LEVEL_OF[outcome.code] ?? level,
      params,
    });
  };
  const skip = (names: CheckName[], code: CheckCode) => {
    for (const name of names)
      checks.push({
        name,
        code,
        ok: false,
        detail: renderCheckMessage(code, {}, 'en'),
        level: name === 'issuer-recognised' ? 'warning' : 'error',
        params: {},
        skipped: true,
      });
  };
  const claimedName =
    isJsonObject(input) && isJsonObject(input.issuer) ? stringOf(input.issuer.name) : undefined;
  const issuerId = isJsonObject(input) ? idOf(input.issuer) : undefined;
  let issuer: VerifiedIssuer = defined({
    id: issuerId,
    name: claimedName,
    trust: 'unconfirmed' as IssuerTrust,
  });
  const finish = (): VerificationResult => ({
    verified: checks.every((c) => c.ok || c.level !== 'error'),
    checks,
    issuer,
    credential: summariseCredential(input),
  });

  const shapeProblem = shapeProblemOf(input);
  if (shapeProblem) {
    add('json', shapeProblem);
    skip(
      ['schema', 'proof', 'issuer-key', 'status', 'validity', 'issuer-recognised'],
      'skipped-not-a-credential',
    );
    return finish();
  }
  const credential = input as JsonObject;
  add('json', { ok: true, code: 'json-ok' });

  add('schema', describeSchema(checkOpenBadgeSchema(credential)));

  const urlIssuerKeys = urlIssuerKeysFromCredential(credential);
  const documentLoader =
    options.loaderFor?.(urlIssuerKeys) ?? options.documentLoader ?? createDocumentLoader({ urlIssuerKeys });

  const proof = await checkSignature(credential, { documentLoader, now });
  add('proof', proof);

  let keyOk = false;
  let embeddedKey = false;
  if (!issuerId) {
    add('issuer-key', { ok: false, code: 'key-no-issuer' });
  } else {
    const embeddedKeys = urlIssuerKeys.get(issuerId);
    const control = await checkKeyControl(credential, issuerId, { documentLoader, embeddedKeys });
    add('issuer-key', control);
    keyOk = control.ok;
    embeddedKey = control.embeddedKey === true;
  }

  // Known before anything the credential says is trusted: naming this platform's host is refused outright.
  const recognised = issuerId ? await options.isRecognisedIssuer(issuerId) : undefined;
  const impersonatedHost =
    issuerId && options.ownHost && !recognised?.onThisPlatform
      ? hostNamedBy(issuerId, options.ownHost)
      : undefined;

  // What the credential says (status entry, dates, issuer) counts only once the signature holds.
  if (!proof.ok) {
    skip(['status', 'validity'], 'skipped-signature-unconfirmed');
    if (impersonatedHost) add('issuer-recognised', impersonation(issuerId!, impersonatedHost));
    else skip(['issuer-recognised'], 'skipped-signature-unconfirmed');
    return finish();
  }

  if (!issuerId) {
    skip(['status'], 'skipped-no-issuer');
  } else {
    const status = await checkCredentialStatus(credential, issuerId, {
      documentLoader,
      now,
      ...(options.statusRecord ? { statusRecord: options.statusRecord } : {}),
    });
    add('status', status);
  }

  add('validity', checkValidity(credential, now));

  if (!issuerId) {
    skip(['issuer-recognised'], 'skipped-no-issuer');
  } else if (impersonatedHost) {
    add('issuer-recognised', impersonation(issuerId, impersonatedHost));
  } else if (!keyOk) {
    skip(['issuer-recognised'], 'skipped-key-not-issuers');
  } else if (embeddedKey) {
    // Anyone can write a key into a credential; a trusted URL issuer must not lend its name to that.
    add(
      'issuer-recognised',
      {
        ok: false,
        code: 'issuer-unconfirmed-embedded-key',
        params: { ...defined({ id: issuerId, name: claimedName ?? '' }), trusted: recognised ? 'yes' : 'no' },
      },
      'warning',
    );
  } else if (recognised) {
    const name = recognised.name ?? claimedName ?? issuerId;
    issuer = { id: issuerId, name, trust: 'recognised' };
    add(
      'issuer-recognised',
      {
        ok: true,
        code: recognised.onThisPlatform ? 'issuer-recognised-platform' : 'issuer-recognised-trusted',
        params: { id: issuerId, name },
      },
      'warning',
    );
  } else {
    issuer = defined({ id: issuerId, name: claimedName, trust: 'unrecognised' as IssuerTrust });
    add(
      'issuer-recognised',
      { ok: false, code: 'issuer-unrecognised', params: { id: issuerId, name: claimedName ?? '' } },
      'warning',
    );
  }
  return finish();
}

/**
 * The same result with every explanation in another language; the codes and parameters stay as they are.
 *
 * @example
 * reply.send(localiseResult(result, requestLang(request)));
 */
export function localiseResult(result: VerificationResult, lang: MessageLang): VerificationResult {
  return {
    ...result,
    checks: result.checks.map((c) => ({ ...c, detail: renderCheckMessage(c.code, c.params ?? {}, lang) })),
  };
}

function impersonation(issuerId: string, host: string) {
  return { ok: false, code: 'issuer-impersonation' as const, params: { id: issuerId, host } };
}

/**
 * The host when an issuer id names this platform's host: an http(s) URL on it, or a did:web on it.
 *
 * @example
 * hostNamedBy('https://stapel.example/institutions/x/profile.json', 'stapel.example'); // 'stapel.example'
 */
export function hostNamedBy(issuerId: string, ownHost: string): string | undefined {
  const own = ownHost.toLowerCase();
  if (/^https?:\/\//i.test(issuerId)) {
    if (!URL.canParse(issuerId)) return undefined;
    return new URL(issuerId).host.toLowerCase() === own ? ownHost : undefined;
  }
  const didWeb = /^did:web:([^:#?/]+)/i.exec(issuerId);
  if (didWeb) {
    let host: string;
    try {
      host = decodeURIComponent(didWeb[1]!).toLowerCase();
    } catch {
      return undefined;
    }
    return host === own ? ownHost : undefined;
  }
  return undefined;
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

function shapeProblemOf(input: unknown): CheckOutcome | undefined {
  if (!isJsonObject(input)) return { ok: false, code: 'json-not-object', params: {} };
  const missing = ['@context', 'type', 'proof'].filter(
    (key) => input[key] === undefined || input[key] === null,
  );
  if (missing.length === 0) return undefined;
  return missing.length === 1 && missing[0] === 'proof'
    ? { ok: false, code: 'json-unsigned', params: {} }
    : { ok: false, code: 'json-missing', params: { missing: missing.join(',') } };
}

function describeSchema(report: SchemaReport): CheckOutcome & { ok: boolean } {
  const { problems, deviations } = report;
  if (problems.length === 0 && deviations.length === 0) return { ok: true, code: 'schema-valid', params: {} };
  if (problems.length === 0)
    return { ok: false, code: 'schema-deviation', params: { deviations: deviations.join(',') } };
  const distinct = [...new Set(problems.map((p) => `${p.path} ${p.message}`))];
  return {
    ok: false,
    code: 'schema-invalid',
    params: {
      problems: distinct.slice(0, SCHEMA_PROBLEMS_SHOWN).join('; '),
      more: Math.max(0, distinct.length - SCHEMA_PROBLEMS_SHOWN),
    },
  };
}

function checkValidity(credential: JsonObject, now: Date): CheckOutcome {
  const from = stringOf(credential.validFrom) ?? stringOf(credential.issuanceDate);
  const until = stringOf(credential.validUntil) ?? stringOf(credential.expirationDate);
  for (const [field, value] of [
    ['validFrom', from],
    ['validUntil', until],
  ] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value)))
      return { ok: false, code: 'validity-not-a-date', params: { field, value } };
  }
  if (from && Date.parse(from) > now.getTime())
    return { ok: false, code: 'validity-not-yet', params: { from } };
  if (until && Date.parse(until) < now.getTime())
    return { ok: false, code: 'validity-expired', params: { until } };
  if (from && until) return { ok: true, code: 'validity-window', params: { from, until } };
  if (from) return { ok: true, code: 'validity-from', params: { from } };
  if (until) return { ok: true, code: 'validity-until', params: { until } };
  return { ok: true, code: 'validity-none', params: {} };
}
