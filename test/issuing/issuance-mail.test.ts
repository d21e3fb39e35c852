import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { databaseKinds } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';
import { insertEdition, insertEnrolment } from '../support/cohort.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { getEditionFactsById } from '../../src/assessment/edition-facts.ts';

const SCHELDE = 'hogeschool-schelde';
const result = (courseUnit: string, score: number) => ({
  courseUnit,
  score,
  assessedOn: '2025-01-20',
  assessmentType: 'Project met mondelinge verdediging',
  supervision: 'supervised-with-id-check',
});

describe.each(databaseKinds())('the e-mail after issuing says what was earned, on $name', (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    database = await kind.open();
    const demo = await loadDemoIfEmpty(database.handle);
    tokens = Object.fromEntries((demo?.tokens ?? []).map((t) => [t.institution, t.token]));
    const masterKey = randomBytes(32);
    const config = loadConfig({
      ...database.env,
      STAPEL_MASTER_KEY: masterKey.toString('hex'),
      STAPEL_PUBLIC_URL: 'http://localhost:3000',
      STAPEL_LOG_LEVEL: 'silent',
      PORT: '0',
    });
    app = await buildApp({
      config,
      database: database.handle,
      logger: false,
      masterKey,
      webRoot: '/nonexistent',
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const record = (payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/editions/DATA-MAIL/results`,
      headers: { authorization: `Bearer ${tokens[SCHELDE]}` },
      payload,
    });
  const proofMails = async (email: string) =>
    (
      await database.handle.db
        .selectFrom('outbox')
        .selectAll()
        .where('recipient', '=', email)
        .orderBy('created_at')
        .execute()
    ).filter((m) => m.subject.includes('leerbewijs'));

  it('names the passed course unit and its credit certificate, and congratulates on the micro-credential only when it is earned', async () => {
    const editionId = await insertEdition(database.handle, 'DATA-MAIL', 'MC-DATA', SCHELDE);
    const email = 'mail.learner@example.org';
    await insertEnrolment(database.handle, editionId, email, { status: 'accepted', verified: true });
    const facts = await getEditionFactsById(database.handle.db, editionId);
    expect(facts.microCredential.form).toBe('regular');
    expect(facts.courseUnits.map((u) => u.code)).toEqual(['DATA101', 'DATA102']);
    const [first, second] = facts.courseUnits as [
      (typeof facts.courseUnits)[0],
      (typeof facts.courseUnits)[0],
    ];
    const mc = facts.microCredential.title;

    expect((await record({ email, ...result('DATA101', 15) })).statusCode).toBe(201);
    let mails = await proofMails(email);
    expect(mails).toHaveLength(1);
    const partial = mails[0]!;
    expect(partial.body).not.toContain(`Je bent geslaagd voor ${mc.nl}`);
    expect(partial.body).not.toContain(`You passed ${mc.en ?? mc.nl}`);
    expect(partial.body).toContain(
      `Je bent geslaagd voor het opleidingsonderdeel ${first.title.nl} (DATA101)`,
    );
    expect(partial.body).toContain('creditbewijs');
    expect(partial.body).toContain(`Nog 1 opleidingsonderdeel tot het micro-credential ${mc.nl}`);
    expect(partial.body).toContain(
      `You passed the course unit ${first.title.en ?? first.title.nl} (DATA101)`,
    );
    expect(partial.body).toContain('credit certificate');
    expect(partial.body).toContain(`1 more course unit to go for the micro-credential ${mc.en ?? mc.nl}`);
    expect(partial.subject).toContain('creditbewijs voor');
    expect(partial.subject).toContain('credit certificate for');

    expect((await record({ email, ...result('DATA102', 14) })).statusCode).toBe(201);
    mails = await proofMails(email);
    expect(mails).toHaveLength(2);
    const full = mails[1]!;
    expect(full.body).toContain(`Je bent geslaagd voor ${mc.nl}`);
    expect(full.body).toContain(`You passed ${mc.en ?? mc.nl}`);
    expect(full.body).not.toContain(`opleidingsonderdeel ${second.title.nl}`);
  });
});
