import { createHash } from 'node:crypto';
import type { Db } from '../core/database.ts';
import {
  decideThrottle,
  windowStartOf,
  type ThrottleCount,
  type ThrottleDecision,
  type ThrottleLimit,
} from './throttle-rules.ts';

/** What is counted: a limit, and whose attempt it is (an e-mail address, a client address). */
export interface ThrottleSubject {
  limit: ThrottleLimit;
  subject: string;
}

export interface CountedAttempt {
  decision: ThrottleDecision;
  /** Limits this very attempt pushed over the edge (the first refusal of a window), for the log. */
  newlyBlocked: string[];
  /** Gives the attempt back (a sign-in that turned out right is not a failure). */
  release(): Promise<void>;
}

// Keys hold a hash, not the address itself: the table says how often, never who.
const keyOf = (limit: ThrottleLimit, subject: string) =>
  `${limit.id}:${createHash('sha256').update(subject.trim().toLowerCase()).digest('hex')}`;

/**
 * Counts one attempt for every subject, then decides. The count comes first and is one atomic upsert
 * outside any transaction: it holds even when the request then fails, and parallel requests on any number
 * of processes each get their own number, so none slips past the limit and none is lost.
 *
 * @example
 * const attempt = await countAttempt(db, [{ limit: THROTTLE_LIMITS.signInAddress, subject: ip }], new Date());
 * if (!attempt.decision.allowed) throw new TooManyRequestsError(attempt.decision.retryAfterSeconds, message);
 */
export async function countAttempt(
  db: Db,
  subjects: readonly ThrottleSubject[],
  now: Date,
): Promise<CountedAttempt> {
  await db.deleteFrom('throttle_counters').where('expires_at', '<=', now.toISOString()).execute();
  const counted: Array<ThrottleCount & { key: string }> = [];
  for (const { limit, subject } of subjects) {
    const windowStart = windowStartOf(now, limit.windowMs);
    const key = keyOf(limit, subject);
    const row = await db
      .insertInto('throttle_counters')
      .values({
        key,
        window_start: windowStart.toISOString(),
        count: 1,
        expires_at: new Date(windowStart.getTime() + limit.windowMs).toISOString(),
      })
      .onConflict((oc) =>
        oc
          .columns(['key', 'window_start'])
          .doUpdateSet((eb) => ({ count: eb('throttle_counters.count', '+', 1) })),
      )
      .returning('count')
      .executeTakeFirstOrThrow();
    counted.push({ limit, windowStart, count: Number(row.count), key });
  }
  return {
    decision: decideThrottle(counted, now),
    newlyBlocked: counted.filter((c) => c.count === c.limit.limit + 1).map((c) => c.limit.id),
    release: async () => {
      for (const { key, windowStart } of counted) {
        await db
          .updateTable('throttle_counters')
          .set((eb) => ({ count: eb('count', '-', 1) }))
          .where('key', '=', key)
          .where('window_start', '=', windowStart.toISOString())
          .where('count', '>', 0)
          .execute();
      }
    },
  };
}
