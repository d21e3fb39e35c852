/**
 * Texts of the learner's wallet and imports.
 * Dutch first; English has exactly the same keys.
 */
export const WALLET_NL = {};

export const WALLET_EN: typeof WALLET_NL = {};
