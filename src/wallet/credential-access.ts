/**
 * Who sees what of a credential. Pure: the facts about the one asking in, the access out.
 *
 * - `holder`: the learner it was issued to (the page with its share switch and downloads);
 * - `staff`: someone with a role at the issuing institution (it issued it, so it may see it);
 * - `public`: anyone, because the holder shares it;
 * - `private`: anyone else, who learns only that it exists.
 */
export type CredentialAccess = 'holder' | 'staff' | 'public' | 'private';

export interface AccessFacts {
  isHolder: boolean;
  isIssuerStaff: boolean;
  shared: boolean;
}

/**
 * The access of one viewer to one credential.
 *
 * @example
 * credentialAccess({ isHolder: false, isIssuerStaff: false, shared: true }); // → 'public'
 */
export function credentialAccess(facts: AccessFacts): CredentialAccess {
  if (facts.isHolder) return 'holder';
  if (facts.isIssuerStaff) return 'staff';
  return facts.shared ? 'public' : 'private';
}

/** Whether the access lets one read the credential itself (its JSON, its downloads, its details). */
export function canRead(access: CredentialAccess): boolean {
  return access !== 'private';
}
