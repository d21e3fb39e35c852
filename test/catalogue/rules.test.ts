import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ECTS_LIMIT_EXCLUSIVE,
  FORM_RULES,
  academicYearOf,
  checkCourseUnit,
  checkMicroCredential,
  hasErrors,
  latestDecreeYear,
  missingEuElements,
  proofOfLearning,
  tuitionFor,
  type MicroCredentialDefinition,
  type RuleProblem,
} from '../../src/catalogue/rules.ts';
import { t } from '../../src/core/i18n.ts';
import { MESSAGES } from '../../src/messages.ts';
import { FORM_A, FORM_B, ISSUER, unit, units } from '../support/rule-facts.ts';

const issuer = ISSUER;
const formA = FORM_A;
const formAUnits = units(unit('CU1', 3), unit('CU2', 3));
const formB = FORM_B;

const rulesOf = (problems: RuleProblem[], severity: 'error' | 'warning' = 'error') =>
  problems.filter((p) => p.severity === severity).map((p) => p.rule);

describe('the form table', () => {
  it('reads like the source document', () => {
    expect(FORM_RULES.regular).toMatchObject({
      higherEducationCodeApplies: true,
      proofOfLearning: ['credit-certificate', 'micro-credential-certificate'],
      tuition: 'decree',
      qualityAssurance: 'internal-and-external',
      minimumEcts: 3,
    });
    expect(FORM_RULES['outside-regular']).toMatchObject({
      higherEducationCodeApplies: false,
      proofOfLearning: ['micro-credential-certificate'],
      tuition: 'institution',
      qualityAssurance: 'institution',
      minimumEcts: 0,
    });
  });

  it('gives form A a credit certificate per course unit and a certificate, form B a certificate only', () => {
    expect(proofOfLearning('regular')).toEqual(['credit-certificate', 'micro-credential-certificate']);
    expect(proofOfLearning('outside-regular')).toEqual(['micro-credential-certificate']);
  });
});

describe('valid definitions', () => {
  it('accepts a complete form A and form B definition for publishing', () => {
    expect(checkMicroCredential(formA, { phase: 'publish', courseUnits: formAUnits, issuer })).toEqual([]);
    expect(checkMicroCredential(formB, { phase: 'publish', issuer })).toEqual([]);
  });
});

describe('study load', () => {
  it('refuses 60 ECTS or more for both forms', () => {
    expect(rulesOf(checkMicroCredential({ ...formB, ects: 60 }, { phase: 'save' }))).toContain(
      'ects-below-60',
    );
    const big = units(unit('CU1', 30), unit('CU2', 30));
    expect(
      rulesOf(checkMicroCredential({ ...formA, ects: 60 }, { phase: 'save', courseUnits: big })),
    ).toContain('ects-below-60');
    expect(rulesOf(checkMicroCredential({ ...formB, ects: 59.5 }, { phase: 'save' }))).not.toContain(
      'ects-below-60',
    );
  });

  it('holds for every amount: below 60 passes the limit, 60 and above never does', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 200, noNaN: true }), (ects) => {
        const refused = rulesOf(checkMicroCredential({ ...formB, ects }, { phase: 'save' })).includes(
          'ects-below-60',
        );
        expect(refused).toBe(ects >= ECTS_LIMIT_EXCLUSIVE);
      }),
    );
  });

  it('requires at least 3 ECTS for form A and allows less for form B', () => {
    const small = units(unit('CU1', 2));
    expect(
      rulesOf(
        checkMicroCredential(
          { ...formA, ects: 2, courseUnits: ['CU1'] },
          { phase: 'save', courseUnits: small },
        ),
      ),
    ).toContain('ects-form-a-minimum');
    expect(rulesOf(checkMicroCredential({ ...formB, ects: 0.5 }, { phase: 'save' }))).toEqual([]);
  });

  it('refuses zero or negative ECTS', () => {
    expect(rulesOf(checkMicroCredential({ ...formB, ects: 0 }, { phase: 'save' }))).toContain(
      'ects-positive',
    );
  });

  it('warns but does not refuse above 20 ECTS', () => {
    const problems = checkMicroCredential({ ...formB, ects: 24 }, { phase: 'publish', issuer });
    expect(rulesOf(problems, 'warning')).toEqual(['ects-above-framework']);
    expect(hasErrors(problems)).toBe(false);
    expect(rulesOf(checkMicroCredential({ ...formB, ects: 20 }, { phase: 'save' }), 'warning')).toEqual([]);
  });

  it('requires form A ECTS to equal the sum of its course units', () => {
    const problems = checkMicroCredential({ ...formA, ects: 7 }, { phase: 'save', courseUnits: formAUnits });
    expect(problems).toContainEqual(
      expect.objectContaining({
        field: 'ects',
        rule: 'ects-sum-of-course-units',
        params: { sum: 6, ects: 7 },
      }),
    );
  });

  it('requires a VKS level from 1 to 8', () => {
    expect(rulesOf(checkMicroCredential({ ...formB, vksLevel: 9 }, { phase: 'save' }))).toContain(
      'vks-level-range',
    );
    expect(rulesOf(checkMicroCredential({ ...formB, vksLevel: 0 }, { phase: 'save' }))).toContain(
      'vks-level-range',
    );
  });
});

