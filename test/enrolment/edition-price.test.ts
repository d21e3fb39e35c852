import { runCommand } from '../../src/core/command.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { TestClient } from '../support/http.ts';
import { setDecreeTuition } from '../../src/tuition/decree-tuition.ts';
import { academicYearOf } from '../../src/catalogue/rules.ts';

const base = '/api/v1/manage/hogeschool-schelde';

describe.each(databaseKinds())('edition price after enrolments, on $name', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses new dates that would change what enrolled learners were told they owe', async () => {
    const headers = { authorization: `Bearer ${t.tokens['hogeschool-schelde']}` };
    const now = new Date();
    const nextYearStart = `${now.getUTCFullYear() + 1}-10-01`;
    const next = academicYearOf(new Date(`${nextYearStart}T00:00:00Z`));
    const mail = { smtpUrl: undefined, from: 'test@stapel.invalid' };
    await runCommand({ database: t.database.handle, mail, actor: { kind: 'system', label: 'test' } }, (cmd) =>
      setDecreeTuition(cmd, {
        year: { academicYear: next, fixedCents: 30000, perCreditCents: 1500 },
        source: 'test',
      }),
    );
    const startsOn = new Date(now.getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    const body = {
      code: 'DATA-PRICE',
      microCredential: 'MC-DATA',
      startsOn,
      endsOn: new Date(now.getTime() + 60 * 86_400_000).toISOString().slice(0, 10),
      enrolmentOpensAt: new Date(now.getTime() - 3_600_000).toISOString(),
      enrolmentClosesAt: new Date(now.getTime() + 10 * 86_400_000).toISOString(),
      capacity: 10,
      location: 'Antwerpen',
    };
    const created = await t.app.inject({ method: 'POST', url: `${base}/editions`, headers, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const { code: _code, microCredential: _mc, ...update } = body;
    const moveEmpty = await t.app.inject({
      method: 'PUT',
      url: `${base}/editions/DATA-PRICE`,
      headers,
      payload: { ...update, startsOn: nextYearStart, endsOn: `${now.getUTCFullYear() + 1}-12-01` },
    });
    expect(moveEmpty.statusCode, moveEmpty.body).toBe(200);
    const back = await t.app.inject({
      method: 'PUT',
      url: `${base}/editions/DATA-PRICE`,
      headers,
      payload: update,
    });
    expect(back.statusCode, back.body).toBe(200);

    const learner = new TestClient(t.app);
    await learner.post('/api/v1/accounts', {
      email: 'price@example.org',
      name: 'P',
      password: 'price is right 1',
    });
    await learner.signIn('price@example.org', 'price is right 1');
    await t.database.handle.db
      .updateTable('users')
      .set({ email_verified_at: now.toISOString() })
      .where('email', '=', 'price@example.org')
      .execute();
    const enrolled = await learner.post(`/api/v1/editions/${created.json().id}/enrolments`, {
      confirmPrerequisites: true,
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);

    const move = await t.app.inject({
      method: 'PUT',
      url: `${base}/editions/DATA-PRICE`,
      headers,
      payload: { ...update, startsOn: nextYearStart, endsOn: `${now.getUTCFullYear() + 1}-12-01` },
    });
    expect(move.statusCode).toBe(409);
    expect(move.json().detail).toContain(next);
  });
});
