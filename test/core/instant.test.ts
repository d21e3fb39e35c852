import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseInstantStrict } from '../../src/core/instant.ts';

describe('instants in query strings', () => {
  it('reads ISO 8601 instants with Z or an offset', () => {
    expect(parseInstantStrict('2026-01-31T23:00:00Z')?.toISOString()).toBe('2026-01-31T23:00:00.000Z');
    expect(parseInstantStrict('2026-01-31T23:00:00.123Z')?.toISOString()).toBe('2026-01-31T23:00:00.123Z');
    expect(parseInstantStrict('2026-01-15T12:00+01:00')?.toISOString()).toBe('2026-01-15T11:00:00.000Z');
    expect(parseInstantStrict('2024-02-29T00:00:00Z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('refuses what is not a real instant', () => {
    for (const text of [
      '9999-12-31T23:59:60Z',
      '2026-02-30T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-01-01T24:00:00Z',
      '2026-01-01T12:60:00Z',
      '2026-01-01T12:00:00+24:00',
      '2026-01-01T12:00:00',
      '2026-01-01',
      'garbage',
      '',
    ])
      expect(parseInstantStrict(text), text).toBeUndefined();
  });

  it('reads back every instant written by toISOString', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59.999Z'),
          noInvalidDate: true,
        }),
        (d) => {
          expect(parseInstantStrict(d.toISOString())?.getTime()).toBe(d.getTime());
        },
      ),
    );
  });
});
