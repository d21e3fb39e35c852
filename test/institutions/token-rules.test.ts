import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../src/core/actor.ts';
import {
  checkTokenRequest,
  parseExpiry,
  storedRoles,
  tokenState,
} from '../../src/institutions/token-rules.ts';

const now = new Date('2026-12-02T10:00:00.000Z');

describe('API token rules', () => {
  it('reads a calendar date as "through that day in Belgium", in winter and in summer time', () => {
    expect(parseExpiry('2027-01-15', now)).toEqual({ ok: true, expiresAt: '2027-01-15T23:00:00.000Z' });
    expect(parseExpiry('2027-06-30', now)).toEqual({ ok: true, expiresAt: '2027-06-30T22:00:00.000Z' });
    // The night summer time starts (28 March 2027) and the day before it.
    expect(parseExpiry('2027-03-27', now)).toEqual({ ok: true, expiresAt: '2027-03-27T23:00:00.000Z' });
    expect(parseExpiry('2027-03-28', now)).toEqual({ ok: true, expiresAt: '2027-03-28T22:00:00.000Z' });
  });

  it('reads days and date-times, and refuses the rest naming the value', () => {
    expect(parseExpiry('90d', now)).toEqual({ ok: true, expiresAt: '2027-03-02T10:00:00.000Z' });
    expect(parseExpiry('2027-01-01T12:00:00+01:00', now)).toEqual({
      ok: true,
      expiresAt: '2027-01-01T11:00:00.000Z',
    });
    for (const value of ['tomorrow', '2027-02-30', '2027-13-01', '1.5d', '2027-01-01T12:00'])
      expect(parseExpiry(value, now), value).toMatchObject({
        ok: false,
        problem: { rule: 'token-expiry-format' },
      });
    expect(parseExpiry('0d', now)).toMatchObject({ ok: false, problem: { rule: 'token-expiry-days' } });
    expect(parseExpiry('2026-12-01', now)).toMatchObject({
      ok: false,
      problem: { rule: 'token-expiry-past' },
    });
  });

  it('accepts today: the token works until midnight', () => {
    expect(parseExpiry('2026-12-02', now)).toEqual({ ok: true, expiresAt: '2026-12-02T23:00:00.000Z' });
  });

  it('keeps every role by default and orders chosen roles the one way', () => {
    expect(checkTokenRequest({ name: 'sync' }, now)).toEqual({
      ok: true,
      spec: { name: 'sync', roles: [...ROLES], expiresAt: null },
    });
    fc.assert(
      fc.property(fc.subarray([...ROLES], { minLength: 1 }), fc.boolean(), (roles, reversed) => {
        const asked = reversed ? [...roles].reverse() : roles;
        const checked = checkTokenRequest({ name: 'x', roles: [...asked, ...asked] }, now);
        return checked.ok && checked.spec.roles.join() === ROLES.filter((r) => roles.includes(r)).join();
      }),
    );
  });

  it('reports every problem at once', () => {
    const checked = checkTokenRequest({ name: 'a\u202eb', expires: 'soon', roles: ['janitor'] }, now);
    expect(checked.ok).toBe(false);
    if (!checked.ok)
      expect(checked.problems.map((p) => p.rule)).toEqual([
        'token-name-characters',
        'token-expiry-format',
        'token-role-unknown',
      ]);
    expect(checkTokenRequest({ name: 'x', roles: [] }, now)).toMatchObject({
      ok: false,
      problems: [{ rule: 'token-roles-empty' }],
    });
  });

  it('lets revocation win over expiry, and reads unreadable roles as none', () => {
    expect(tokenState({ revokedAt: '2026-01-01T00:00:00Z', expiresAt: '2025-01-01T00:00:00Z' }, now)).toBe(
      'revoked',
    );
    expect(tokenState({ revokedAt: null, expiresAt: now.toISOString() }, now)).toBe('expired');
    expect(tokenState({ revokedAt: null, expiresAt: null }, now)).toBe('active');
    expect(storedRoles('not json')).toEqual([]);
    expect(storedRoles('["registrar","root"]')).toEqual(['registrar']);
  });
});
