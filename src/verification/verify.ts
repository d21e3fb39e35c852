import type { DocumentLoader } from '@digitalbazaar/vc';
import { createDocumentLoader, urlIssuerKeysFromCredential } from '../credentials/document-loader.ts';
import { validateOpenBadgeSchema } from '../credentials/schema.ts';
import { checkKeyControl } from './key-control.ts';
import { checkSignature } from './signature.ts';
import { checkCredentialStatus } from './status.ts';
import { summariseCredential, type CredentialSummary } from './summary.ts';
import { idOf, isJsonObject, stringOf, type JsonObject } from './values.ts';

export {
  parseCredentialInput,
  assertCredentialObject,
  UnreadableCredentialError,
} from './credential-input.ts';
export type { CredentialSummary } from './summary.ts';

export type CheckName =
  'json' | 'schema' | 'proof' | 'issuer-key' | 'status' | 'validity' | 'issuer-recognised';

export interface VerificationCheck {
  name: CheckName;
  ok: boolean;
  /** An `error` that is not ok makes the credential not valid; a `warning` is shown but does not. */
  level: 'error' | 'warning';
  /** Why, in words a person understands. */
  detail: string;
  /** True when the check could not run because an earlier one failed; `ok` is then false. */
  skipped?: boolean;
}

export interface VerificationResult {
  verified: boolean;
  checks: VerificationCheck[];
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
  /** The moment to judge validity dates and status lists at; defaults to the current time. */
  now?: Date;
}

const SCHEMA_PROBLEMS_SHOWN = 3;

/**
 * Verifies an Open Badges 3.0 credential and reports each check on its own, so that a person can see why
 * it is or is not valid. Never throws for a bad credential: every problem becomes a failed check.
 *
 * @example
 * const result = await verifyCredential(parseCredentialInput(text), {
 *   loaderFor: (urlIssuerKeys) => platformDocumentLoader(db, settings, { urlIssuerKeys }),
 *   isRecognisedIssuer: (id) => (trusted.has(id) ? { name: trusted.get(id) } : undefined),
 * });
 * if (!result.verified) console.log(result.checks.filter((c) => !c.ok).map((c) => c.detail));
 */
export async function verifyCredential(input: unknown, options: VerifyOptions): Promise<VerificationResult> {
  const now = options.now ?? new Date();
  const checks: VerificationCheck[] = [];
  const add = (name: CheckName, ok: boolean, detail: string, level: 'error' | 'warning' = 'error') => {
    checks.push({ name, ok, level, detail });
  };
  const skip = (names: CheckName[], why: string) => {
    for (const name of names)
      checks.push({
        name,
        ok: false,
        level: name === 'issuer-recognised' ? 'warning' : 'error',
        detail: `Not checked: ${why}`,
        skipped: true,
      });
  };
  const finish = (): VerificationResult => ({
    verified: checks.every((c) => c.ok || c.level !== 'error'),
    checks,
    credential: summariseCredential(input),
  });

  const shapeProblem = describeShapeProblem(input);
  if (shapeProblem) {
    add('json', false, shapeProblem);
    skip(
      ['schema', 'proof', 'issuer-key', 'status', 'validity', 'issuer-recognised'],
      'the input is not a signed credential.',
    );
    return finish();
  }
  const credential = input as JsonObject;
  add('json', true, 'A JSON object with @context, type and proof.');

  const problems = validateOpenBadgeSchema(credential);
  add('schema', problems.length === 0, describeSchemaProblems(problems));

  const issuerId = idOf(credential.issuer);
  const urlIssuerKeys = urlIssuerKeysFromCredential(credential);
  const documentLoader =
    options.loaderFor?.(urlIssuerKeys) ?? options.documentLoader ?? createDocumentLoader({ urlIssuerKeys });

  const proof = await checkSignature(credential, { documentLoader, noun: 'the credential', now });
  add('proof', proof.ok, proof.detail);

  let keyOk = false;
  let embeddedKey = false;
  if (!issuerId) {
    add('issuer-key', false, 'The credential names no issuer, so no key can belong to it.');
  } else {
    const embeddedKeys = urlIssuerKeys.get(issuerId);
    const control = await checkKeyControl(credential, issuerId, { documentLoader, embeddedKeys });
    add('issuer-key', control.ok, control.detail);
    keyOk = control.ok;
    embeddedKey = control.embeddedKey === true;
  }

  // What the credential says (status entry, dates, issuer) counts only once the signature holds.
  if (!proof.ok) {
    skip(['status', 'validity'], 'the signature could not be confirmed, so the content cannot be trusted.');
    skip(
      ['issuer-recognised'],
      'the signature could not be confirmed, so the issuer named in it is not proven.',
    );
    return finish();
  }

  if (!issuerId) {
    skip(['status'], 'the credential names no issuer to check its status list against.');
  } else {
    const status = await checkCredentialStatus(credential, issuerId, { documentLoader, now });
    add('status', status.ok, status.detail);
  }

  const validity = checkValidity(credential, now);
  add('validity', validity.ok, validity.detail);

  if (!issuerId || !keyOk) {
    skip(['issuer-recognised'], "the signing key is not shown to be the issuer's.");
  } else {
    const recognised = await options.isRecognisedIssuer(issuerId);
    const issuerName = isJsonObject(credential.issuer) ? stringOf(credential.issuer.name) : undefined;
    const named =
      (recognised?.name ?? issuerName) ? `${recognised?.name ?? issuerName} (${issuerId})` : issuerId;
    if (recognised && embeddedKey) {
      // Anyone can write a key into a credential; a trusted URL issuer must not lend its name to that.
      add(
        'issuer-recognised',
        false,
        `${named} is a trusted issuer, but this credential carries its own key, so it is not shown that this issuer signed it.`,
        'warning',
      );
    } else if (recognised) {
      const name = recognised.name ?? issuerName ?? issuerId;
      add(
        'issuer-recognised',
        true,
        recognised.onThisPlatform
          ? `Issued by ${name}, an institution on this platform.`
          : `Issued by ${name}, a trusted issuer.`,
        'warning',
      );
    } else {
      add(
        'issuer-recognised',
        false,
        `Unknown issuer: ${named} is not an institution on this platform nor on its list of trusted issuers.`,
        'warning',
      );
    }
  }
  return finish();
}

