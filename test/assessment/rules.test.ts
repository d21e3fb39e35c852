import { describe, expect, it } from 'vitest';
import {
  checkResult,
  currentResults,
  eligibleProofs,
  isIsoDate,
  parseResultsCsv,
  passes,
  requiredResults,
  type ResultInput,
  type ResultRulesContext,
} from '../../src/assessment/rules.ts';
import { todayInFlanders } from '../../src/assessment/edition-facts.ts';
import { ASSESSMENT_MESSAGES, assessmentMessage } from '../../src/assessment/messages.ts';
import { MESSAGES } from '../../src/messages.ts';

const formA: ResultRulesContext = {
  form: 'regular',
  courseUnits: ['DATA101', 'DATA102'],
  passMark: 10,
  today: '2025-03-01',
};
const formB: ResultRulesContext = {
  form: 'outside-regular',
  courseUnits: [],
  passMark: 10,
  today: '2025-03-01',
};
const base: ResultInput = {
  courseUnit: 'DATA101',
  score: 14,
  assessedOn: '2025-02-20',
  assessmentType: 'Project with oral defence',
  supervision: 'supervised-with-id-check',
};
const rules = (input: ResultInput, context = formA) => {
  const checked = checkResult(input, context);
  return checked.ok ? [] : checked.problems.map((p) => p.rule);
};

