import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { issueApiToken } from '../../src/institutions/store.ts';
import { setUp } from '../support/set-up.ts';

const base = '/api/v1/manage/hogeschool-schelde';

describe.each(databaseKinds())('what QA reviewed is what gets published, on $name', (kind) => {
  let t: TestApp;
  let designer: Record<string, string>;
  let reviewer: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(kind);
    designer = { authorization: `Bearer ${t.tokens['hogeschool-schelde']}` };
    const institution = await t.database.handle.db
      .selectFrom('institutions')
      .select('id')
      .where('slug', '=', 'hogeschool-schelde')
      .executeTakeFirstOrThrow();
    const { token } = await setUp(t.database.handle, (cmd) =>
      issueApiToken(cmd, institution, 'quality system'),
    );
    reviewer = { authorization: `Bearer ${token}` };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the course unit versions pinned at submission, even when a unit changes before publishing', async () => {
    const post = (url: string, headers: Record<string, string>, payload?: object) =>
      t.app.inject({ method: 'POST', url: `${base}${url}`, headers, ...(payload ? { payload } : {}) });
    const created = await post('/micro-credentials', designer, {
      code: 'MC-PIN',
      title: { nl: 'Vastgepind' },
      form: 'regular',
      ects: 3,
      vksLevel: 6,
      courseUnits: ['CYB202'],
      learningOutcomes: [{ nl: 'Voert incidentrespons uit.' }],
      assessmentType: { nl: 'Praktijkexamen' },
      participationForm: 'on-site',
      language: 'nl',
      workloadHours: 80,
    });
    expect(created.statusCode, created.body).toBe(201);
    const review = (await post('/micro-credentials/MC-PIN/submit', designer)).json();
    const decided = await post(`/qa/reviews/${review.id}/decision`, reviewer, {
      decision: 'approve',
      rationale: 'Reviewed with CYB202 version 1.',
      checklist: [
        { criterion: 'learning-outcomes-assessable', met: true },
        { criterion: 'level-justified', met: true },
      ],
    });
    expect(decided.statusCode, decided.body).toBe(200);

    // The course unit gets a new published version (same ECTS, other outcomes) before the micro-credential is published.
    const changed = await t.app.inject({
      method: 'PUT',
      url: `${base}/course-units/CYB202`,
      headers: designer,
      payload: {
        title: { nl: 'Incidentrespons, herzien' },
        ects: 3,
        vksLevel: 6,
        qaInternal: true,
        qaExternal: true,
        learningOutcomes: [{ nl: 'Iets anders.' }],
      },
    });
    expect(changed.json()).toMatchObject({ version: 2 });
    expect((await post('/course-units/CYB202/publish', designer)).statusCode).toBe(200);

    const published = await post('/micro-credentials/MC-PIN/publish', designer);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().courseUnits).toEqual([
      expect.objectContaining({
        code: 'CYB202',
        version: 1,
        title: { nl: 'Incidentrespons', en: 'Incident response' },
      }),
    ]);
  });
});
