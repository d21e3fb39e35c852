/**
 * Texts of the credential's public page and collections.
 * Dutch first; English has exactly the same keys.
 */
export const CREDENTIAL_PAGE_NL = {};

export const CREDENTIAL_PAGE_EN: typeof CREDENTIAL_PAGE_NL = {};
