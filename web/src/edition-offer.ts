/**
 * What the public detail page offers a learner for one edition, given what they already have. Pure, so
 * the page and its tests agree on when "Inschrijven" is the right thing to show.
 */

/** The part of one of the learner's enrolments this decision needs (from `/api/v1/me/enrolments`). */
export interface OwnEnrolment {
  id: string;
  status: string;
  edition: { id: string };
  waitlistPosition?: number | null;
}

/** The part of one of the learner's proofs this decision needs (from `/api/v1/me/credentials`). */
export interface OwnCredential {
  id: string;
  kind: string;
  status: string;
  institution?: string;
  microCredential?: { code: string };
}

/** Which micro-credential the page is about. */
export interface OfferedMicroCredential {
  institution: string;
  code: string;
}

/** The learner's standing with a micro-credential, shared by all its editions. */
export type Standing = { held: false } | { held: true; credentialId: string };

export type Offer =
  /** Already enrolled and still in the running: show the status instead of the button. */
  | { kind: 'enrolled'; status: 'pending' | 'waitlisted' | 'accepted'; enrolmentId: string }
  /** Already holds the certificate: enrolling again is not the primary action. */
  | { kind: 'held' }
  /** Nothing stands in the way on the learner's side (the window and the account still decide). */
  | { kind: 'enrol' };

const ACTIVE = new Set(['pending', 'waitlisted', 'accepted']);

/**
 * Whether the learner already holds a valid certificate of this micro-credential.
 *
 * @example
 * standingFor({ institution: 'hogent', code: 'MC-1' }, [{ id: 'c', kind: 'micro-credential-certificate',
 *   status: 'valid', institution: 'hogent', microCredential: { code: 'MC-1' } }])
 * // → { held: true, credentialId: 'c' }
 */
export function standingFor(
  microCredential: OfferedMicroCredential,
  credentials: readonly OwnCredential[],
): Standing {
  const found = credentials.find(
    (credential) =>
      credential.kind === 'micro-credential-certificate' &&
      credential.status === 'valid' &&
      credential.microCredential?.code === microCredential.code &&
      (credential.institution === undefined || credential.institution === microCredential.institution),
  );
  return found ? { held: true, credentialId: found.id } : { held: false };
}

/**
 * What to offer for one edition. An enrolment that was cancelled does not count (the learner may come
 * back); one that was refused is left to the server, which explains the refusal.
 *
 * @example
 * offerFor({ id: 'e1' }, [{ id: 'n1', status: 'accepted', edition: { id: 'e1' } }], { held: false })
 * // → { kind: 'enrolled', status: 'accepted', enrolmentId: 'n1' }
 */
export function offerFor(
  edition: { id: string },
  enrolments: readonly OwnEnrolment[],
  standing: Standing,
): Offer {
  const own = enrolments.find(
    (enrolment) => enrolment.edition.id === edition.id && ACTIVE.has(enrolment.status),
  );
  if (own)
    return {
      kind: 'enrolled',
      status: own.status as 'pending' | 'waitlisted' | 'accepted',
      enrolmentId: own.id,
    };
  if (standing.held) return { kind: 'held' };
  return { kind: 'enrol' };
}