describe('course units', () => {
  it('form A needs course units; form B may not have them', () => {
    expect(rulesOf(checkMicroCredential({ ...formA, courseUnits: [] }, { phase: 'save' }))).toContain(
      'course-units-required',
    );
    expect(
      rulesOf(
        checkMicroCredential({ ...formB, courseUnits: ['CU1'] }, { phase: 'save', courseUnits: formAUnits }),
      ),
    ).toContain('course-units-not-allowed');
  });

  it('names a course unit that does not exist', () => {
    const problems = checkMicroCredential(
      { ...formA, courseUnits: ['CU1', 'NOPE'] },
      { phase: 'save', courseUnits: formAUnits },
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ field: 'courseUnits[1]', rule: 'course-unit-unknown' }),
    );
  });

  it('at publishing, form A course units must be published and under internal and external QA', () => {
    const draftUnit = units(unit('CU1', 3, { published: false }), unit('CU2', 3, { qaExternal: false }));
    const problems = rulesOf(
      checkMicroCredential(formA, { phase: 'publish', courseUnits: draftUnit, issuer }),
    );
    expect(problems).toEqual(['course-unit-not-published', 'course-unit-qa']);
    expect(rulesOf(checkMicroCredential(formA, { phase: 'save', courseUnits: draftUnit }))).toEqual([]);
  });
});

describe('quality assurance and tuition follow the form', () => {
  it('form A QA is internal and external; form B QA is by the institution', () => {
    expect(
      rulesOf(
        checkMicroCredential({ ...formA, qaType: 'institution' }, { phase: 'save', courseUnits: formAUnits }),
      ),
    ).toContain('qa-type-form');
    expect(
      rulesOf(checkMicroCredential({ ...formB, qaType: 'internal-and-external' }, { phase: 'save' })),
    ).toContain('qa-type-form');
    expect(rulesOf(checkMicroCredential({ ...formB, qaType: 'institution' }, { phase: 'save' }))).toEqual([]);
  });

  it('form A tuition is set by decree, so an institution amount is refused', () => {
    expect(
      rulesOf(
        checkMicroCredential({ ...formA, tuitionEur: 100 }, { phase: 'save', courseUnits: formAUnits }),
      ),
    ).toContain('tuition-decree');
  });

  it('form B tuition is set by the institution and needed to publish', () => {
    const { tuitionEur: _t, ...noTuition } = formB;
    expect(rulesOf(checkMicroCredential(noTuition, { phase: 'save' }))).toEqual([]);
    expect(rulesOf(checkMicroCredential(noTuition, { phase: 'publish', issuer }))).toContain(
      'tuition-institution',
    );
    expect(rulesOf(checkMicroCredential({ ...formB, tuitionEur: -5 }, { phase: 'save' }))).toContain(
      'tuition-institution',
    );
  });

  it('computes decree tuition from the table of the academic year: fixed part plus amount per credit', () => {
    const table = [
      { academicYear: '2021-22', fixedCents: 24790, perCreditCents: 1190 },
      { academicYear: '2022-23', fixedCents: 26000, perCreditCents: 1250 },
    ];
    expect(tuitionFor({ form: 'regular', ects: 6 }, table, '2021-22')).toEqual({
      kind: 'decree',
      academicYear: '2021-22',
      fixedCents: 24790,
      perCreditCents: 1190,
      totalCents: 24790 + 6 * 1190,
    });
    expect(tuitionFor({ form: 'regular', ects: 6 }, table, '2022-23')).toMatchObject({
      totalCents: 26000 + 6 * 1250,
    });
    expect(tuitionFor({ form: 'regular', ects: 6 }, table, '2030-31')).toEqual({
      kind: 'decree-unknown',
      academicYear: '2030-31',
    });
    expect(tuitionFor({ form: 'outside-regular', ects: 2, tuitionEur: 450 }, table, '2021-22')).toEqual({
      kind: 'institution',
      totalCents: 45000,
    });
    expect(latestDecreeYear(table, '2026-27')?.academicYear).toBe('2022-23');
  });

  it('knows the academic year starts on 1 September', () => {
    expect(academicYearOf(new Date('2026-11-28T12:00:00Z'))).toBe('2026-27');
    expect(academicYearOf(new Date('2027-08-31T12:00:00Z'))).toBe('2026-27');
    expect(academicYearOf(new Date('2027-09-01T00:00:00Z'))).toBe('2027-28');
    expect(academicYearOf(new Date('2099-09-01T00:00:00Z'))).toBe('2099-00');
  });
});

