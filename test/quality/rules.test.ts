import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Actor } from '../../src/core/actor.ts';
import type { MicroCredentialDefinition } from '../../src/catalogue/rules.ts';
import {
  ATTESTED_RATIONALE,
  CHECKLIST,
  DECISIONS,
  HOURS_PER_ECTS,
  REVIEW_STATUS_BY_DECISION,
  VERSION_TRANSITIONS,
  attestedChecklist,
  checkDecision,
  checklistFor,
  decisionOfStatus,
  editRefusalReason,
  fourEyesAllows,
  isEditable,
  isPublic,
  nextState,
  partyOf,
  preCheck,
  publicQualityRecord,
  qualityMessage,
  recordChecklist,
  refusalReason,
  workloadFits,
  type ChecklistEntry,
  type PreCheck,
  type VersionAction,
  type VersionState,
} from '../../src/quality/rules.ts';
import { FORM_A, FORM_B, ISSUER, unit, units } from '../support/rule-facts.ts';

const issuer = ISSUER;
const formA: MicroCredentialDefinition = { ...FORM_A, workloadHours: 160 };
const formAFacts = { courseUnits: units(unit('CU1', 3), unit('CU2', 3)), issuer };
const formB: MicroCredentialDefinition = { ...FORM_B, workloadHours: 55 };
const formBFacts = { courseUnits: units(), issuer };

const criterionOf = (check: PreCheck, id: string) => check.criteria.find((c) => c.criterion === id);
const findingRules = (check: PreCheck, id: string) => criterionOf(check, id)?.findings.map((f) => f.rule);

const alice: Actor = {
  kind: 'user',
  userId: 'u-alice',
  email: 'alice@example.org',
  name: 'Alice',
  memberships: [],
};
const bob: Actor = { kind: 'user', userId: 'u-bob', email: 'bob@example.org', name: 'Bob', memberships: [] };
const token: Actor = {
  kind: 'token',
  tokenId: 't-1',
  institutionId: 'i-1',
  slug: 'schelde',
  label: 'sync',
  roles: ['administrator', 'designer', 'qa-reviewer', 'assessor', 'registrar'],
};
const cli: Actor = { kind: 'cli', label: 'catalog import' };
const system: Actor = { kind: 'system', label: 'demo loader' };

const allJudgedMet: ChecklistEntry[] = [
  { criterion: 'learning-outcomes-assessable', met: true },
  { criterion: 'level-justified', met: true },
];
const passedA = preCheck(formA, formAFacts);
const passedB = preCheck(formB, formBFacts);
const rules = (problems: Array<{ rule: string }>) => problems.map((p) => p.rule);

describe('the checklist as data', () => {
  it('has unique ids, a Dutch and an English label, and a kind for every criterion', () => {
    expect(new Set(CHECKLIST.map((c) => c.id)).size).toBe(CHECKLIST.length);
    for (const c of CHECKLIST) {
      expect(c.label.nl.trim()).not.toBe('');
      expect(c.label.en.trim()).not.toBe('');
      expect(['automatic', 'judgement']).toContain(c.kind);
    }
  });

  it('covers the criteria of the procedure, with outcomes and level left to reviewers', () => {
    const kinds = Object.fromEntries(CHECKLIST.map((c) => [c.id, c.kind]));
    expect(kinds).toEqual({
      'eu-elements': 'automatic',
      'learning-outcomes-assessable': 'judgement',
      'ects-workload': 'automatic',
      'level-justified': 'judgement',
      'form-a-course-units': 'automatic',
      'framework-rules': 'automatic',
    });
  });

  it('asks the course-unit criterion of form A only', () => {
    expect(checklistFor('regular').map((c) => c.id)).toContain('form-a-course-units');
    expect(checklistFor('outside-regular').map((c) => c.id)).not.toContain('form-a-course-units');
  });
});

