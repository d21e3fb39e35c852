import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

describe.each(databaseKinds())('four eyes for API tokens on $name', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('does not let one token submit and approve the same version', async () => {
    const headers = { authorization: `Bearer ${t.tokens['hogeschool-schelde']}` };
    const base = '/api/v1/manage/hogeschool-schelde';
    const created = await t.app.inject({
      method: 'POST',
      url: `${base}/micro-credentials`,
      headers,
      payload: {
        code: 'PV-TOKEN',
        title: { nl: 'Alleen een token' },
        form: 'outside-regular',
        ects: 2,
        vksLevel: 6,
        language: 'nl',
        learningOutcomes: [{ nl: 'Kan iets.' }],
        assessmentType: { nl: 'Opdracht' },
        participationForm: 'online',
        tuitionEur: 100,
        workloadHours: 55,
      },
    });
    expect(created.statusCode).toBe(201);
    const review = (
      await t.app.inject({ method: 'POST', url: `${base}/micro-credentials/PV-TOKEN/submit`, headers })
    ).json();
    const decided = await t.app.inject({
      method: 'POST',
      url: `${base}/qa/reviews/${review.id}/decision`,
      headers,
      payload: {
        decision: 'approve',
        rationale: 'Approving my own submission.',
        checklist: [
          { criterion: 'learning-outcomes-assessable', met: true },
          { criterion: 'level-justified', met: true },
        ],
      },
    });
    expect(decided.statusCode).toBe(403);
    const published = await t.app.inject({
      method: 'POST',
      url: `${base}/micro-credentials/PV-TOKEN/publish`,
      headers,
    });
    expect(published.statusCode).toBe(409);
  });
});
