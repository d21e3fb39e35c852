import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import {
  Bitstring,
  STATUS,
  STATUS_LIST_ENTRIES,
  listValue,
  statusPurposeOf,
  statusSizeFor,
} from '../../src/credentials/bitstring.ts';
import { canSuspend } from '../../src/issuing/status.ts';

const status = fc.constantFrom(STATUS.valid, STATUS.revoked, STATUS.suspended);

describe('status list rules', () => {
  it('derives every list from the one status: a revocation bit, a suspension bit, or the two-bit value', () => {
    fc.assert(
      fc.property(status, (s) => {
        expect(listValue('revocation', s)).toBe(s === STATUS.revoked ? 1 : 0);
        expect(listValue('suspension', s)).toBe(s === STATUS.suspended ? 1 : 0);
        expect(listValue('revocation', s) + listValue('suspension', s)).toBeLessThanOrEqual(1);
        expect(listValue('message', s)).toBe(s);
      }),
    );
    expect([statusSizeFor('revocation'), statusSizeFor('suspension'), statusSizeFor('message')]).toEqual([
      1, 1, 2,
    ]);
    expect(() => statusPurposeOf('refresh')).toThrow(/unknown/);
  });

  it('writes one-bit lists exactly as vc-bitstring-status-list reads them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 0, max: STATUS_LIST_ENTRIES - 1 }), { maxLength: 40 }),
        async (revoked) => {
          const list = new Bitstring(STATUS_LIST_ENTRIES, 1);
          for (const index of revoked) list.set(index, 1);
          const read = await decodeList({ encodedList: list.encode() });
          expect(read.length).toBe(STATUS_LIST_ENTRIES);
          for (const index of revoked) expect(read.getStatus(index)).toBe(true);
          for (const index of revoked) {
            const neighbour = (index + 1) % STATUS_LIST_ENTRIES;
            expect(read.getStatus(neighbour)).toBe(revoked.includes(neighbour));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('offers suspension only on a suspension entry or a two-bit message entry', () => {
    expect(canSuspend({ suspensionListId: null, listPurpose: 'revocation' })).toBe(false);
    expect(canSuspend({ suspensionListId: 'list-2', listPurpose: 'revocation' })).toBe(true);
    expect(canSuspend({ suspensionListId: null, listPurpose: 'message' })).toBe(true);
  });
});
