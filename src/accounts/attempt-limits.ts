import type { Db } from '../core/database.ts';
import { TooManyRequestsError } from '../core/errors.ts';
import type { Lang } from '../core/i18n.ts';
import { accountMessage, type AccountMessageKey } from './messages.ts';
import { countAttempt, type CountedAttempt, type ThrottleSubject } from './throttle.ts';
import { THROTTLE_LIMITS } from './throttle-rules.ts';

export interface AttemptOptions {
  /** The client's address (`request.ip`). */
  clientAddress: string;
  /** The e-mail address the attempt is about (normalised here). */
  email: string;
  now: Date;
  lang: Lang;
  /** Told which limits this attempt started to enforce, for the log (not the audit log: nothing changed). */
  onLockout?: ((limits: readonly string[]) => void) | undefined;
}

async function guard(
  db: Db,
  subjects: readonly ThrottleSubject[],
  message: AccountMessageKey,
  options: AttemptOptions,
): Promise<CountedAttempt> {
  const attempt = await countAttempt(db, subjects, options.now);
  if (attempt.newlyBlocked.length) options.onLockout?.(attempt.newlyBlocked);
  if (!attempt.decision.allowed) {
    const seconds = attempt.decision.retryAfterSeconds;
    throw new TooManyRequestsError(seconds, accountMessage(message, options.lang, { seconds }));
  }
  return attempt;
}

/**
 * Counts a sign-in attempt against the account's address and the client's address before any password is
 * checked, and refuses with 429 once either has had 10 failures in the minute — a correct password too,
 * and without spending an Argon2 verification. Give the attempt back with `release()` when it succeeds.
 * Unknown addresses are counted like known ones, so a refusal says nothing about whether an account exists.
 *
 * @example
 * const attempt = await guardSignIn(db, { clientAddress: request.ip, email, now: new Date(), lang });
 * const user = await authenticatePassword(db, email, password);
 * await attempt.release();
 */
export function guardSignIn(db: Db, options: AttemptOptions): Promise<CountedAttempt> {
  return guard(
    db,
    [
      { limit: THROTTLE_LIMITS.signInAccount, subject: options.email },
      { limit: THROTTLE_LIMITS.signInAccountHourly, subject: options.email },
      { limit: THROTTLE_LIMITS.signInAddress, subject: options.clientAddress },
    ],
    'too-many-sign-ins',
    options,
  );
}

/** Counts a sign-up request per client address and per e-mail address; 429 beyond the limits. */
export async function guardSignUp(db: Db, options: AttemptOptions): Promise<void> {
  await guard(
    db,
    [
      { limit: THROTTLE_LIMITS.signUpAddress, subject: options.clientAddress },
      { limit: THROTTLE_LIMITS.signUpEmail, subject: options.email },
    ],
    'too-many-sign-ups',
    options,
  );
}

/** Counts a request for a reset link per client address and per target e-mail address; 429 beyond the limits. */
export async function guardResetRequest(db: Db, options: AttemptOptions): Promise<void> {
  await guard(
    db,
    [
      { limit: THROTTLE_LIMITS.resetAddress, subject: options.clientAddress },
      { limit: THROTTLE_LIMITS.resetEmail, subject: options.email },
    ],
    'too-many-reset-requests',
    options,
  );
}