describe('the automatic pre-check', () => {
  it('passes a complete form A and a complete form B', () => {
    expect(passedA.passed).toBe(true);
    expect(passedA.criteria.map((c) => c.criterion)).toEqual([
      'eu-elements',
      'ects-workload',
      'form-a-course-units',
      'framework-rules',
    ]);
    expect(passedB.passed).toBe(true);
    expect(passedB.criteria.map((c) => c.criterion)).not.toContain('form-a-course-units');
  });

  it('finds every missing EU element through missingEuElements', () => {
    const bare: MicroCredentialDefinition = {
      ...formB,
      learningOutcomes: [],
      assessmentType: undefined,
      participationForm: undefined,
    };
    const check = preCheck(bare, formBFacts);
    expect(check.passed).toBe(false);
    expect(criterionOf(check, 'eu-elements')?.findings.map((f) => f.field)).toEqual([
      'learningOutcomes',
      'assessmentType',
      'participationForm',
    ]);
    expect(criterionOf(check, 'eu-elements')?.findings[0]?.message.en).toBe(
      'Mandatory EU element missing: learning outcomes.',
    );
    expect(preCheck(formB, { ...formBFacts, issuer: { ...issuer, region: '' } }).passed).toBe(false);
  });

  it('counts a missing workload as a finding', () => {
    const check = preCheck({ ...formB, workloadHours: undefined }, formBFacts);
    expect(criterionOf(check, 'ects-workload')).toMatchObject({ met: false });
    expect(findingRules(check, 'ects-workload')).toEqual(['workload-missing']);
  });

  it('accepts 25 to 30 hours per ECTS, bounds included, and refuses outside', () => {
    for (const hours of [50, 55, 60]) {
      expect(preCheck({ ...formB, workloadHours: hours }, formBFacts).passed).toBe(true);
    }
    for (const hours of [49, 61]) {
      const check = preCheck({ ...formB, workloadHours: hours }, formBFacts);
      expect(findingRules(check, 'ects-workload')).toEqual(['ects-workload-inconsistent']);
      expect(criterionOf(check, 'ects-workload')?.findings[0]?.params).toEqual({
        hours,
        ects: 2,
        min: 50,
        max: 60,
      });
    }
    expect(workloadFits(1.5, 37.5)).toBe(true);
    expect(workloadFits(0, 0)).toBe(false);
  });

  it('matches 25–30 hours per ECTS for any study load (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 59, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        (ects, hours) => {
          const inside = hours >= HOURS_PER_ECTS.min * ects && hours <= HOURS_PER_ECTS.max * ects;
          if (inside) expect(workloadFits(ects, hours)).toBe(true);
          if (hours < HOURS_PER_ECTS.min * ects - 1e-6 || hours > HOURS_PER_ECTS.max * ects + 1e-6)
            expect(workloadFits(ects, hours)).toBe(false);
        },
      ),
    );
  });

  it('requires form A course units to exist, be published and fall under internal and external QA', () => {
    const check = preCheck(
      { ...formA, courseUnits: ['CU1', 'CU2', 'CU3'], ects: 9, workloadHours: 250 },
      {
        courseUnits: units(unit('CU1', 3, { qaExternal: false }), unit('CU2', 3, { published: false })),
        issuer,
      },
    );
    expect(criterionOf(check, 'form-a-course-units')?.findings).toEqual([
      expect.objectContaining({ field: 'courseUnits[0]', rule: 'course-unit-qa', params: { code: 'CU1' } }),
      expect.objectContaining({ field: 'courseUnits[1]', rule: 'course-unit-not-published' }),
      expect.objectContaining({ field: 'courseUnits[2]', rule: 'course-unit-unknown' }),
    ]);
    // The framework criterion does not report the same course-unit problems a second time.
    expect(findingRules(check, 'framework-rules')).toEqual([]);
    const none = preCheck({ ...formA, courseUnits: [] }, formAFacts);
    expect(findingRules(none, 'form-a-course-units')).toEqual(['course-units-required']);
    const internalOnly = preCheck(formA, {
      courseUnits: units(unit('CU1', 3, { qaExternal: false }), unit('CU2', 3, { qaInternal: false })),
      issuer,
    });
    expect(findingRules(internalOnly, 'form-a-course-units')).toEqual(['course-unit-qa', 'course-unit-qa']);
  });

  it('holds back what publication would refuse, so that an approved version can be published', () => {
    expect(
      findingRules(preCheck({ ...formB, tuitionEur: undefined }, formBFacts), 'framework-rules'),
    ).toEqual(['tuition-institution']);
    expect(
      findingRules(preCheck({ ...formA, ects: 5, workloadHours: 130 }, formAFacts), 'framework-rules'),
    ).toEqual(['ects-sum-of-course-units']);
    // Warnings (above 20 ECTS) do not fail the check.
    expect(preCheck({ ...formB, ects: 24, workloadHours: 650 }, formBFacts).passed).toBe(true);
  });
});

