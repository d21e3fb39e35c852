import { createHash } from 'node:crypto';
import { isJsonObject, valuesOf, type JsonObject } from '../verification/values.ts';
import type { IdentityMatch } from './wallet-schemas.ts';

/** The e-mail identity objects a credential's subjects name (OB 3.0 `credentialSubject.identifier`). */
function emailIdentities(credential: JsonObject): JsonObject[] {
  return valuesOf(credential.credentialSubject)
    .filter(isJsonObject)
    .flatMap((subject) => valuesOf(subject.identifier).filter(isJsonObject))
    .filter(
      (identity) => identity.identityType === 'emailAddress' && typeof identity.identityHash === 'string',
    );
}

/** Whether one identity object names this address: hashed as `sha256$hex(address + salt)`, or in clear. */
function names(identity: JsonObject, email: string): boolean {
  const address = email.trim().toLowerCase();
  const value = String(identity.identityHash);
  if (identity.hashed !== true) return value.trim().toLowerCase() === address;
  const hashed = /^sha256\$([0-9a-f]{64})$/i.exec(value);
  if (!hashed) return false;
  const salt = typeof identity.salt === 'string' ? identity.salt : '';
  return (
    createHash('sha256')
      .update(address + salt)
      .digest('hex') === hashed[1]!.toLowerCase()
  );
}

/**
 * Whether a credential was issued to this e-mail address: `match` when one of its e-mail identities names
 * it, `mismatch` when it names only other addresses (issued to someone else), `absent` when it names none.
 *
 * @example
 * identityMatch(credential, 'jan.peeters@example.org'); // 'match'
 */
export function identityMatch(credential: JsonObject, email: string): IdentityMatch {
  const identities = emailIdentities(credential);
  if (identities.length === 0) return 'absent';
  return identities.some((identity) => names(identity, email)) ? 'match' : 'mismatch';
}
