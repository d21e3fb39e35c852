import { describe, expect, it } from 'vitest';
import { offerFor, standingFor, type OwnCredential } from '../../web/src/edition-offer.ts';

const MC = { institution: 'hogent', code: 'MC-DATA' };
const certificate = (over: Partial<OwnCredential> = {}): OwnCredential => ({
  id: 'https://example.test/c/1',
  kind: 'micro-credential-certificate',
  status: 'valid',
  institution: 'hogent',
  microCredential: { code: 'MC-DATA' },
  ...over,
});

describe('offerFor', () => {
  it('shows the status instead of the button while pending, waitlisted or accepted', () => {
    for (const status of ['pending', 'waitlisted', 'accepted'] as const) {
      expect(offerFor({ id: 'e1' }, [{ id: 'n1', status, edition: { id: 'e1' } }], { held: false })).toEqual({
        kind: 'enrolled',
        status,
        enrolmentId: 'n1',
      });
    }
  });

  it('offers enrolment again after a cancellation, and in another edition', () => {
    expect(
      offerFor({ id: 'e1' }, [{ id: 'n1', status: 'cancelled', edition: { id: 'e1' } }], { held: false }),
    ).toEqual({
      kind: 'enrol',
    });
    expect(
      offerFor({ id: 'e2' }, [{ id: 'n1', status: 'accepted', edition: { id: 'e1' } }], { held: false }),
    ).toEqual({
      kind: 'enrol',
    });
  });

  it('does not offer enrolment as the primary action to a holder of the certificate', () => {
    expect(offerFor({ id: 'e2' }, [], { held: true, credentialId: 'c' })).toEqual({ kind: 'held' });
  });
});

describe('standingFor', () => {
  it('counts only a valid certificate of this micro-credential', () => {
    expect(standingFor(MC, [certificate()])).toEqual({
      held: true,
      credentialId: 'https://example.test/c/1',
    });
    expect(standingFor(MC, [certificate({ kind: 'credit-certificate' })])).toEqual({ held: false });
    expect(standingFor(MC, [certificate({ status: 'revoked' })])).toEqual({ held: false });
    expect(standingFor(MC, [certificate({ microCredential: { code: 'MC-OTHER' } })])).toEqual({
      held: false,
    });
    expect(standingFor(MC, [certificate({ institution: 'kuleuven' })])).toEqual({ held: false });
  });
});
