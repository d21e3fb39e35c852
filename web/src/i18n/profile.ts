/**
 * Texts of the learner's own data.
 * Dutch first; English has exactly the same keys.
 */
export const PROFILE_NL = {};

export const PROFILE_EN: typeof PROFILE_NL = {};
