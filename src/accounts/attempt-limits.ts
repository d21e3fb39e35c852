import type { Db } from '../core/database.ts';
import { TooManyRequestsError, type MessageParams } from '../core/errors.ts';
import { accountMessage } from './messages.ts';
import { countAttempt, type CountedAttempt, type ThrottleSubject } from './throttle.ts';
import { THROTTLE_LIMITS, type ThrottleLimit } from './throttle-rules.ts';

type RefusalKey = 'too-many-sign-ins' | 'too-many-sign-ups' | 'too-many-reset-requests';

/** A refusal for too many attempts, with the key of its words: the HTTP layer says them in the request's language. */
export class AttemptsRefused extends TooManyRequestsError {
  override readonly key: string | undefined;
  override readonly params: MessageParams;
  constructor(retryAfterSeconds: number, key: RefusalKey) {
    super(retryAfterSeconds, accountMessage(key, 'en', { seconds: retryAfterSeconds }));
    this.key = key;
    this.params = { seconds: retryAfterSeconds };
  }
}

export interface AttemptOptions {
  /** The client's address (`request.ip`). */
  clientAddress: string;
  /** The e-mail address the attempt is about (normalised here). */
  email: string;
  now: Date;
  /** Told which limits this attempt started to enforce, for the log (not the audit log: nothing changed). */
  onLockout?: ((limits: readonly string[]) => void) | undefined;
}

async function guard(
  db: Db,
  subjects: readonly ThrottleSubject[],
  refusal: RefusalKey,
  options: AttemptOptions,
): Promise<CountedAttempt> {
  const attempt = await countAttempt(db, subjects, options.now);
  if (attempt.newlyBlocked.length) options.onLockout?.(attempt.newlyBlocked);
  if (!attempt.decision.allowed) throw new AttemptsRefused(attempt.decision.retryAfterSeconds, refusal);
  return attempt;
}

/** Counts a request per client address and per e-mail address, against one limit for each. */
async function guardPerAddressAndEmail(
  db: Db,
  limits: { address: ThrottleLimit; email: ThrottleLimit },
  refusal: RefusalKey,
  options: AttemptOptions,
): Promise<void> {
  await guard(
    db,
    [
      { limit: limits.address, subject: options.clientAddress },
      { limit: limits.email, subject: options.email },
    ],
    refusal,
    options,
  );
}

/**
 * Counts a sign-in attempt against the account's address and the client's address before any password is
 * checked, and refuses with 429 once either has had 10 failures in the minute — a correct password too,
 * and without spending an Argon2 verification. Give the attempt back with `release()` when it succeeds.
 * Unknown addresses are counted like known ones, so a refusal says nothing about whether an account exists.
 *
 * @example
 * const attempt = await guardSignIn(db, { clientAddress: request.ip, email, now: new Date() });
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
export function guardSignUp(db: Db, options: AttemptOptions): Promise<void> {
  const limits = { address: THROTTLE_LIMITS.signUpAddress, email: THROTTLE_LIMITS.signUpEmail };
  return guardPerAddressAndEmail(db, limits, 'too-many-sign-ups', options);
}

/** Counts a request for a reset link per client address and per target e-mail address; 429 beyond the limits. */
export function guardResetRequest(db: Db, options: AttemptOptions): Promise<void> {
  const limits = { address: THROTTLE_LIMITS.resetAddress, email: THROTTLE_LIMITS.resetEmail };
  return guardPerAddressAndEmail(db, limits, 'too-many-reset-requests', options);
}
