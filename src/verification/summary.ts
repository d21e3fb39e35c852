import { idOf, isJsonObject, stringOf, valuesOf, type JsonObject } from './values.ts';

/** What a person wants to see about a credential at a glance, read as written (trusted only if verified). */
export interface CredentialSummary {
  id?: string;
  name?: string;
  issuer?: { id: string; name?: string };
  achievement?: { name?: string; type?: string; credits?: number };
  validFrom?: string;
  validUntil?: string;
  /** How the learner is identified: the name identifier, "e-mail (hashed)", or the subject id. */
  learner?: string;
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/**
 * Summarises an Open Badges credential without judging it; fields that are missing are left out.
 *
 * @example
 * summariseCredential(credential).achievement?.credits; // 3
 */
export function summariseCredential(input: unknown): CredentialSummary {
  if (!isJsonObject(input)) return {};
  const issuerId = idOf(input.issuer);
  const subject = valuesOf(input.credentialSubject).find(isJsonObject);
  const achievement = subject && isJsonObject(subject.achievement) ? subject.achievement : undefined;
  const credits = [subject?.creditsEarned, achievement?.creditsAvailable].find(
    (c): c is number => typeof c === 'number',
  );
  return defined({
    id: stringOf(input.id),
    name: stringOf(input.name),
    issuer: issuerId
      ? defined({ id: issuerId, name: isJsonObject(input.issuer) ? stringOf(input.issuer.name) : undefined })
      : undefined,
    achievement: achievement
      ? defined({
          name: stringOf(achievement.name),
          type: stringOf(achievement.achievementType),
          credits,
        })
      : undefined,
    validFrom: stringOf(input.validFrom) ?? stringOf(input.issuanceDate),
    validUntil: stringOf(input.validUntil) ?? stringOf(input.expirationDate),
    learner: subject ? learnerOf(subject) : undefined,
  });
}

function learnerOf(subject: JsonObject): string | undefined {
  const identifiers = valuesOf(subject.identifier).filter(isJsonObject);
  const named = identifiers.find((i) => i.identityType === 'name' && i.hashed !== true);
  if (named && typeof named.identityHash === 'string') return named.identityHash;
  const email = identifiers.find((i) => i.identityType === 'emailAddress');
  if (email) return email.hashed === true ? 'e-mail (hashed)' : stringOf(email.identityHash);
  const first = identifiers[0];
  if (first && typeof first.identityType === 'string')
    return first.hashed === true ? `${first.identityType} (hashed)` : stringOf(first.identityHash);
  return stringOf(subject.id);
}
