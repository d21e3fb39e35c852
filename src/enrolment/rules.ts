/**
 * The rules of editions and enrolment, as pure functions: what makes an edition valid, what it costs, what a
 * learner owes, and how an enrolment moves between states. No I/O: callers pass in the facts (decree table,
 * places held, the waiting list, the clock).
 */
import {
  PARTICIPATION_FORMS,
  academicYearOf,
  tuitionFor,
  type DecreeTuitionYear,
  type MicroCredentialDefinition,
  type ParticipationForm,
} from '../catalogue/rules.ts';

export type EnrolmentStatus = 'pending' | 'waitlisted' | 'accepted' | 'refused' | 'cancelled';
export const ENROLMENT_STATUSES: readonly EnrolmentStatus[] = [
  'pending',
  'waitlisted',
  'accepted',
  'refused',
  'cancelled',
];
/** Staff decide, the learner cancels, the waiting list promotes. Enrolling itself is `statusOnEnrol`. */
export type EnrolmentEvent = 'accept' | 'refuse' | 'cancel' | 'promote';
export type EditionMode = ParticipationForm;
export const EDITION_MODES: readonly EditionMode[] = PARTICIPATION_FORMS;

export type EnrolmentRuleId =
  | 'edition-code-format'
  | 'date-format'
  | 'date-time-format'
  | 'edition-dates-order'
  | 'enrolment-window-order'
  | 'enrolment-window-after-end'
  | 'capacity-minimum'
  | 'capacity-below-held'
  | 'edition-mode'
  | 'language-code'
  | 'location-required'
  | 'decree-year-missing'
  | 'tuition-unset'
  | 'micro-credential-not-published'
  | 'reduction-code-format'
  | 'reduction-label-required'
  | 'reduction-percent-range'
  | 'reduction-unknown'
  | 'prerequisites-not-confirmed'
  | 'decision-reason-required';

export interface EnrolmentProblem {
  field: string;
  rule: EnrolmentRuleId;
  params?: Record<string, string | number>;
}

// ---------------------------------------------------------------------------------------------------
// Editions

/** An edition as staff describe it: dates as `YYYY-MM-DD`, the enrolment window as ISO date-times. */
export interface EditionFacts {
  code: string;
  startsOn: string;
  endsOn: string;
  enrolmentOpensAt: string;
  enrolmentClosesAt: string;
  capacity: number;
  mode: string;
  language: string;
  location?: string | null | undefined;
}

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
// An offset is required: a window without one would open at a different moment on every server.
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Midnight UTC of a `YYYY-MM-DD` day, or undefined when it is not a real calendar day.
 *
 * @example
 * parseDay('2027-02-30') // → undefined
 */
export function parseDay(text: string): Date | undefined {
  if (!DAY_PATTERN.test(text)) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  // 2026-02-30 parses as 2 March: the round trip catches it.
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text ? date : undefined;
}

/**
 * An ISO date-time with offset, or undefined.
 *
 * @example
 * parseInstant('2027-01-15T12:00:00+01:00') // → 2027-01-15T11:00:00.000Z
 */