function describeShapeProblem(input: unknown): string | undefined {
  if (!isJsonObject(input)) return 'The input is not a JSON object, so it cannot be a credential.';
  const missing = ['@context', 'type', 'proof'].filter(
    (key) => input[key] === undefined || input[key] === null,
  );
  if (missing.length === 0) return undefined;
  const list = missing.length > 1 ? `${missing.slice(0, -1).join(', ')} and ${missing.at(-1)}` : missing[0];
  return missing.includes('proof') && missing.length === 1
    ? 'The credential has no proof: it is not signed.'
    : `Not a signed credential: ${list} ${missing.length === 1 ? 'is' : 'are'} missing.`;
}

function describeSchemaProblems(problems: readonly { path: string; message: string }[]): string {
  if (problems.length === 0) return 'Matches the Open Badges 3.0 AchievementCredential schema.';
  const distinct = [...new Set(problems.map((p) => `${p.path} ${p.message}`))];
  const shown = distinct.slice(0, SCHEMA_PROBLEMS_SHOWN).join('; ');
  const more = distinct.length - SCHEMA_PROBLEMS_SHOWN;
  return `Does not match the Open Badges 3.0 schema: ${shown}${more > 0 ? ` (and ${more} more)` : ''}.`;
}

function checkValidity(credential: JsonObject, now: Date): { ok: boolean; detail: string } {
  const from = stringOf(credential.validFrom) ?? stringOf(credential.issuanceDate);
  const until = stringOf(credential.validUntil) ?? stringOf(credential.expirationDate);
  for (const [label, value] of [
    ['validFrom', from],
    ['validUntil', until],
  ] as const) {
    if (value !== undefined && Number.isNaN(Date.parse(value)))
      return { ok: false, detail: `The ${label} date "${value}" is not a date.` };
  }
  if (from && Date.parse(from) > now.getTime()) return { ok: false, detail: `Not valid until ${from}.` };
  if (until && Date.parse(until) < now.getTime()) return { ok: false, detail: `Expired on ${until}.` };
  if (from && until) return { ok: true, detail: `Valid from ${from} until ${until}.` };
  if (from) return { ok: true, detail: `Valid from ${from}, with no end date.` };
  if (until) return { ok: true, detail: `Valid until ${until}.` };
  return { ok: true, detail: 'The credential has no validity dates.' };
}