describe('the state machine of a version', () => {
  const states = Object.keys(VERSION_TRANSITIONS) as VersionState[];
  const actions: VersionAction[] = ['submit', ...DECISIONS, 'publish', 'supersede'];
  const allowed = (state: VersionState) => actions.filter((a) => nextState(state, a) !== undefined);

  it('moves draft → submitted → approved | changes requested (draft again) | rejected, approved → published', () => {
    expect(nextState('draft', 'submit')).toBe('submitted');
    expect(nextState('submitted', 'approve')).toBe('approved');
    expect(nextState('submitted', 'request-changes')).toBe('draft');
    expect(nextState('submitted', 'reject')).toBe('rejected');
    expect(nextState('approved', 'publish')).toBe('published');
    expect(nextState('published', 'supersede')).toBe('superseded');
  });

  it('allows nothing else', () => {
    expect(Object.fromEntries(states.map((s) => [s, allowed(s)]))).toEqual({
      draft: ['submit'],
      submitted: ['approve', 'request-changes', 'reject'],
      approved: ['publish'],
      published: ['supersede'],
      rejected: [],
      superseded: [],
    });
  });

  it('publishes only an approved version', () => {
    expect(states.filter((s) => nextState(s, 'publish') !== undefined)).toEqual(['approved']);
  });

  it('treats a rejection as final for that version', () => {
    expect(allowed('rejected')).toEqual([]);
  });

  it('lets only a draft be edited, and shows only published and superseded versions publicly', () => {
    expect(states.filter(isEditable)).toEqual(['draft']);
    expect(states.filter(isPublic)).toEqual(['published', 'superseded']);
  });

  it('explains a refusal by naming the state', () => {
    expect(refusalReason('MC-A', 2, 'submitted', 'publish')).toBe(
      'Micro-credential MC-A version 2 is submitted for quality review and awaiting a decision; only an approved version can be published.',
    );
    expect(refusalReason('MC-A', 1, 'draft', 'publish')).toContain('a draft');
    expect(refusalReason('MC-A', 1, 'rejected', 'approve')).toContain('only a submitted version');
    expect(editRefusalReason('MC-A', 1, 'submitted')).toContain(
      'cannot be edited until a reviewer has decided',
    );
    expect(editRefusalReason('MC-A', 1, 'rejected')).toContain('start a new version');
  });

  it('maps each decision to a review status and back', () => {
    for (const d of DECISIONS) expect(decisionOfStatus(REVIEW_STATUS_BY_DECISION[d])).toBe(d);
    expect(decisionOfStatus('pending')).toBeUndefined();
  });
});

describe('four eyes', () => {
  it('refuses a person deciding on their own submission, and lets another person decide', () => {
    expect(fourEyesAllows(partyOf(alice), alice)).toBe(false);
    expect(fourEyesAllows(partyOf(alice), bob)).toBe(true);
  });

  it('refuses an API token deciding on what it submitted itself; exempts the command line and the system', () => {
    expect(fourEyesAllows(partyOf(token), token)).toBe(false);
    expect(fourEyesAllows(partyOf(cli), cli)).toBe(true);
    expect(fourEyesAllows(partyOf(system), system)).toBe(true);
    expect(fourEyesAllows(partyOf(alice), token)).toBe(true);
  });

  it('keys parties by kind, so a user and a token never collide', () => {
    expect([alice, token, cli, system].map(partyOf)).toEqual([
      'user:u-alice',
      'token:t-1',
      'cli:catalog import',
      'system:demo loader',
    ]);
  });
});

