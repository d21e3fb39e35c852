import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ENROLMENT_STATUSES,
  amountDue,
  amountOwed,
  checkCapacity,
  checkDecision,
  checkEdition,
  checkEnrolment,
  checkReduction,
  editionAcademicYear,
  editionPrice,
  holdsPlace,
  nextStatus,
  parseDay,
  placesLeft,
  reductionsFor,
  statusOnEnrol,
  toPromote,
  versionTakesEnrolments,
  waitlistMoves,
  waitlistPosition,
  type EditionFacts,
  type EnrolmentFacts,
} from '../../src/enrolment/rules.ts';
import { ENROLMENT_MESSAGES } from '../../src/enrolment/messages.ts';
import { MESSAGES } from '../../src/messages.ts';

const edition: EditionFacts = {
  code: 'MC-DATA-2027',
  startsOn: '2027-02-01',
  endsOn: '2027-04-30',
  enrolmentOpensAt: '2026-12-01T08:00:00Z',
  enrolmentClosesAt: '2027-01-25T22:00:00Z',
  capacity: 20,
  mode: 'blended',
  language: 'nl',
  location: 'Kaaistraat 12, Antwerpen',
};
const rules = (e: Partial<EditionFacts>) =>
  checkEdition({ ...edition, ...e }).map((p) => `${p.field}:${p.rule}`);
const table = [
  { academicYear: '2021-22', fixedCents: 24790, perCreditCents: 1190 },
  { academicYear: '2026-27', fixedCents: 24790, perCreditCents: 1190 },
];

describe('edition validation', () => {
  it('accepts a sound edition', () => {
    expect(checkEdition(edition)).toEqual([]);
  });

  it('wants real dates in order', () => {
    expect(rules({ startsOn: '2027-02-30' })).toEqual(['startsOn:date-format']);
    expect(rules({ endsOn: '1 May 2027' })).toEqual(['endsOn:date-format']);
    expect(rules({ endsOn: '2027-01-31' })).toEqual(['endsOn:edition-dates-order']);
    expect(rules({ endsOn: '2027-02-01' })).toEqual([]);
  });

  it('wants an enrolment window that opens before it closes, and closes on the last day at the latest', () => {
    expect(rules({ enrolmentOpensAt: '2026-12-01 08:00' })).toEqual(['enrolmentOpensAt:date-time-format']);
    expect(rules({ enrolmentClosesAt: '2027-01-25T22:00:00' })).toEqual([
      'enrolmentClosesAt:date-time-format',
    ]);
    expect(rules({ enrolmentClosesAt: '2026-12-01T08:00:00Z' })).toEqual([
      'enrolmentClosesAt:enrolment-window-order',
    ]);
    expect(rules({ enrolmentClosesAt: '2027-04-30T23:59:59Z' })).toEqual([]);
    expect(rules({ enrolmentClosesAt: '2027-05-01T00:00:00Z' })).toEqual([
      'enrolmentClosesAt:enrolment-window-after-end',
    ]);
    // An offset counts: 01:00 on 1 May in Brussels is still 30 April in UTC.
    expect(rules({ enrolmentClosesAt: '2027-05-01T01:00:00+02:00' })).toEqual([]);
  });

  it('wants at least one place, a known mode, a language code, and a location unless online', () => {
    expect(rules({ capacity: 0 })).toEqual(['capacity:capacity-minimum']);
    expect(rules({ capacity: 2.5 })).toEqual(['capacity:capacity-minimum']);
    expect(rules({ mode: 'hybrid' })).toEqual(['mode:edition-mode']);
    expect(rules({ language: 'nld' })).toEqual(['language:language-code']);
    expect(rules({ location: ' ' })).toEqual(['location:location-required']);
    expect(rules({ mode: 'online', location: undefined })).toEqual([]);
    expect(rules({ code: 'x' })).toEqual(['code:edition-code-format']);
  });

  it('never lets the capacity drop below the places taken', () => {
    expect(checkCapacity(3, 3)).toEqual([]);
    expect(checkCapacity(2, 3)).toEqual([
      { field: 'capacity', rule: 'capacity-below-held', params: { held: 3 } },
    ]);
  });

  it('explains a problem in Dutch and English', () => {
    const problem = {
      field: 'startsOn',
      rule: 'decree-year-missing' as const,
      params: { academicYear: '2029-30' },
    };
    expect(MESSAGES.render(problem.rule, 'en', problem.params)).toContain(
      'stapel tuition set --year 2029-30',
    );
    expect(MESSAGES.render(problem.rule, 'nl', problem.params)).toContain('academiejaar 2029-30');
  });
});

