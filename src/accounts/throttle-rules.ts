/**
 * How often someone may try to sign in, sign up or ask for a reset link, as pure functions. Attempts are
 * counted per key (an account's address, a client address) in fixed windows; the caller counts the attempt
 * first and then asks whether it is allowed, so that parallel requests can never slip past the limit.
 */

export interface ThrottleLimit {
  /** Stable name, part of the stored key, e.g. `sign-in-account`. */
  id: string;
  /** How many attempts a window allows; the next one is refused. */
  limit: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The limits Stapel applies. Sign-in counts failures only (a correct password gives its attempt back);
 * sign-up and reset requests count every request. Per account as well as per client address, so that
 * neither many addresses against one account nor one address against many accounts gets far.
 */
export const THROTTLE_LIMITS = {
  signInAccount: { id: 'sign-in-account', limit: 10, windowMs: MINUTE },
  /** Caps a slow, patient attack on one account at 100 guesses an hour (2,400 a day). */
  signInAccountHourly: { id: 'sign-in-account-hour', limit: 100, windowMs: HOUR },
  signInAddress: { id: 'sign-in-address', limit: 10, windowMs: MINUTE },
  signUpAddress: { id: 'sign-up-address', limit: 20, windowMs: HOUR },
  /** Bounds the e-mails one address can be made to receive by sign-ups in its name. */
  signUpEmail: { id: 'sign-up-email', limit: 5, windowMs: HOUR },
  resetAddress: { id: 'reset-address', limit: 20, windowMs: HOUR },
  resetEmail: { id: 'reset-email', limit: 5, windowMs: HOUR },
} as const satisfies Record<string, ThrottleLimit>;

/** The fixed window that contains `now`: it starts at a whole multiple of its length since the epoch. */
export function windowStartOf(now: Date, windowMs: number): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** One counted key: the limit, the window the count belongs to, and the count including this attempt. */
export interface ThrottleCount {
  limit: ThrottleLimit;
  windowStart: Date;
  count: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Allowed when every count is within its limit; otherwise the whole seconds until the last exceeded window
 * ends (at least 1), which is what `Retry-After` says.
 *
 * @example
 * const limit = { id: 'sign-in-account', limit: 10, windowMs: 60_000 };
 * decideThrottle([{ limit, windowStart: new Date(0), count: 11 }], new Date(45_000))
 * // → { allowed: false, retryAfterSeconds: 15 }
 */
export function decideThrottle(counts: readonly ThrottleCount[], now: Date): ThrottleDecision {
  let retryAfterMs = 0;
  for (const { limit, windowStart, count } of counts) {
    if (count <= limit.limit) continue;
    const end = windowStart.getTime() + limit.windowMs;
    retryAfterMs = Math.max(retryAfterMs, end - now.getTime(), 1);
  }
  return retryAfterMs > 0
    ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }
    : { allowed: true };
}