describe('a result', () => {
  it('is valid with a score on 20, and pass/fail follows the pass mark', () => {
    const checked = checkResult(base, formA);
    expect(checked).toEqual({
      ok: true,
      result: {
        courseUnit: 'DATA101',
        score: 14,
        passed: true,
        assessedOn: '2025-02-20',
        assessmentType: 'Project with oral defence',
        supervision: 'supervised-with-id-check',
      },
    });
    expect(checkResult({ ...base, score: 9.5 }, formA)).toMatchObject({
      ok: true,
      result: { passed: false },
    });
    expect(checkResult({ ...base, score: 10 }, formA)).toMatchObject({ ok: true, result: { passed: true } });
  });

  it('takes the pass mark from the settings', () => {
    expect(passes(11, 12)).toBe(false);
    expect(checkResult({ ...base, score: 11 }, { ...formA, passMark: 12 })).toMatchObject({
      ok: true,
      result: { passed: false },
    });
  });

  it('names the score, the pass mark and the tick when they contradict, in Dutch and English', () => {
    const message = (input: ResultInput, lang: 'nl' | 'en') => {
      const checked = checkResult(input, { ...formA, lang });
      return checked.ok ? '' : checked.problems.map((p) => p.message).join(' | ');
    };
    expect(message({ ...base, score: 9, passed: true }, 'nl')).toBe(
      'de score 9/20 ligt onder de slaagdrempel van 10, maar "geslaagd" is aangevinkt: pas de score of het vinkje aan',
    );
    expect(message({ ...base, score: 9, passed: true }, 'en')).toBe(
      'the score 9/20 is below the pass mark of 10, but "passed" is ticked: change the score or the tick',
    );
    expect(message({ ...base, score: 12, passed: false }, 'en')).toBe(
      'the score 12/20 reaches the pass mark of 10, but "passed" is not ticked: change the score or the tick',
    );
    expect(message({ ...base, score: 25 }, 'nl')).toBe(
      'de score 25 ligt niet tussen 0 en 20: geef een score van 0 tot 20',
    );
    expect(message({ ...base, score: 25 }, 'en')).toBe(
      'the score 25 is not between 0 and 20: give a score from 0 to 20',
    );
  });

  it('refuses a contradiction in a results file too', () => {
    const { rows } = parseResultsCsv(
      'email;course_unit;score;passed;assessed_on;assessment_type;supervision\nan@example.org;DATA101;9;ja;2025-02-20;Project;supervised-with-id-check\n',
      'regular',
    );
    expect(rows).toHaveLength(1);
    expect(rules(rows[0]!.input)).toEqual(['score-contradicts-pass']);
  });

  it('keeps scores between 0 and 20', () => {
    expect(rules({ ...base, score: 20.5 })).toEqual(['score-range']);
    expect(rules({ ...base, score: -1 })).toEqual(['score-range']);
    expect(rules({ ...base, score: Number.NaN })).toEqual(['score-range']);
    expect(rules({ ...base, score: 0 })).toEqual([]);
    expect(rules({ ...base, score: 20 })).toEqual([]);
  });

  it('refuses pass/fail that contradicts the score, and accepts pass/fail without a score', () => {
    expect(rules({ ...base, score: 8, passed: true })).toEqual(['score-contradicts-pass']);
    expect(rules({ ...base, score: 12, passed: false })).toEqual(['score-contradicts-pass']);
    expect(rules({ ...base, score: 12, passed: true })).toEqual([]);
    expect(checkResult({ ...base, score: null, passed: true }, formA)).toMatchObject({
      ok: true,
      result: { score: null, passed: true },
    });
    expect(rules({ ...base, score: null, passed: undefined })).toEqual(['result-missing']);
  });

  it('is dated on a real date, not in the future', () => {
    expect(rules({ ...base, assessedOn: '2025-03-01' })).toEqual([]);
    expect(rules({ ...base, assessedOn: '2025-03-02' })).toEqual(['date-future']);
    expect(rules({ ...base, assessedOn: '2025-02-30' })).toEqual(['date-format']);
    expect(rules({ ...base, assessedOn: '20/02/2025' })).toEqual(['date-format']);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
  });

  it('names one of the EU supervision options and a type of assessment', () => {
    expect(rules({ ...base, supervision: 'proctored' })).toEqual(['supervision-option']);
    expect(rules({ ...base, assessmentType: '  ' })).toEqual(['assessment-type-required']);
    for (const supervision of [
      'unsupervised-no-id-check',
      'supervised-no-id-check',
      'supervised-with-id-check',
    ])
      expect(rules({ ...base, supervision })).toEqual([]);
  });

  it('is per course unit of the micro-credential for form A, and without one for form B', () => {
    expect(rules({ ...base, courseUnit: undefined })).toEqual(['course-unit-required']);
    expect(rules({ ...base, courseUnit: 'CYB201' })).toEqual(['course-unit-unknown']);
    expect(rules({ ...base, courseUnit: null }, formB)).toEqual([]);
    expect(rules({ ...base, courseUnit: 'DATA101' }, formB)).toEqual(['course-unit-not-allowed']);
  });

  it('reports every problem at once, by field', () => {
    const checked = checkResult(
      { courseUnit: '', score: 30, assessedOn: 'x', assessmentType: '', supervision: '' },
      formA,
    );
    expect(checked.ok).toBe(false);
    if (!checked.ok)
      expect(checked.problems.map((p) => p.field).sort()).toEqual([
        'assessedOn',
        'assessmentType',
        'courseUnit',
        'score',
        'supervision',
      ]);
  });
});

describe('required results', () => {
  it('are one per course unit for form A and one for form B', () => {
    expect(requiredResults('regular', ['DATA101', 'DATA102'])).toEqual([
      { courseUnit: 'DATA101' },
      { courseUnit: 'DATA102' },
    ]);
    expect(requiredResults('outside-regular', [])).toEqual([{ courseUnit: null }]);
  });
});