describe('edition price', () => {
  it('belongs to the academic year the edition starts in (1 September)', () => {
    expect(parseDay('2027-08-31')).toBeDefined();
    expect(editionAcademicYear('2027-08-31')).toBe('2026-27');
    expect(editionAcademicYear('2027-09-01')).toBe('2027-28');
  });

  it('is the decree amount for form A: fixed part plus amount per credit', () => {
    expect(editionPrice({ form: 'regular', ects: 6 }, table, '2022-02-01')).toEqual({
      price: {
        kind: 'decree',
        academicYear: '2021-22',
        priceCents: 31930,
        fixedCents: 24790,
        perCreditCents: 1190,
      },
    });
  });

  it('refuses a form A price when the decree year is missing, never guessing from another year', () => {
    expect(editionPrice({ form: 'regular', ects: 6 }, table, '2029-10-01')).toEqual({
      problem: { field: 'startsOn', rule: 'decree-year-missing', params: { academicYear: '2029-30' } },
    });
  });

  it('is the institution’s amount for form B, whatever the decree table says', () => {
    expect(editionPrice({ form: 'outside-regular', ects: 2, tuitionEur: 450 }, [], '2029-10-01')).toEqual({
      price: { kind: 'institution', academicYear: '2029-30', priceCents: 45000 },
    });
    expect(editionPrice({ form: 'outside-regular', ects: 2 }, [], '2029-10-01')).toEqual({
      problem: { field: 'microCredential', rule: 'tuition-unset' },
    });
  });
});

describe('reductions and the amount due', () => {
  it('takes the percentage off, rounded to the cent', () => {
    expect(amountDue(45000)).toBe(45000);
    expect(amountDue(45000, { percent: 50 })).toBe(22500);
    expect(amountDue(31930, { percent: 33.3 })).toBe(21297);
    expect(amountDue(31930, { percent: 100 })).toBe(0);
  });

  it('stays between nothing and the full price', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (price, percent) => {
          const due = amountDue(price, { percent });
          return due >= 0 && due <= price;
        },
      ),
    );
  });

  it('owes nothing once refused or cancelled', () => {
    expect(amountOwed('accepted', 22500)).toBe(22500);
    expect(amountOwed('waitlisted', 22500)).toBe(22500);
    expect(amountOwed('refused', 22500)).toBe(0);
    expect(amountOwed('cancelled', 22500)).toBe(0);
  });

  it('checks a reduction: code, both labels, a percentage above 0 up to 100', () => {
    const ok = { code: 'job-seeker', label: { nl: 'Werkzoekende', en: 'Job seeker' }, percent: 50 };
    expect(checkReduction(ok)).toEqual([]);
    expect(checkReduction({ ...ok, code: 'Job Seeker' }).map((p) => p.rule)).toEqual([
      'reduction-code-format',
    ]);
    expect(checkReduction({ ...ok, label: { nl: '', en: 'x' } }).map((p) => p.field)).toEqual(['label.nl']);
    expect(checkReduction({ ...ok, percent: 0 }).map((p) => p.rule)).toEqual(['reduction-percent-range']);
    expect(checkReduction({ ...ok, percent: 101 }).map((p) => p.rule)).toEqual(['reduction-percent-range']);
  });

  it('offers the platform-wide reductions and the institution’s own, its own winning on the same code', () => {
    const all = [
      { code: 'job-seeker', institutionId: null, percent: 50 },
      { code: 'alumni', institutionId: 'a', percent: 20 },
      { code: 'alumni', institutionId: 'b', percent: 30 },
      { code: 'job-seeker', institutionId: 'b', percent: 60 },
    ];
    expect(reductionsFor(all, 'a').map((r) => [r.code, r.percent])).toEqual([
      ['alumni', 20],
      ['job-seeker', 50],
    ]);
    expect(reductionsFor(all, 'b').map((r) => [r.code, r.percent])).toEqual([
      ['alumni', 30],
      ['job-seeker', 60],
    ]);
    expect(reductionsFor(all, 'c').map((r) => r.code)).toEqual(['job-seeker']);
  });
});

