import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  THROTTLE_LIMITS,
  decideThrottle,
  windowStartOf,
  type ThrottleLimit,
} from '../../src/accounts/throttle-rules.ts';

const MINUTE = 60_000;
const signIn: ThrottleLimit = THROTTLE_LIMITS.signInAccount;

const arbLimit = fc.record({
  id: fc.constant('test'),
  limit: fc.integer({ min: 1, max: 1000 }),
  windowMs: fc.integer({ min: 1000, max: 24 * 3600_000 }),
});
// Instants from 2000 to 2100, in milliseconds.
const arbNow = fc.integer({ min: 946_684_800_000, max: 4_102_444_800_000 }).map((ms) => new Date(ms));

describe('throttle decisions', () => {
  it('allows ten failures a minute and refuses the eleventh until the minute is over', () => {
    const windowStart = new Date(Date.UTC(2027, 0, 15, 9, 30));
    const now = new Date(windowStart.getTime() + 45_000);
    expect(decideThrottle([{ limit: signIn, windowStart, count: 10 }], now)).toEqual({ allowed: true });
    expect(decideThrottle([{ limit: signIn, windowStart, count: 11 }], now)).toEqual({
      allowed: false,
      retryAfterSeconds: 15,
    });
  });

  it('waits for the longest exceeded window when several keys are over their limit', () => {
    const now = new Date(Date.UTC(2027, 0, 15, 9, 30, 50));
    const decision = decideThrottle(
      [
        { limit: signIn, windowStart: windowStartOf(now, MINUTE), count: 11 },
        {
          limit: THROTTLE_LIMITS.signInAccountHourly,
          windowStart: windowStartOf(now, 3600_000),
          count: 101,
        },
      ],
      now,
    );
    expect(decision).toEqual({ allowed: false, retryAfterSeconds: 29 * 60 + 10 });
  });

  it('allows every count within its limit', () => {
    fc.assert(
      fc.property(arbLimit, arbNow, fc.nat(), (limit, now, seed) => {
        const count = seed % (limit.limit + 1);
        const decision = decideThrottle(
          [{ limit, windowStart: windowStartOf(now, limit.windowMs), count }],
          now,
        );
        expect(decision.allowed).toBe(true);
      }),
    );
  });

  it('refuses every count over its limit, for at least a second and at most the window', () => {
    fc.assert(
      fc.property(arbLimit, arbNow, fc.integer({ min: 1, max: 10_000 }), (limit, now, over) => {
        const decision = decideThrottle(
          [{ limit, windowStart: windowStartOf(now, limit.windowMs), count: limit.limit + over }],
          now,
        );
        if (decision.allowed) throw new Error('allowed over the limit');
        expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
        expect(decision.retryAfterSeconds).toBeLessThanOrEqual(Math.ceil(limit.windowMs / 1000));
      }),
    );
  });

  it('sends people back exactly when a new window starts, never earlier', () => {
    fc.assert(
      fc.property(arbLimit, arbNow, (limit, now) => {
        const windowStart = windowStartOf(now, limit.windowMs);
        const decision = decideThrottle([{ limit, windowStart, count: limit.limit + 1 }], now);
        if (decision.allowed) throw new Error('allowed over the limit');
        const back = new Date(now.getTime() + decision.retryAfterSeconds * 1000);
        expect(windowStartOf(back, limit.windowMs).getTime()).toBeGreaterThan(windowStart.getTime());
        const justBefore = new Date(back.getTime() - 1000);
        // A second earlier is still the old window, unless the window ends within that rounding second.
        if (windowStart.getTime() + limit.windowMs - now.getTime() > 1000)
          expect(windowStartOf(justBefore, limit.windowMs).getTime()).toBe(windowStart.getTime());
      }),
    );
  });

  it('puts every instant in the window that contains it', () => {
    fc.assert(
      fc.property(arbNow, fc.integer({ min: 1, max: 7 * 24 * 3600_000 }), (now, windowMs) => {
        const start = windowStartOf(now, windowMs).getTime();
        expect(start).toBeLessThanOrEqual(now.getTime());
        expect(now.getTime()).toBeLessThan(start + windowMs);
        expect(start % windowMs).toBe(0);
      }),
    );
  });

  it('decides nothing from an empty list of counts', () => {
    expect(decideThrottle([], new Date())).toEqual({ allowed: true });
  });
});