describe('decisions', () => {
  it('refuses any decision without a written rationale', () => {
    for (const decision of DECISIONS) {
      for (const rationale of [undefined, '', '   ']) {
        expect(
          rules(checkDecision('outside-regular', { decision, rationale, checklist: allJudgedMet }, passedB)),
        ).toEqual(['rationale-required']);
      }
    }
  });

  it('accepts a request for changes or a rejection with a rationale, even with failing criteria', () => {
    const failing = preCheck({ ...formB, workloadHours: undefined }, formBFacts);
    for (const decision of ['request-changes', 'reject'] as const) {
      expect(
        checkDecision(
          'outside-regular',
          { decision, rationale: 'State the workload.', checklist: [] },
          failing,
        ),
      ).toEqual([]);
    }
  });

  it('approves when every automatic criterion passes and every judgement criterion is marked met', () => {
    expect(
      checkDecision(
        'regular',
        { decision: 'approve', rationale: 'Sound.', checklist: allJudgedMet },
        passedA,
      ),
    ).toEqual([]);
  });

  it('refuses an approval while an automatic criterion fails, naming what the check found', () => {
    const failing = preCheck({ ...formB, workloadHours: 10 }, formBFacts);
    const problems = checkDecision(
      'outside-regular',
      { decision: 'approve', rationale: 'Fine.', checklist: allJudgedMet },
      failing,
    );
    expect(problems).toEqual([
      {
        field: 'workloadHours',
        rule: 'ects-workload-inconsistent',
        params: { hours: 10, ects: 2, min: 50, max: 60, criterion: 'ects-workload' },
      },
    ]);
    // Marking the failing criterion met does not override the platform.
    const claimed = checkDecision(
      'outside-regular',
      {
        decision: 'approve',
        rationale: 'Fine.',
        checklist: [...allJudgedMet, { criterion: 'ects-workload', met: true }],
      },
      failing,
    );
    expect(rules(claimed)).toEqual(['ects-workload-inconsistent']);
  });

  it('refuses an approval while a judgement criterion is not marked, or marked not met', () => {
    const unmarked = checkDecision(
      'outside-regular',
      { decision: 'approve', rationale: 'Fine.', checklist: [{ criterion: 'level-justified', met: true }] },
      passedB,
    );
    expect(unmarked).toEqual([
      {
        field: 'checklist',
        rule: 'criterion-not-met',
        params: { criterion: 'learning-outcomes-assessable' },
      },
    ]);
    const notMet = checkDecision(
      'outside-regular',
      {
        decision: 'approve',
        rationale: 'Fine.',
        checklist: [
          { criterion: 'learning-outcomes-assessable', met: true },
          { criterion: 'level-justified', met: false },
        ],
      },
      passedB,
    );
    expect(notMet).toEqual([
      { field: 'checklist[1].met', rule: 'criterion-not-met', params: { criterion: 'level-justified' } },
    ]);
  });

  it('lets a reviewer judge an automatically passed criterion as not met, which blocks approval', () => {
    const problems = checkDecision(
      'outside-regular',
      {
        decision: 'approve',
        rationale: 'Fine.',
        checklist: [...allJudgedMet, { criterion: 'eu-elements', met: false }],
      },
      passedB,
    );
    expect(problems).toEqual([
      { field: 'checklist[2].met', rule: 'criterion-not-met', params: { criterion: 'eu-elements' } },
    ]);
  });

  it('refuses unknown, duplicate and inapplicable criteria in the checklist', () => {
    const problems = checkDecision(
      'outside-regular',
      {
        decision: 'request-changes',
        rationale: 'See notes.',
        checklist: [
          { criterion: 'pretty-logo', met: true },
          { criterion: 'level-justified', met: false },
          { criterion: 'level-justified', met: false },
          { criterion: 'form-a-course-units', met: true },
        ],
      },
      passedB,
    );
    expect(problems).toEqual([
      { field: 'checklist[0].criterion', rule: 'criterion-unknown', params: { criterion: 'pretty-logo' } },
      {
        field: 'checklist[2].criterion',
        rule: 'criterion-duplicate',
        params: { criterion: 'level-justified' },
      },
      {
        field: 'checklist[3].criterion',
        rule: 'criterion-not-applicable',
        params: { criterion: 'form-a-course-units' },
      },
    ]);
  });

  it('never lets an approval through while the pre-check failed (property)', () => {
    fc.assert(
      fc.property(fc.option(fc.double({ min: 0, max: 200, noNaN: true }), { nil: undefined }), (hours) => {
        const check = preCheck({ ...formB, workloadHours: hours }, formBFacts);
        const problems = checkDecision(
          'outside-regular',
          { decision: 'approve', rationale: 'Fine.', checklist: allJudgedMet },
          check,
        );
        expect(problems.length === 0).toBe(check.passed);
      }),
    );
  });
});