describe('EU mandatory elements before publishing', () => {
  it('names each missing element and lets a draft be saved without them', () => {
    const bare: MicroCredentialDefinition = {
      code: 'X1',
      title: { nl: 'Titel' },
      form: 'outside-regular',
      ects: 2,
      vksLevel: 6,
      language: 'nl',
    };
    expect(rulesOf(checkMicroCredential(bare, { phase: 'save' }))).toEqual([]);
    const missing = missingEuElements(bare, issuer).map((m) => m.params.element);
    expect(missing).toEqual(['learning-outcomes', 'assessment-type', 'participation-form']);
    const problems = checkMicroCredential(bare, { phase: 'publish', issuer }).filter(
      (p) => p.rule === 'eu-mandatory',
    );
    expect(problems.map((p) => p.field)).toEqual(['learningOutcomes', 'assessmentType', 'participationForm']);
  });

  it('needs the issuer country and region and awarding body', () => {
    const missing = missingEuElements(formB, { name: '', country: 'BE', region: '' }).map(
      (m) => m.params.element,
    );
    expect(missing).toEqual(['country-region', 'awarding-body']);
  });

  it('refuses learning outcomes that are all blank', () => {
    const problems = checkMicroCredential(
      { ...formB, learningOutcomes: [{ nl: '  ' }] },
      { phase: 'publish', issuer },
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ field: 'learningOutcomes', rule: 'eu-mandatory' }),
    );
  });
});

describe('other fields', () => {
  it('checks code, language and URLs', () => {
    expect(rulesOf(checkMicroCredential({ ...formB, code: 'a b' }, { phase: 'save' }))).toContain(
      'code-format',
    );
    expect(rulesOf(checkMicroCredential({ ...formB, language: 'dutch' }, { phase: 'save' }))).toContain(
      'language-code',
    );
    expect(
      rulesOf(checkMicroCredential({ ...formB, furtherInfoUrl: 'javascript:alert(1)' }, { phase: 'save' })),
    ).toContain('url-format');
    expect(
      rulesOf(checkMicroCredential({ ...formB, partners: [{ name: 'X', url: 'nope' }] }, { phase: 'save' })),
    ).toContain('url-format');
  });

  it('course units have their own rules', () => {
    const cu = { code: 'CU1', title: { nl: 'T' }, ects: 3, vksLevel: 6, qaInternal: true, qaExternal: true };
    expect(checkCourseUnit(cu, 'save')).toEqual([]);
    expect(checkCourseUnit(cu, 'publish').map((p) => p.rule)).toEqual(['eu-mandatory']);
    expect(checkCourseUnit({ ...cu, ects: 0, vksLevel: 12 }, 'save').map((p) => p.rule)).toEqual([
      'ects-positive',
      'vks-level-range',
    ]);
  });
});