export function parseInstant(text: string): Date | undefined {
  if (!INSTANT_PATTERN.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Checks an edition: real dates in order, an enrolment window that closes no later than the last day,
 * at least one place, a known mode and language, and a location for anything not fully online.
 *
 * @example
 * checkEdition({ code: 'E1', startsOn: '2027-02-01', endsOn: '2027-01-01', ... })
 * // → [{ field: 'endsOn', rule: 'edition-dates-order' }]
 */
export function checkEdition(edition: EditionFacts): EnrolmentProblem[] {
  const problems: EnrolmentProblem[] = [];
  const add = (field: string, rule: EnrolmentRuleId, params?: EnrolmentProblem['params']) =>
    problems.push({ field, rule, ...(params ? { params } : {}) });

  if (!CODE_PATTERN.test(edition.code)) add('code', 'edition-code-format');
  const starts = parseDay(edition.startsOn);
  const ends = parseDay(edition.endsOn);
  const opens = parseInstant(edition.enrolmentOpensAt);
  const closes = parseInstant(edition.enrolmentClosesAt);
  if (!starts) add('startsOn', 'date-format');
  if (!ends) add('endsOn', 'date-format');
  if (!opens) add('enrolmentOpensAt', 'date-time-format');
  if (!closes) add('enrolmentClosesAt', 'date-time-format');
  if (starts && ends && ends < starts) add('endsOn', 'edition-dates-order');
  if (opens && closes && closes <= opens) add('enrolmentClosesAt', 'enrolment-window-order');
  // "On the end" means any moment of the last day.
  if (closes && ends && closes.getTime() >= ends.getTime() + DAY_MS) {
    add('enrolmentClosesAt', 'enrolment-window-after-end', { endsOn: edition.endsOn });
  }
  if (!Number.isInteger(edition.capacity) || edition.capacity < 1) add('capacity', 'capacity-minimum');
  if (!(EDITION_MODES as readonly string[]).includes(edition.mode)) add('mode', 'edition-mode');
  if (!/^[a-z]{2}$/.test(edition.language)) add('language', 'language-code');
  if (edition.mode !== 'online' && (EDITION_MODES as readonly string[]).includes(edition.mode)) {
    if (!edition.location?.trim()) add('location', 'location-required');
  }
  return problems;
}

/**
 * Capacity may shrink, but never below the places already taken.
 *
 * @example
 * checkCapacity(2, 3) // → [{ field: 'capacity', rule: 'capacity-below-held', params: { held: 3 } }]
 */
export function checkCapacity(capacity: number, held: number): EnrolmentProblem[] {
  return capacity < held ? [{ field: 'capacity', rule: 'capacity-below-held', params: { held } }] : [];
}

export type EditionPrice =
  | {
      kind: 'decree';
      academicYear: string;
      priceCents: number;
      fixedCents: number;
      perCreditCents: number;
    }
  | { kind: 'institution'; academicYear: string; priceCents: number };

/**
 * The academic year an edition belongs to: the one it starts in.
 *
 * @example
 * editionAcademicYear('2027-09-01') // → '2027-28'
 */
export function editionAcademicYear(startsOn: string): string {
  const day = parseDay(startsOn);
  if (!day) throw new Error(`Not a day: ${startsOn}`);
  return academicYearOf(day);
}

/**
 * The price of an edition: form A from the decree table of the academic year the edition starts in,
 * form B the amount the institution set on the micro-credential. A missing decree year is a problem, never
 * a guess.
 *
 * @example
 * editionPrice({ form: 'regular', ects: 6 }, [{ academicYear: '2021-22', fixedCents: 24790, perCreditCents: 1190 }], '2022-02-01')
 * // → { price: { kind: 'decree', academicYear: '2021-22', priceCents: 31930, ... } }
 */
export function editionPrice(
  microCredential: Pick<MicroCredentialDefinition, 'form' | 'ects' | 'tuitionEur'>,
  decreeTable: readonly DecreeTuitionYear[],
  startsOn: string,
): { price: EditionPrice } | { problem: EnrolmentProblem } {
  const academicYear = editionAcademicYear(startsOn);
  const tuition = tuitionFor(microCredential, decreeTable, academicYear);
  switch (tuition.kind) {
    case 'decree':
      return {
        price: {
          kind: 'decree',
          academicYear,
          priceCents: tuition.totalCents,
          fixedCents: tuition.fixedCents,
          perCreditCents: tuition.perCreditCents,
        },
      };
    case 'institution':
      return { price: { kind: 'institution', academicYear, priceCents: tuition.totalCents } };
    case 'decree-unknown':
      return { problem: { field: 'startsOn', rule: 'decree-year-missing', params: { academicYear } } };
    case 'institution-unset':
      return { problem: { field: 'microCredential', rule: 'tuition-unset' } };
  }
}

// ---------------------------------------------------------------------------------------------------
// Reductions and the amount due

export interface ReductionFacts {
  code: string;
  label: { nl: string; en: string };
  percent: number;
}

/** A reduction of one institution, or of every institution when `institutionId` is null. */
export interface ScopedReduction {
  code: string;
  institutionId: string | null;
}

/**
 * Checks a reduction: a lower-case code, a label in both languages, a percentage above 0 up to 100.
 *
 * @example
 * checkReduction({ code: 'job-seeker', label: { nl: 'Werkzoekende', en: 'Job seeker' }, percent: 50 }) // → []
 */
export function checkReduction(reduction: ReductionFacts): EnrolmentProblem[] {
  const problems: EnrolmentProblem[] = [];
  if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(reduction.code))
    problems.push({ field: 'code', rule: 'reduction-code-format' });
  if (!reduction.label.nl.trim()) problems.push({ field: 'label.nl', rule: 'reduction-label-required' });
  if (!reduction.label.en.trim()) problems.push({ field: 'label.en', rule: 'reduction-label-required' });
  if (!(reduction.percent > 0 && reduction.percent <= 100))
    problems.push({ field: 'percent', rule: 'reduction-percent-range' });
  return problems;
}

/**
 * The reductions a learner of one institution may ask for: the platform-wide ones and the institution's
 * own, where an institution's own reduction replaces a platform-wide one with the same code.
 *
 * @example
 * reductionsFor([{ code: 'job-seeker', institutionId: null }], 'inst-1') // → [{ code: 'job-seeker', ... }]
 */
export function reductionsFor<T extends ScopedReduction>(all: readonly T[], institutionId: string): T[] {
  const byCode = new Map<string, T>();
  for (const r of all) {
    if (r.institutionId !== null && r.institutionId !== institutionId) continue;
    const seen = byCode.get(r.code);
    if (!seen || (seen.institutionId === null && r.institutionId !== null)) byCode.set(r.code, r);
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * What a learner owes: the edition's price less the reduction's percentage, rounded to the cent.
 *
 * @example
 * amountDue(45000, { percent: 50 }) // → 22500
 */
export function amountDue(priceCents: number, reduction?: { percent: number } | null): number {
  if (!reduction) return priceCents;
  return Math.round((priceCents * (100 - reduction.percent)) / 100);
}

/**
 * A refused or cancelled enrolment owes nothing; the others owe the amount fixed when they enrolled.
 *
 * @example
 * amountOwed('cancelled', 22500) // → 0
 */
export function amountOwed(status: EnrolmentStatus, amountDueCents: number): number {
  return status === 'refused' || status === 'cancelled' ? 0 : amountDueCents;
}

// ---------------------------------------------------------------------------------------------------
// The enrolment state machine

const TRANSITIONS: Readonly<
  Record<EnrolmentEvent, { from: readonly EnrolmentStatus[]; to: EnrolmentStatus }>
> = {
  accept: { from: ['pending'], to: 'accepted' },
  refuse: { from: ['pending', 'waitlisted'], to: 'refused' },
  cancel: { from: ['pending', 'accepted', 'waitlisted'], to: 'cancelled' },
  promote: { from: ['waitlisted'], to: 'pending' },
};

/**
 * The status after an event, or undefined when the event is not allowed in this status.
 *
 * @example
 * nextStatus('pending', 'accept') // → 'accepted'
 * nextStatus('refused', 'accept') // → undefined
 */
export function nextStatus(status: EnrolmentStatus, event: EnrolmentEvent): EnrolmentStatus | undefined {
  const transition = TRANSITIONS[event];
  return transition.from.includes(status) ? transition.to : undefined;
}

/**
 * Pending and accepted enrolments count against the capacity; the others hold no place.
 *
 * @example
 * holdsPlace('waitlisted') // → false
 */
export function holdsPlace(status: EnrolmentStatus): boolean {
  return status === 'pending' || status === 'accepted';
}

/**
 * Free places; never negative, even when staff lowered the capacity in the past.
 *
 * @example
 * placesLeft(2, 3) // → 0
 */
export function placesLeft(capacity: number, held: number): number {
  return Math.max(0, capacity - held);
}

/**
 * A new enrolment takes a free place, or joins the end of the waiting list.
 *
 * @example
 * statusOnEnrol(2, 2) // → 'waitlisted'
 */
export function statusOnEnrol(capacity: number, held: number): 'pending' | 'waitlisted' {
  return held < capacity ? 'pending' : 'waitlisted';
}

export interface WaitlistEntry {
  id: string;
  waitlistSince: string;
}

/**
 * The waiting list in order: who asked first, and the id to break a tie of the same millisecond.
 *
 * @example
 * waitlistOrder(entries)[0] // the longest-waiting learner
 */
export function waitlistOrder<T extends WaitlistEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(
    (a, b) => a.waitlistSince.localeCompare(b.waitlistSince) || a.id.localeCompare(b.id),
  );
}

/**
 * 1-based place on the waiting list, or null when the enrolment is not on it.
 *
 * @example
 * waitlistPosition('a', [{ id: 'a', waitlistSince: '2027-01-01T10:00:00.000Z' }]) // → 1
 */
export function waitlistPosition(id: string, entries: readonly WaitlistEntry[]): number | null {
  const index = waitlistOrder(entries).findIndex((e) => e.id === id);
  return index < 0 ? null : index + 1;
}

/**
 * Who moves up from the waiting list when places are free: the longest-waiting learners, one per free place.
 *
 * @example
 * toPromote(2, 1, [{ id: 'b', waitlistSince: '…:02Z' }, { id: 'a', waitlistSince: '…:01Z' }]) // → [a]
 */
export function toPromote<T extends WaitlistEntry>(
  capacity: number,
  held: number,
  waitlist: readonly T[],
): T[] {
  return waitlistOrder(waitlist).slice(0, placesLeft(capacity, held));
}

/**
 * Once an edition has started, a freed place stays free: nobody joins halfway through.
 *
 * @example
 * waitlistMoves(new Date('2027-02-01T00:00:00Z'), '2027-02-01') // → false
 */
export function waitlistMoves(now: Date, startsOn: string): boolean {
  const start = parseDay(startsOn);
  return start !== undefined && now < start;
}

/**
 * Statuses of a micro-credential version whose editions take enrolments: never a draft.
 *
 * @example
 * versionTakesEnrolments('submitted') // → false
 */
export function versionTakesEnrolments(versionStatus: string): boolean {
  // A superseded version was published and stays immutable; its running editions still take learners.
  return versionStatus === 'published' || versionStatus === 'superseded';
}

export interface EnrolmentFacts {
  now: Date;
  enrolmentOpensAt: string;
  enrolmentClosesAt: string;
  versionStatus: string;
  /** The micro-credential states prerequisites the learner must confirm. */
  hasPrerequisites: boolean;
  prerequisitesConfirmed: boolean;
  /** The learner's earlier enrolment in this edition, if any. */
  existing?: EnrolmentStatus | undefined;
}

export type EnrolmentRefusal =
  | { reason: 'not-published' }
  | { reason: 'window-not-open'; opensAt: string }
  | { reason: 'window-closed'; closedAt: string }
  | { reason: 'already-enrolled'; status: EnrolmentStatus }
  | { reason: 'refused-before' }
  | { reason: 'prerequisites-not-confirmed' };

/**
 * Why a learner may not enrol, or undefined when they may. One enrolment per learner per edition: after
 * a cancellation the learner may come back; after a refusal not.
 *
 * @example
 * checkEnrolment({ now, enrolmentOpensAt, enrolmentClosesAt, versionStatus: 'published', hasPrerequisites: true, prerequisitesConfirmed: false })
 * // → { reason: 'prerequisites-not-confirmed' }
 */
export function checkEnrolment(facts: EnrolmentFacts): EnrolmentRefusal | undefined {
  if (!versionTakesEnrolments(facts.versionStatus)) return { reason: 'not-published' };
  const now = facts.now.getTime();
  if (now < Date.parse(facts.enrolmentOpensAt))
    return { reason: 'window-not-open', opensAt: facts.enrolmentOpensAt };
  if (now >= Date.parse(facts.enrolmentClosesAt))
    return { reason: 'window-closed', closedAt: facts.enrolmentClosesAt };
  if (facts.existing === 'refused') return { reason: 'refused-before' };
  if (facts.existing !== undefined && facts.existing !== 'cancelled')
    return { reason: 'already-enrolled', status: facts.existing };
  if (facts.hasPrerequisites && !facts.prerequisitesConfirmed)
    return { reason: 'prerequisites-not-confirmed' };
  return undefined;
}

/**
 * Refusing needs a reason the learner can read; accepting may carry a note.
 *
 * @example
 * checkDecision('refuse', '') // → [{ field: 'reason', rule: 'decision-reason-required' }]
 */
export function checkDecision(decision: 'accept' | 'refuse', reason: string | undefined): EnrolmentProblem[] {
  return decision === 'refuse' && !reason?.trim()
    ? [{ field: 'reason', rule: 'decision-reason-required' }]
    : [];
}