describe('the result that counts', () => {
  const record = (id: string, courseUnit: string | null, supersedesId: string | null, createdAt: string) => ({
    id,
    courseUnit,
    supersedesId,
    createdAt,
  });

  it('is the latest record of its correction chain; older records stay', () => {
    const records = [
      record('a', 'DATA101', null, '2025-01-01T10:00:00Z'),
      record('b', 'DATA101', 'a', '2025-01-02T10:00:00Z'),
      record('c', 'DATA101', 'b', '2025-01-03T10:00:00Z'),
      record('x', 'DATA102', null, '2025-01-01T10:00:00Z'),
    ];
    const current = currentResults(records);
    expect(current.get('DATA101')?.id).toBe('c');
    expect(current.get('DATA102')?.id).toBe('x');
    // The order records arrive in does not matter.
    expect(currentResults([...records].reverse()).get('DATA101')?.id).toBe('c');
  });

  it('is keyed by the empty string for the single result of form B', () => {
    const current = currentResults([
      record('a', null, null, '2025-01-01T10:00:00Z'),
      record('b', null, 'a', '2025-01-02T10:00:00Z'),
    ]);
    expect([...current.keys()]).toEqual(['']);
    expect(current.get('')?.id).toBe('b');
  });
});

describe('the proofs a learner is owed', () => {
  const units = ['DATA101', 'DATA102'];
  const results = (entries: Array<[string, boolean]>) =>
    new Map(entries.map(([k, passed]) => [k, { passed }]));

  it('form A, everything passed: a credit certificate per course unit and the certificate', () => {
    expect(
      eligibleProofs(
        'regular',
        units,
        results([
          ['DATA101', true],
          ['DATA102', true],
        ]),
      ),
    ).toEqual([
      { kind: 'credit-certificate', courseUnit: 'DATA101' },
      { kind: 'credit-certificate', courseUnit: 'DATA102' },
      { kind: 'micro-credential-certificate', courseUnit: null },
    ]);
  });

  it('form A, partly passed: the credit certificates of the passed course units only', () => {
    expect(eligibleProofs('regular', units, results([['DATA102', true]]))).toEqual([
      { kind: 'credit-certificate', courseUnit: 'DATA102' },
    ]);
    expect(
      eligibleProofs(
        'regular',
        units,
        results([
          ['DATA101', true],
          ['DATA102', false],
        ]),
      ),
    ).toEqual([{ kind: 'credit-certificate', courseUnit: 'DATA101' }]);
  });

  it('nothing without a passed result', () => {
    expect(eligibleProofs('regular', units, results([]))).toEqual([]);
    expect(eligibleProofs('regular', units, results([['DATA101', false]]))).toEqual([]);
    expect(eligibleProofs('outside-regular', [], results([['', false]]))).toEqual([]);
    expect(eligibleProofs('outside-regular', [], results([]))).toEqual([]);
    // A form A micro-credential without course units has nothing to pass, so never a certificate.
    expect(eligibleProofs('regular', [], results([['', true]]))).toEqual([]);
  });

  it('form B: the certificate when passed', () => {
    expect(eligibleProofs('outside-regular', [], results([['', true]]))).toEqual([
      { kind: 'micro-credential-certificate', courseUnit: null },
    ]);
  });
});