describe('the recorded checklist', () => {
  it('records every criterion of the form: automatic from the pre-check, judgement as marked', () => {
    const failing = preCheck({ ...formB, workloadHours: undefined }, formBFacts);
    const recorded = recordChecklist(
      'outside-regular',
      [{ criterion: 'learning-outcomes-assessable', met: true, note: '  Clear verbs.  ' }],
      failing,
    );
    expect(recorded).toEqual([
      { criterion: 'eu-elements', kind: 'automatic', met: true },
      { criterion: 'learning-outcomes-assessable', kind: 'judgement', met: true, note: 'Clear verbs.' },
      {
        criterion: 'ects-workload',
        kind: 'automatic',
        met: false,
        findings: [expect.objectContaining({ rule: 'workload-missing' })],
      },
      { criterion: 'level-justified', kind: 'judgement', met: false },
      { criterion: 'framework-rules', kind: 'automatic', met: true },
    ]);
  });

  it('records an approval taken elsewhere as all met, with a note where the check found something', () => {
    const check = preCheck({ ...formB, workloadHours: undefined }, formBFacts);
    const recorded = attestedChecklist('outside-regular', check);
    expect(recorded.every((c) => c.met)).toBe(true);
    expect(recorded.find((c) => c.criterion === 'ects-workload')?.note).toBe(
      "Attested by the institution's own quality procedure; the automatic check found: No workload in hours is stated, so the study load in ECTS cannot be checked.",
    );
    expect(recorded.filter((c) => c.note)).toHaveLength(1);
    expect(ATTESTED_RATIONALE).toBe("Imported as approved by the institution's own quality procedure");
  });

  it('makes a public record with labels, the role and the rationale, and nothing about the person', () => {
    const record = publicQualityRecord({
      decision: 'approve',
      decidedAt: '2026-03-01T10:00:00.000Z',
      decidedRole: 'qa-reviewer',
      submittedAt: '2026-02-27T09:00:00.000Z',
      rationale: 'Meets every criterion.',
      criteria: recordChecklist(
        'outside-regular',
        [...allJudgedMet, { criterion: 'level-justified', met: true }],
        passedB,
      ),
    });
    expect(record).toEqual({
      decision: 'approve',
      decidedAt: '2026-03-01T10:00:00.000Z',
      decidedRole: 'qa-reviewer',
      submittedAt: '2026-02-27T09:00:00.000Z',
      rationale: 'Meets every criterion.',
      criteria: checklistFor('outside-regular').map((c) => ({ id: c.id, label: c.label, met: true })),
    });
  });
});

describe('messages', () => {
  it('speaks Dutch and English, and falls back to the catalogue messages', () => {
    expect(qualityMessage('rationale-required', 'nl')).toBe(
      'Een beslissing vraagt een geschreven motivering.',
    );
    expect(qualityMessage('rationale-required', 'en')).toBe('A decision needs a written rationale.');
    expect(qualityMessage('course-unit-qa', 'en', { code: 'CU1' })).toBe(
      'Course unit CU1 is not under both internal and external quality assurance.',
    );
    for (const rule of [
      'workload-missing',
      'ects-workload-inconsistent',
      'criterion-unknown',
      'criterion-duplicate',
      'criterion-not-applicable',
      'criterion-not-met',
      'automatic-criterion-failed',
    ]) {
      expect(qualityMessage(rule, 'nl', { criterion: 'x', hours: 1, ects: 1, min: 25, max: 30 })).not.toBe(
        rule,
      );
    }
  });
});