describe('the enrolment state machine', () => {
  it('takes a free place, or joins the waiting list', () => {
    expect(statusOnEnrol(2, 0)).toBe('pending');
    expect(statusOnEnrol(2, 1)).toBe('pending');
    expect(statusOnEnrol(2, 2)).toBe('waitlisted');
    expect(placesLeft(2, 3)).toBe(0);
  });

  it('counts pending and accepted against the capacity, nothing else', () => {
    expect(ENROLMENT_STATUSES.filter(holdsPlace)).toEqual(['pending', 'accepted']);
  });

  it('allows exactly these moves', () => {
    const moves = ENROLMENT_STATUSES.flatMap((from) =>
      (['accept', 'refuse', 'cancel', 'promote'] as const).flatMap((event) => {
        const to = nextStatus(from, event);
        return to ? [`${from} -${event}-> ${to}`] : [];
      }),
    );
    expect(moves.sort()).toEqual(
      [
        'pending -accept-> accepted',
        'pending -refuse-> refused',
        'pending -cancel-> cancelled',
        'waitlisted -refuse-> refused',
        'waitlisted -cancel-> cancelled',
        'waitlisted -promote-> pending',
        'accepted -cancel-> cancelled',
      ].sort(),
    );
  });

  it('needs a reason to refuse, not to accept', () => {
    expect(checkDecision('refuse', '  ')).toEqual([{ field: 'reason', rule: 'decision-reason-required' }]);
    expect(checkDecision('refuse', 'Prerequisites not met')).toEqual([]);
    expect(checkDecision('accept', undefined)).toEqual([]);
  });

  it('moves the longest-waiting learners up, one per free place', () => {
    const list = [
      { id: 'c', waitlistSince: '2026-12-01T10:00:03.000Z' },
      { id: 'b', waitlistSince: '2026-12-01T10:00:01.000Z' },
      { id: 'a', waitlistSince: '2026-12-01T10:00:01.000Z' },
    ];
    expect(toPromote(3, 2, list).map((e) => e.id)).toEqual(['a']);
    expect(toPromote(5, 2, list).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(toPromote(2, 2, list)).toEqual([]);
    expect(waitlistPosition('c', list)).toBe(3);
    expect(waitlistPosition('z', list)).toBeNull();
  });

  it('stops moving the waiting list once the edition has started', () => {
    expect(waitlistMoves(new Date('2027-01-31T23:59:59Z'), '2027-02-01')).toBe(true);
    expect(waitlistMoves(new Date('2027-02-01T00:00:00Z'), '2027-02-01')).toBe(false);
  });

  it('never promotes more learners than there are free places', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        (capacity, held, waiting) => {
          const list = Array.from({ length: waiting }, (_, i) => ({ id: `e${i}`, waitlistSince: `t${i}` }));
          return held + toPromote(capacity, held, list).length <= Math.max(capacity, held);
        },
      ),
    );
  });
});

describe('who may enrol', () => {
  const facts: EnrolmentFacts = {
    now: new Date('2027-01-10T12:00:00Z'),
    enrolmentOpensAt: '2026-12-01T08:00:00.000Z',
    enrolmentClosesAt: '2027-01-25T22:00:00.000Z',
    versionStatus: 'published',
    hasPrerequisites: true,
    prerequisitesConfirmed: true,
  };
  const check = (f: Partial<EnrolmentFacts>) => checkEnrolment({ ...facts, ...f })?.reason;

  it('anyone inside the window, once the prerequisites are confirmed', () => {
    expect(check({})).toBeUndefined();
    expect(check({ prerequisitesConfirmed: false })).toBe('prerequisites-not-confirmed');
    expect(check({ prerequisitesConfirmed: false, hasPrerequisites: false })).toBeUndefined();
  });

  it('only inside the enrolment window', () => {
    expect(check({ now: new Date('2026-12-01T07:59:59Z') })).toBe('window-not-open');
    expect(check({ now: new Date('2026-12-01T08:00:00Z') })).toBeUndefined();
    expect(check({ now: new Date('2027-01-25T22:00:00Z') })).toBe('window-closed');
  });

  it('only for editions of versions that were published', () => {
    expect(versionTakesEnrolments('published')).toBe(true);
    expect(versionTakesEnrolments('superseded')).toBe(true);
    for (const status of ['draft', 'submitted', 'approved', 'rejected']) {
      expect(check({ versionStatus: status })).toBe('not-published');
    }
  });

  it('once per edition: back after a cancellation, not after a refusal', () => {
    expect(check({ existing: 'cancelled' })).toBeUndefined();
    expect(check({ existing: 'pending' })).toBe('already-enrolled');
    expect(check({ existing: 'waitlisted' })).toBe('already-enrolled');
    expect(check({ existing: 'accepted' })).toBe('already-enrolled');
    expect(check({ existing: 'refused' })).toBe('refused-before');
  });
});

describe('enrolment messages', () => {
  it('say every refusal in Dutch and in English', () => {
    const params = { code: 'X', id: 'i', status: 'pending', decision: 'accept', held: 2, endsOn: 'd' };
    for (const [key, message] of Object.entries(ENROLMENT_MESSAGES)) {
      const nl = typeof message.nl === 'function' ? message.nl(params) : message.nl;
      const en = typeof message.en === 'function' ? message.en(params) : message.en;
      expect(nl, key).not.toBe('');
      expect(nl, key).not.toBe(en);
      expect(MESSAGES.has(key), key).toBe(true);
    }
  });
});
