import type { CourseUnitFacts, MicroCredentialDefinition } from '../../src/catalogue/rules.ts';

/**
 * The facts the pure catalogue and quality rules are tested against: a course unit, an issuer, and one
 * micro-credential of each form, as the source document describes them.
 *
 * @example
 * checkMicroCredential({ ...FORM_A, ects: 2 }, { courseUnits: units(unit('CU1', 3)), issuer: ISSUER });
 */
export const unit = (code: string, ects: number, extra: Partial<CourseUnitFacts> = {}): CourseUnitFacts => ({
  code,
  ects,
  qaInternal: true,
  qaExternal: true,
  published: true,
  ...extra,
});

/** Course units by code, as the rules look them up. */
export const units = (...list: CourseUnitFacts[]): Map<string, CourseUnitFacts> =>
  new Map(list.map((u) => [u.code, u]));

export const ISSUER = { name: 'Hogeschool Schelde', country: 'BE', region: 'BE-VLG' };

/** Form A: built from two regular course units of 3 ECTS each (`CU1`, `CU2`). */
export const FORM_A: MicroCredentialDefinition = {
  code: 'MC-A',
  title: { nl: 'Data-analyse', en: 'Data analysis' },
  form: 'regular',
  ects: 6,
  vksLevel: 6,
  courseUnits: ['CU1', 'CU2'],
  learningOutcomes: [{ nl: 'Analyseert data.' }],
  assessmentType: { nl: 'Project' },
  participationForm: 'blended',
  language: 'nl',
};

/** Form B: outside the regular offering, with the institution's own tuition. */
export const FORM_B: MicroCredentialDefinition = {
  code: 'PV-B',
  title: { nl: 'Lean in de zorg' },
  form: 'outside-regular',
  ects: 2,
  vksLevel: 6,
  learningOutcomes: [{ nl: 'Leidt een verbeterproject.' }],
  assessmentType: { nl: 'Rubric' },
  participationForm: 'online',
  language: 'nl',
  tuitionEur: 450,
};
