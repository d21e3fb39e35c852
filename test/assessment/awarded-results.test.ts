import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { databaseKinds } from '../support/databases.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { runCli } from '../support/cli.ts';
import { TestClient } from '../support/http.ts';
import { LEARNER_PASSWORD, insertEdition } from '../support/cohort.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { createUser } from '../../src/accounts/users.ts';

const SCHELDE = 'hogeschool-schelde';

describe.each(databaseKinds())('a result awarded from the command line on $name', (kind) => {
  let f: IssuingFixture;
  let app: FastifyInstance;
  const db = () => f.db.handle.db;

  beforeAll(async () => {
    f = await startIssuing(kind);
    app = await buildApp({
      config: loadConfig({ ...f.env, STAPEL_LOG_LEVEL: 'silent', PORT: '0' }),
      database: f.db.handle,
      logger: false,
      masterKey: f.context.masterKey,
      webRoot: '/nonexistent',
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await f?.db.dispose();
  });

  /** An account for the e-mail address, verified or not. */
  const account = (email: string, verified: boolean) =>
    f.db.handle.transaction(async (tx) => {
      const { user } = await createUser(tx, { email, name: 'Direct Learner', password: LEARNER_PASSWORD });
      if (verified)
        await tx
          .updateTable('users')
          .set({ email_verified_at: new Date().toISOString() })
          .where('id', '=', user.id)
          .execute();
    });

  it('is an evaluation the learner sees in /me/results, and the edition results list it; awarding again records nothing', async () => {
    const award = () =>
      runCli(
        ['award', '--micro-credential', 'PV-LEAN', '--learner', 'Direct.Award@example.org', '--score', '15'],
        f.env,
      );
    const first = await award();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const recorded = await db()
      .selectFrom('evaluations as v')
      .innerJoin('learners as l', 'l.id', 'v.learner_id')
      .selectAll('v')
      .where('l.email', '=', 'direct.award@example.org')
      .execute();
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      enrolment_id: null,
      score: 15,
      passed: 1,
      course_unit_version_id: null,
    });
    // Assessed as the micro-credential describes it, in the register's language.
    const version = await db()
      .selectFrom('micro_credential_versions')
      .select(['assessment_type', 'supervision'])
      .where('id', '=', recorded[0]!.micro_credential_version_id!)
      .executeTakeFirstOrThrow();
    expect(recorded[0]!.assessment_type).toBe((JSON.parse(version.assessment_type!) as { nl: string }).nl);
    expect(recorded[0]!.supervision).toBe(version.supervision);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', recorded[0]!.id)
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      action: 'evaluation.record',
      object_type: 'evaluation',
      role: 'registrar',
    });

    const again = await award();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Already issued');
    expect(
      await db()
        .selectFrom('evaluations')
        .select('id')
        .where('learner_id', '=', recorded[0]!.learner_id)
        .execute(),
    ).toHaveLength(1);

    // The learner's account, once its e-mail address is confirmed, reads the result.
    await account('direct.award@example.org', true);
    const learner = new TestClient(app);
    await learner.signIn('direct.award@example.org', LEARNER_PASSWORD);
    const mine = await learner.get('/api/v1/me/results');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual([
      expect.objectContaining({
        institution: SCHELDE,
        edition: null,
        enrolmentStatus: null,
        microCredential: expect.objectContaining({ code: 'PV-LEAN', form: 'outside-regular' }),
        owed: [{ kind: 'micro-credential-certificate', courseUnit: null }],
        requirements: [
          expect.objectContaining({
            courseUnit: null,
            current: expect.objectContaining({
              id: recorded[0]!.id,
              score: 15,
              passed: true,
              enrolmentId: null,
            }),
            history: [expect.objectContaining({ id: recorded[0]!.id })],
          }),
        ],
      }),
    ]);

    // Staff see it beside the learners of an edition of the same micro-credential version.
    await insertEdition(f.db.handle, 'LEAN-DIRECT', 'PV-LEAN', SCHELDE);
    const staff = await app.inject({
      method: 'GET',
      url: `/api/v1/manage/${SCHELDE}/editions/LEAN-DIRECT/results`,
      headers: { authorization: `Bearer ${f.tokens[SCHELDE]}` },
    });
    expect(staff.statusCode).toBe(200);
    expect(staff.json().awardedWithoutEdition).toEqual([
      expect.objectContaining({
        learner: { email: 'direct.award@example.org', name: null },
        requirements: [expect.objectContaining({ current: expect.objectContaining({ score: 15 }) })],
        owed: [{ kind: 'micro-credential-certificate', courseUnit: null }],
      }),
    ]);
  });

  it('stays hidden from an account whose e-mail address is not confirmed', async () => {
    const award = await runCli(
      ['award', '--micro-credential', 'PV-LEAN', '--learner', 'unconfirmed@example.org'],
      f.env,
    );
    expect(award.code).toBe(0);
    await account('unconfirmed@example.org', false);
    const learner = new TestClient(app);
    await learner.signIn('unconfirmed@example.org', LEARNER_PASSWORD);
    const mine = await learner.get('/api/v1/me/results');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual([]);
  });

  it('refuses in the operator’s language (STAPEL_LANG), in the usual shape', async () => {
    const args = ['award', '--micro-credential', 'PV-LEAN', '--learner', 'nl@example.org', '--score', '9'];
    const nl = await runCli(args, { ...f.env, STAPEL_LANG: 'nl' });
    expect(nl.code).toBe(2);
    expect(nl.stderr).toContain('stapel: De toekenning is niet geldig.');
    expect(nl.stderr).toContain(
      '  score: 9/20 ligt onder de slaagdrempel van 10: geen bewijs van leren zonder geslaagde evaluatie [score-below-pass-mark]',
    );
    const en = await runCli(args, f.env);
    expect(en.stderr).toContain('stapel: The award is not valid.');
    expect(en.stderr).toContain('  score: 9/20 is below the pass mark of 10');
  });
});
