import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUp } from '../support/set-up.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { TestClient } from '../support/http.ts';
import { grantRole } from '../../src/accounts/memberships.ts';
import { createUser } from '../../src/accounts/users.ts';
import type { Role } from '../../src/core/actor.ts';

const SLUG = 'hogeschool-schelde';
const manage = (path: string) => `/api/v1/manage/${SLUG}${path}`;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The whole path of the source document through the API, as the people who do it: design → quality
 * review → publish → edition → a new learner signs up and enrols → accepted → evaluated → proofs issued →
 * the learner sees them → anyone verifies them.
 */
describe.each(databaseKinds())('the learning lifecycle through the API on $name', (kind) => {
  let t: TestApp;
  const staff: Partial<Record<Role, TestClient>> = {};

  beforeAll(async () => {
    t = await startTestApp(kind);
    const institution = await t.database.handle.db
      .selectFrom('institutions')
      .select('id')
      .where('slug', '=', SLUG)
      .executeTakeFirstOrThrow();
    for (const role of ['designer', 'qa-reviewer', 'registrar', 'assessor'] as const) {
      const email = `${role}@lifecycle.example`;
      await setUp(t.database.handle, async (cmd) => {
        const { tx } = cmd;
        const { user } = await createUser(tx, {
          email,
          name: `The ${role}`,
          password: 'a long staff password',
        });
        await tx
          .updateTable('users')
          .set({ email_verified_at: new Date().toISOString() })
          .where('id', '=', user.id)
          .execute();
        await grantRole(cmd, { id: institution.id }, { userId: user.id, role });
      });
      const client = new TestClient(t.app);
      expect((await client.signIn(email, 'a long staff password')).statusCode).toBe(200);
      staff[role] = client;
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('walks from design to a verified proof of learning', async () => {
    const designer = staff.designer!;
    const reviewer = staff['qa-reviewer']!;
    const registrar = staff.registrar!;
    const assessor = staff.assessor!;

    // Design: a form A micro-credential from two published course units.
    const created = await designer.post(manage('/micro-credentials'), {
      code: 'MC-LIFE',
      title: { nl: 'Data op het werk', en: 'Data at work' },
      form: 'regular',
      ects: 6,
      vksLevel: 6,
      courseUnits: ['DATA101', 'DATA102'],
      learningOutcomes: [{ nl: 'Analyseert en rapporteert data.', en: 'Analyses and reports data.' }],
      assessmentType: { nl: 'Project', en: 'Project' },
      participationForm: 'blended',
      supervision: 'supervised-with-id-check',
      language: 'nl',
      workloadHours: 165,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await designer.post(manage('/micro-credentials/MC-LIFE/publish'))).statusCode).toBe(409);

    // Quality procedure: submitted, approved with a rationale against the checklist, then published.
    const submitted = await designer.post(manage('/micro-credentials/MC-LIFE/submit'));
    expect(submitted.statusCode, submitted.body).toBe(201);
    const queue = (await reviewer.get(manage('/qa/queue'))).json();
    const review = queue.find(
      (r: { microCredential: { code: string } }) => r.microCredential.code === 'MC-LIFE',
    );
    expect(review).toBeDefined();
    const decided = await reviewer.post(manage(`/qa/reviews/${review.id}/decision`), {
      decision: 'approve',
      rationale: 'Outcomes are observable and the level matches VKS 6.',
      checklist: [
        { criterion: 'learning-outcomes-assessable', met: true },
        { criterion: 'level-justified', met: true },
      ],
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const published = await designer.post(manage('/micro-credentials/MC-LIFE/publish'));
    expect(published.statusCode, published.body).toBe(200);
    const publicView = (await t.app.inject(`/api/v1/institutions/${SLUG}/micro-credentials/MC-LIFE`)).json();
    expect(publicView.qualityReview).toMatchObject({
      decision: 'approve',
      decidedRole: 'qa-reviewer',
      rationale: expect.stringContaining('VKS 6'),
    });

    // Edition, open for enrolment now.
    const edition = await registrar.post(manage('/editions'), {
      code: 'LIFE-2027',
      microCredential: 'MC-LIFE',
      startsOn: day(20),
      endsOn: day(80),
      enrolmentOpensAt: new Date(Date.now() - 3_600_000).toISOString(),
      enrolmentClosesAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      capacity: 20,
      location: 'Kaaistraat 12, Antwerpen',
    });
    expect(edition.statusCode, edition.body).toBe(201);
    const editionId = edition.json().id;
    // Assessors read editions (to record results) but do not change them.
    expect((await assessor.get(manage('/editions'))).statusCode).toBe(200);
    expect((await assessor.post(manage('/editions'), {})).statusCode).toBe(403);

    // A new learner: signs up with only an e-mail address, confirms it, enrols with the prerequisites confirmed.
    const learner = new TestClient(t.app);
    expect(
      (
        await learner.post('/api/v1/accounts', {
          email: 'nieuw@lerende.example',
          name: 'Nina Nieuw',
          password: 'learning is fun 123',
        })
      ).statusCode,
    ).toBe(202);
    // Sign-up signs nobody in (it answers a known address the same way); the password does.
    expect((await learner.signIn('nieuw@lerende.example', 'learning is fun 123')).statusCode).toBe(200);
    const unverified = await learner.post(`/api/v1/editions/${editionId}/enrolments`, {
      confirmPrerequisites: true,
    });
    expect(unverified.statusCode).toBe(403);
    const mail = await t.database.handle.db
      .selectFrom('outbox')
      .select('body')
      .where('recipient', '=', 'nieuw@lerende.example')
      .executeTakeFirstOrThrow();
    await learner.post('/api/v1/accounts/verify-email', { token: /token=([^\s]+)/.exec(mail.body)![1] });
    const enrolled = await learner.post(`/api/v1/editions/${editionId}/enrolments`, {
      confirmPrerequisites: true,
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const mine = (await learner.get('/api/v1/me/enrolments')).json();
    expect(mine[0]).toMatchObject({ status: 'pending', amountDueCents: expect.any(Number) });

    const accepted = await registrar.post(
      manage(`/editions/LIFE-2027/enrolments/${enrolled.json().id}/decision`),
      { decision: 'accept' },
    );
    expect(accepted.statusCode, accepted.body).toBe(200);

    // No proof before a passed evaluation.
    expect((await learner.get('/api/v1/me/credentials')).json()).toEqual([]);

    // Evaluation per course unit; the second pass completes the requirements and issues the proofs.
    for (const [courseUnit, score] of [
      ['DATA101', 14],
      ['DATA102', 12.5],
    ] as const) {
      const recorded = await assessor.post(manage('/editions/LIFE-2027/results'), {
        email: 'nieuw@lerende.example',
        courseUnit,
        score,
        assessedOn: day(0),
        assessmentType: 'Project met mondelinge verdediging',
        supervision: 'supervised-with-id-check',
      });
      expect(recorded.statusCode, recorded.body).toBe(201);
    }

    const credentials = (await learner.get('/api/v1/me/credentials')).json();
    expect(credentials.map((c: { kind: string }) => c.kind).sort()).toEqual([
      'credit-certificate',
      'credit-certificate',
      'micro-credential-certificate',
    ]);
    for (const credential of credentials) {
      const verified = (
        await t.app.inject({ method: 'POST', url: '/api/v1/verify', payload: credential.document })
      ).json();
      expect(verified.verified, JSON.stringify(verified.checks)).toBe(true);
    }
    const notified = await t.database.handle.db
      .selectFrom('outbox')
      .select('subject')
      .where('recipient', '=', 'nieuw@lerende.example')
      .execute();
    expect(notified.length).toBeGreaterThanOrEqual(3);

    // Every step left its trace in the audit log.
    const actions = (await t.database.handle.db.selectFrom('audit_log').select('action').execute()).map(
      (r) => r.action,
    );
    for (const action of [
      'micro-credential.create',
      'quality.submit',
      'quality.approve',
      'micro-credential.publish',
      'edition.create',
      'enrolment.enrol',
      'enrolment.accept',
      'evaluation.record',
      'credential.issue',
    ]) {
      expect(actions, action).toContain(action);
    }
  });
});