describe('a results file', () => {
  const header = 'email,course_unit,score,assessed_on,assessment_type,supervision';

  it('is read line by line, with a decimal comma and semicolons', () => {
    const parsed = parseResultsCsv(
      [
        'email;course_unit;score;assessed_on;assessment_type;supervision',
        'An@Example.org;DATA101;14,5;2025-02-01;Project;supervised-with-id-check',
        '',
        'bo@example.org;DATA102;9;2025-02-01;Project;supervised-with-id-check',
      ].join('\n'),
      'regular',
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.line, r.email, r.input.courseUnit, r.input.score])).toEqual([
      [2, 'an@example.org', 'DATA101', 14.5],
      [4, 'bo@example.org', 'DATA102', 9],
    ]);
  });

  it('accepts pass/fail words without a score', () => {
    const parsed = parseResultsCsv(
      'email,passed,assessed_on,assessment_type,supervision\nan@example.org,geslaagd,2025-02-01,Portfolio,unsupervised-no-id-check\n',
      'outside-regular',
    );
    expect(parsed.rows[0]?.input).toMatchObject({ score: null, passed: true, courseUnit: null });
  });

  it('reports problems of the header and of rows by line number', () => {
    expect(parseResultsCsv('email,score\n', 'regular').problems.map((p) => p.message)).toEqual([
      'there is no "assessed_on" column',
      'there is no "assessment_type" column',
      'there is no "supervision" column',
      'there is no "course_unit" column: form A records a result per course unit',
    ]);
    expect(parseResultsCsv(`${header},grade\n`, 'regular').problems[0]).toMatchObject({
      line: 1,
      field: 'header',
      message: expect.stringContaining('unknown column "grade"'),
    });
    const parsed = parseResultsCsv(
      `${header}\nan@example.org,DATA101,twaalf,2025-02-01,Project,supervised-with-id-check\nbo@example.org,DATA101,12,2025-02-01,Project,supervised-with-id-check,extra\n`,
      'regular',
    );
    expect(parsed.problems).toEqual([
      {
        line: 2,
        field: 'score',
        key: 'csv-score-unreadable',
        params: { text: 'twaalf', max: 20 },
        message: '"twaalf" is not a score from 0 to 20',
      },
      {
        line: 3,
        field: '(row)',
        key: 'csv-row-length',
        params: { values: 7, columns: 6 },
        message: '7 values for 6 columns',
      },
    ]);
    // The key and its parameters say the same in Dutch.
    expect(parsed.problems.map((p) => assessmentMessage(p.key, 'nl', p.params))).toEqual([
      '"twaalf" is geen score van 0 tot 20',
      '7 waarden voor 6 kolommen',
    ]);
    expect(parseResultsCsv('', 'regular').problems[0]).toMatchObject({ line: 1, field: '(file)' });
    expect(parseResultsCsv(`${header}\n`, 'regular').problems[0]).toMatchObject({
      line: 2,
      message: 'there are no results below the header',
    });
  });
});

describe('today', () => {
  it('is the date in Flanders, not in UTC', () => {
    expect(todayInFlanders(new Date('2025-03-30T22:30:00Z'))).toBe('2025-03-31');
    expect(todayInFlanders(new Date('2025-01-15T22:30:00Z'))).toBe('2025-01-15');
  });
});

describe('the assessment type, which is signed into credentials', () => {
  it('follows the text rules: no bidi controls, not only invisible characters', () => {
    expect(rules({ ...base, assessmentType: 'Project \u202Eweiver' })).toEqual(['text-bidi-control']);
    expect(rules({ ...base, assessmentType: '\u200B\u2060' })).toEqual(['text-invisible-only']);
    expect(rules({ ...base, assessmentType: 'Project\nmet mondelinge verdediging' })).toEqual([]);
  });
});

describe('the words of evaluation', () => {
  it('name every problem of a result by its rule and parameters, with its words in Dutch and English', () => {
    const checked = checkResult(
      { ...base, courseUnit: 'CYB201', score: 25, assessedOn: '2025-03-09', supervision: 'proctored' },
      formA,
    );
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    for (const problem of checked.problems) {
      expect(ASSESSMENT_MESSAGES).toHaveProperty(problem.key);
      // The HTTP layer renders a refusal from the catalogue by key: the same words as the rules wrote.
      expect(MESSAGES.render(problem.key, 'en', problem.params)).toBe(problem.message);
      expect(MESSAGES.render(problem.key, 'nl', problem.params)).not.toBe(problem.message);
    }
    expect(checked.problems.map((p) => [p.rule, MESSAGES.render(p.key, 'nl', p.params)])).toEqual([
      ['score-range', 'de score 25 ligt niet tussen 0 en 20: geef een score van 0 tot 20'],
      ['date-future', '2025-03-09 ligt in de toekomst (vandaag is het 2025-03-01)'],
      ['supervision-option', expect.stringContaining('moet een van deze zijn')],
      [
        'course-unit-unknown',
        'CYB201 is geen opleidingsonderdeel van deze micro-credential (DATA101, DATA102)',
      ],
    ]);
  });
});