describe('text that reads differently from what it is', () => {
  const problemsOf = (def: MicroCredentialDefinition, phase: 'save' | 'publish' = 'save') =>
    checkMicroCredential(def, { phase, courseUnits: formAUnits, issuer })
      .filter((p) => p.severity === 'error')
      .map((p) => ({ field: p.field, rule: p.rule }));

  it('refuses a title with a bidirectional control, in either language, and says which character', () => {
    expect(problemsOf({ ...formA, title: { nl: 'Data\u202Eesylana' } })).toEqual([
      { field: 'title.nl', rule: 'text-bidi-control' },
    ]);
    expect(problemsOf({ ...formA, title: { nl: 'Data-analyse', en: 'Data\u2066analysis' } })).toEqual([
      { field: 'title.en', rule: 'text-bidi-control' },
    ]);
    const [problem] = checkMicroCredential({ ...formA, title: { nl: 'A\u202EB' } }, { phase: 'save' });
    expect(problem?.params).toEqual({ codePoint: 'U+202E' });
    expect(t(problem!.rule, 'nl', problem!.params)).toContain('leesrichting omkeert (U+202E)');
    expect(t(problem!.rule, 'en', problem!.params)).toContain('reading direction (U+202E)');
  });

  it('refuses a title of zero-width spaces, which would otherwise count as a title', () => {
    expect(problemsOf({ ...formA, title: { nl: '\u200B' } })).toEqual([
      { field: 'title.nl', rule: 'text-invisible-only' },
    ]);
    expect(problemsOf({ ...formA, title: { nl: '\u200B\u200D\u00AD' } }, 'publish')).toEqual([
      { field: 'title.nl', rule: 'text-invisible-only' },
      { field: 'title.nl', rule: 'eu-mandatory' },
    ]);
    expect(MESSAGES.has('text-invisible-only')).toBe(true);
  });

  it('checks the other text a reader sees: description, learning outcomes, assessment, partners', () => {
    expect(
      problemsOf({
        ...formB,
        description: { nl: 'Een beschrijving\nover twee regels', en: '\u200B' },
        learningOutcomes: [{ nl: 'Leidt een verbeterproject.' }, { nl: 'Past \u202Dlean toe.' }],
        assessmentType: { nl: 'Rubric', en: 'Rubric\u0007' },
        partners: [{ name: '\u2060' }],
        fieldOfStudy: 'Zorg',
      }),
    ).toEqual([
      { field: 'description.en', rule: 'text-invisible-only' },
      { field: 'learningOutcomes[1].nl', rule: 'text-bidi-control' },
      { field: 'assessmentType.en', rule: 'text-control-character' },
      { field: 'partners[0].name', rule: 'text-invisible-only' },
    ]);
  });

  it('does not count invisible learning outcomes or assessment types as stated before publishing', () => {
    const rules = rulesOf(
      checkMicroCredential(
        { ...formB, learningOutcomes: [{ nl: '\u200B' }], assessmentType: { nl: '\uFEFF\u2060' } },
        { phase: 'publish', issuer },
      ),
    );
    expect(rules).toContain('eu-mandatory');
    expect(missingEuElements({ ...formB, learningOutcomes: [{ nl: '\u200B' }] }).map((m) => m.field)).toEqual(
      ['learningOutcomes'],
    );
  });

  it('applies to course units too', () => {
    const cu = { code: 'CU1', title: { nl: 'T' }, ects: 3, vksLevel: 6, qaInternal: true, qaExternal: true };
    expect(checkCourseUnit({ ...cu, title: { nl: '\u202ET' } }, 'save').map((p) => p.rule)).toEqual([
      'text-bidi-control',
    ]);
    expect(
      checkCourseUnit({ ...cu, learningOutcomes: [{ nl: '\u200B\u200B' }] }, 'publish').map((p) => p.rule),
    ).toEqual(['text-invisible-only', 'eu-mandatory']);
  });

  it('holds for any title: one bidi control anywhere is refused; readable titles pass', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom(
          '\u061C',
          '\u200E',
          '\u200F',
          '\u202A',
          '\u202B',
          '\u202C',
          '\u202D',
          '\u202E',
          '\u2066',
          '\u2067',
          '\u2068',
          '\u2069',
        ),
        fc.string(),
        (before, control, after) => {
          const rules = checkMicroCredential(
            { ...formA, title: { nl: `T${before}${control}${after}` } },
            { phase: 'save', courseUnits: formAUnits },
          ).map((p) => p.rule);
          expect(rules).toContain('text-bidi-control');
        },
      ),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9 ,.'-]{0,60}$/), (title) => {
        expect(
          checkMicroCredential(
            { ...formA, title: { nl: title } },
            { phase: 'save', courseUnits: formAUnits },
          ),
        ).toEqual([]);
      }),
    );
  });
});
