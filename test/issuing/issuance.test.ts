import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { databaseKinds } from '../support/databases.ts';
import type { TestDatabase } from '../support/databases.ts';
import { TestClient } from '../support/http.ts';
import {
  LEARNER_PASSWORD as PASSWORD,
  insertEdition,
  insertEnrolment,
  staffClient as makeStaffClient,
} from '../support/cohort.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import type { AppContext } from '../../src/core/app-context.ts';
import type { Role } from '../../src/core/actor.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { getEditionFacts } from '../../src/assessment/edition-facts.ts';
import { recordResult } from '../../src/assessment/record-results.ts';
import { AWARD_TRANSACTION } from '../../src/issuing/award.ts';
import { commandRunner, issueForEnrolment, issueProof } from '../../src/issuing/issue-from-evaluation.ts';
import { platformVerifier } from '../../src/verification/platform-verifier.ts';

const SCHELDE = 'hogeschool-schelde';
const LEIE = 'universiteit-leie';
const system = { kind: 'system' as const, label: 'test' };
const result = (courseUnit: string | null, score: number) => ({
  ...(courseUnit ? { courseUnit } : {}),
  score,
  assessedOn: '2025-01-20',
  assessmentType: 'Project met mondelinge verdediging',
  supervision: 'supervised-with-id-check',
});

describe.each(databaseKinds())('issuing proofs of learning from evaluations on $name', (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let context: AppContext;
  let tokens: Record<string, string>;
  const db = () => database.handle.db;

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
    context = {
      database: database.handle,
      settings: config.settings,
      masterKey,
      mail: { smtpUrl: undefined, from: config.settings.mailFrom },
    };
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  // The platform issuing, as right after results were recorded.
  const asSystem = () => commandRunner({ database: database.handle, mail: context.mail, actor: system });
  const schelde = () => getInstitution(db(), SCHELDE);

  const staff = (method: 'GET' | 'POST', url: string, payload?: unknown, slug = SCHELDE) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${tokens[slug]}` },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  const edition = (code: string, microCredential: string, slug = SCHELDE) =>
    insertEdition(database.handle, code, microCredential, slug);
  const enrol = (editionId: string, email: string, status = 'accepted') =>
    insertEnrolment(database.handle, editionId, email, { status, verified: true });
  const staffClient = (role: Role, slug = SCHELDE) => makeStaffClient(app, database.handle, role, slug);

  const count = async (table: 'credentials' | 'outbox' | 'evaluations' | 'audit_log') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const credentialsOf = (enrolmentId: string) =>
    db().selectFrom('credentials').selectAll().where('enrolment_id', '=', enrolmentId).execute();
  const mailsTo = (email: string) =>
    db().selectFrom('outbox').selectAll().where('recipient', '=', email).orderBy('created_at').execute();
  const auditOf = (action: string) =>
    db().selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  it('issues the certificate and a credit certificate per course unit once every course unit is passed', async () => {
    const editionId = await edition('DATA-ALL', 'MC-DATA');
    const enrolmentId = await enrol(editionId, 'all@example.org');
    const issuedBefore = (await auditOf('credential.issue')).length;
    const url = `/api/v1/manage/${SCHELDE}/editions/DATA-ALL/results`;

    const first = await staff('POST', url, { email: 'all@example.org', ...result('DATA101', 15) });
    expect(first.statusCode).toBe(201);
    expect(first.json().issuance).toMatchObject({
      status: 'issued',
      issued: [{ kind: 'credit-certificate' }],
    });
    const second = await staff('POST', url, { enrolmentId, ...result('DATA102', 13.5) });
    expect(second.statusCode).toBe(201);
    expect(
      second
        .json()
        .issuance.issued.map((p: { kind: string; courseUnit: string | null }) => [p.kind, p.courseUnit]),
    ).toEqual([
      ['credit-certificate', 'DATA102'],
      ['micro-credential-certificate', null],
    ]);

    const rows = await credentialsOf(enrolmentId);
    expect(rows).toHaveLength(3);
    const { verify } = platformVerifier(database.handle, context.settings);
    for (const row of rows) {
      const verified = await verify(JSON.parse(row.document));
      expect(verified.verified, JSON.stringify(verified.checks)).toBe(true);
    }
    const credit = rows
      .map((r) => JSON.parse(r.document))
      .find((d) => d.credentialSubject.achievement.courseUnitCode === 'DATA102');
    expect(credit.credentialSubject.result[0].value).toBe('13.5');
    expect((await auditOf('credential.issue')).length - issuedBefore).toBe(3);
    // One e-mail per issuance run, listing the proofs with their links.
    const mails = await mailsTo('all@example.org');
    const proofMails = mails.filter((m) => m.subject.includes('leerbewijs'));
    expect(proofMails).toHaveLength(2);
    for (const row of rows) expect(proofMails[1]!.body).toContain(row.credential_url);
  });

  it('issues form B on one passed result, and nothing on a fail', async () => {
    const editionId = await edition('LEAN-1', 'PV-LEAN');
    const passed = await enrol(editionId, 'lean.pass@example.org');
    const failed = await enrol(editionId, 'lean.fail@example.org');
    const url = `/api/v1/manage/${SCHELDE}/editions/LEAN-1/results`;
    const ok = await staff('POST', url, { email: 'lean.pass@example.org', ...result(null, 16) });
    expect(ok.json().issuance.issued.map((p: { kind: string }) => p.kind)).toEqual([
      'micro-credential-certificate',
    ]);
    const ko = await staff('POST', url, { email: 'lean.fail@example.org', ...result(null, 7) });
    expect(ko.statusCode).toBe(201);
    expect(ko.json().result.passed).toBe(false);
    expect(ko.json().issuance).toMatchObject({ status: 'not-eligible', issued: [] });
    expect(await credentialsOf(passed)).toHaveLength(1);
    expect(await credentialsOf(failed)).toHaveLength(0);
    expect((await mailsTo('lean.fail@example.org')).filter((m) => m.subject.includes('leerbewijs'))).toEqual(
      [],
    );
  });

  it('gives a learner who passes some course units only their credit certificates, and the rest after a correction', async () => {
    const editionId = await edition('DATA-PART', 'MC-DATA');
    const enrolmentId = await enrol(editionId, 'part@example.org');
    const url = `/api/v1/manage/${SCHELDE}/editions/DATA-PART/results`;
    await staff('POST', url, { email: 'part@example.org', ...result('DATA101', 12) });
    const fail = await staff('POST', url, { email: 'part@example.org', ...result('DATA102', 6) });
    expect(fail.json().issuance.status).toBe('already-issued');
    const rows = await credentialsOf(enrolmentId);
    expect(rows.map((r) => r.kind)).toEqual(['credit-certificate']);
    expect(JSON.parse(rows[0]!.document).credentialSubject.achievement.courseUnitCode).toBe('DATA101');

    const corrected = await staff('POST', `${url}/${fail.json().result.id}/correction`, {
      ...result(null, 11),
      reason: 'Second examiner’s mark was missing',
    });
    expect(corrected.statusCode).toBe(201);
    expect(corrected.json().issuance.issued).toHaveLength(2);
    expect(await credentialsOf(enrolmentId)).toHaveLength(3);
  });

  it('never issues a proof without a passed evaluation, whoever calls the issuing function', async () => {
    const editionId = await edition('DATA-GUARD', 'MC-DATA');
    const none = await enrol(editionId, 'guard.none@example.org');
    const failed = await enrol(editionId, 'guard.fail@example.org');
    const pending = await enrol(editionId, 'guard.pending@example.org', 'pending');
    const facts = await getEditionFacts(db(), await getInstitution(db(), SCHELDE), 'DATA-GUARD');
    await asSystem()((cmd) =>
      recordResult(cmd, facts, { enrolmentId: failed, ...result('DATA101', 9) }, { passMark: 10 }),
    );
    const before = await count('credentials');
    const auditBefore = await count('audit_log');
    const institution = await schelde();
    const attempt = (enrolmentId: string, proof: Parameters<typeof issueProof>[3]['proof']) =>
      asSystem()((cmd) => issueProof(cmd, context, institution, { enrolmentId, proof }), AWARD_TRANSACTION);
    await expect(attempt(none, { kind: 'micro-credential-certificate', courseUnit: null })).rejects.toThrow(
      /without a passed evaluation/,
    );
    await expect(attempt(failed, { kind: 'credit-certificate', courseUnit: 'DATA101' })).rejects.toThrow(
      /without a passed evaluation/,
    );
    await expect(attempt(pending, { kind: 'credit-certificate', courseUnit: 'DATA101' })).rejects.toThrow(
      /pending, not accepted/,
    );
    expect(await issueForEnrolment(asSystem(), context, institution, { enrolmentId: failed })).toMatchObject({
      status: 'not-eligible',
      issued: [],
    });
    const viaRoute = await staff('POST', `/api/v1/manage/${SCHELDE}/enrolments/${none}/issue`);
    expect(viaRoute.json()).toMatchObject({ status: 'not-eligible', issued: [] });
    expect(await count('credentials')).toBe(before);
    expect(await count('audit_log')).toBe(auditBefore);
  });

  it('issues a cohort at once, idempotently, with a preview; only registrars may', async () => {
    const editionId = await edition('LEAN-COHORT', 'PV-LEAN');
    const facts = await getEditionFacts(db(), await getInstitution(db(), SCHELDE), 'LEAN-COHORT');
    const learners = ['c1', 'c2', 'c3', 'c4'].map((n) => `cohort.${n}@example.org`);
    const ids: string[] = [];
    for (const email of learners) ids.push(await enrol(editionId, email));
    await enrol(editionId, 'cohort.refused@example.org', 'refused');
    // Results written straight to the store: nothing is issued until the registrar asks.
    await asSystem()(async (cmd) => {
      for (const [i, id] of ids.entries())
        await recordResult(
          cmd,
          facts,
          { enrolmentId: id, ...result(null, i === 3 ? 4 : 12 + i) },
          { passMark: 10 },
        );
    });
    const url = `/api/v1/manage/${SCHELDE}/editions/LEAN-COHORT/issue`;

    const assessor = await staffClient('assessor');
    expect((await assessor.post(url)).statusCode).toBe(403);
    expect((await assessor.get(`${url}/preview`)).statusCode).toBe(403);
    const registrar = await staffClient('registrar');
    const credentialsBefore = await count('credentials');
    const preview = (await registrar.get(`${url}/preview`)).json();
    expect(preview).toMatchObject({ issued: 3, alreadyIssued: 0, notEligible: 1 });
    expect(preview.learners).toHaveLength(4);
    expect(await count('credentials')).toBe(credentialsBefore);

    const first = await registrar.post(url);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ issued: 3, alreadyIssued: 0, notEligible: 1, failed: 0 });
    const again = (await registrar.post(url)).json();
    expect(again).toMatchObject({ issued: 0, alreadyIssued: 3, notEligible: 1 });
    const rows = await db()
      .selectFrom('credentials')
      .select('award_key')
      .where('enrolment_id', 'in', ids)
      .execute();
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.award_key)).size).toBe(3);
    const audits = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'credential.issue')
      .where('actor_type', '=', 'user')
      .where('role', '=', 'registrar')
      .execute();
    expect(audits).toHaveLength(3);
    // A registrar issues but does not record results.
    const record = await registrar.post(`/api/v1/manage/${SCHELDE}/editions/LEAN-COHORT/results`, {
      email: learners[3],
      ...result(null, 15),
    });
    expect(record.statusCode).toBe(403);
  });

  it('survives a crash halfway: the issued proofs stay, and running again issues the rest once', async () => {
    const editionId = await edition('DATA-CRASH', 'MC-DATA');
    const enrolmentId = await enrol(editionId, 'crash@example.org');
    const facts = await getEditionFacts(db(), await getInstitution(db(), SCHELDE), 'DATA-CRASH');
    await asSystem()(async (cmd) => {
      await recordResult(cmd, facts, { enrolmentId, ...result('DATA101', 14) }, { passMark: 10 });
      await recordResult(cmd, facts, { enrolmentId, ...result('DATA102', 16) }, { passMark: 10 });
    });

    await expect(
      issueForEnrolment(asSystem(), context, await schelde(), {
        enrolmentId,
        afterEachProof: (n) => {
          if (n === 1) throw new Error('the process died');
        },
      }),
    ).rejects.toThrow('the process died');
    expect(await credentialsOf(enrolmentId)).toHaveLength(1);
    expect(await mailsTo('crash@example.org')).toHaveLength(0);

    const preview = (
      await staff('GET', `/api/v1/manage/${SCHELDE}/editions/DATA-CRASH/issue/preview`)
    ).json();
    expect(preview.learners[0]).toMatchObject({
      alreadyIssued: [expect.anything()],
      toIssue: [expect.anything(), expect.anything()],
    });
    const rerun = await staff('POST', `/api/v1/manage/${SCHELDE}/enrolments/${enrolmentId}/issue`);
    expect(rerun.statusCode).toBe(200);
    expect(rerun.json()).toMatchObject({ status: 'issued' });
    expect(rerun.json().issued).toHaveLength(2);
    expect(rerun.json().alreadyIssued).toHaveLength(1);
    const third = (await staff('POST', `/api/v1/manage/${SCHELDE}/enrolments/${enrolmentId}/issue`)).json();
    expect(third).toMatchObject({ status: 'already-issued', issued: [] });

    const rows = await credentialsOf(enrolmentId);
    expect(rows.map((r) => r.kind).sort()).toEqual([
      'credit-certificate',
      'credit-certificate',
      'micro-credential-certificate',
    ]);
    expect(new Set(rows.map((r) => r.award_key)).size).toBe(3);
    const mails = await mailsTo('crash@example.org');
    expect(mails).toHaveLength(1);
    for (const row of rows) expect(mails[0]!.body).toContain(row.credential_url);
  });

  it('revokes and suspends from the staff routes with a reason, tells the learner, and verification sees it', async () => {
    const editionId = await edition('LEAN-REVOKE', 'PV-LEAN');
    const enrolmentId = await enrol(editionId, 'revoke@example.org');
    // Issued as an installation with STAPEL_CREDENTIAL_STATUS=revocation,suspension does: suspendable.
    const facts = await getEditionFacts(db(), await getInstitution(db(), SCHELDE), 'LEAN-REVOKE');
    await asSystem()((cmd) =>
      recordResult(cmd, facts, { enrolmentId, ...result(null, 15) }, { passMark: 10 }),
    );
    const suspendable = { ...context.settings, credentialStatus: ['revocation', 'suspension'] as const };
    await issueForEnrolment(asSystem(), { ...context, settings: suspendable }, await schelde(), {
      enrolmentId,
    });
    const [row] = await credentialsOf(enrolmentId);
    const statusUrl = `/api/v1/manage/${SCHELDE}/credentials/${row!.id}/status`;
    const assessor = await staffClient('assessor');
    const auditBefore = await count('audit_log');

    const noReason = await staff('POST', statusUrl, { action: 'revoke' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors[0].field).toBe('reason');
    expect((await staff('POST', statusUrl, { action: 'suspend', reason: ' ' })).statusCode).toBe(422);
    expect((await staff('POST', statusUrl, { action: 'unsuspend' })).statusCode).toBe(409);
    expect((await staff('POST', statusUrl, { action: 'revoke', reason: 'x' }, LEIE)).statusCode).toBe(404);
    expect((await assessor.post(statusUrl, { action: 'revoke', reason: 'x' })).statusCode).toBe(403);
    expect(await count('audit_log')).toBe(auditBefore);

    const registrar = await staffClient('registrar');
    const suspended = await registrar.post(statusUrl, { action: 'suspend', reason: 'Under investigation' });
    expect(suspended.json()).toMatchObject({ status: 'suspended', reason: 'Under investigation' });
    expect((await registrar.post(statusUrl, { action: 'unsuspend' })).json().status).toBe('valid');
    const revoked = await registrar.post(statusUrl, { action: 'revoke', reason: 'Plagiarism established' });
    expect(revoked.statusCode).toBe(200);
    // Refusals are worded in the language asked for, with their stable code and field rule.
    const inLang = (lang: string, payload: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: statusUrl,
        headers: { authorization: `Bearer ${tokens[SCHELDE]}`, 'accept-language': lang },
        payload,
      });
    const againNl = await inLang('nl', { action: 'revoke', reason: 'nogmaals' });
    expect(againNl.json()).toMatchObject({ status: 409, code: 'invalid-state' });
    expect(againNl.json().detail).toBe(
      `Leerbewijs ${row!.credential_url} is al ingetrokken; een intrekking is definitief.`,
    );
    const againEn = await inLang('en', { action: 'revoke', reason: 'again' });
    expect(againEn.json().detail).toBe(
      `Credential ${row!.credential_url} is already revoked; revocation is final.`,
    );
    const whyNl = (await inLang('nl', { action: 'suspend' })).json();
    expect(whyNl.errors).toEqual([
      expect.objectContaining({
        field: 'reason',
        rule: 'status-reason-required',
        message: 'Zeg waarom het leerbewijs geschorst wordt.',
      }),
    ]);

    const { verify } = platformVerifier(database.handle, context.settings);
    const verified = await verify(JSON.parse(row!.document));
    expect(verified.verified).toBe(false);
    expect(verified.checks.find((c) => c.name === 'status')?.detail).toMatch(/revoked/i);
    const changes = await db()
      .selectFrom('audit_log')
      .select(['action', 'role'])
      .where('object_id', '=', row!.id)
      .where('action', 'like', 'credential.%')
      .orderBy('at')
      .execute();
    expect(changes.map((c) => c.action)).toEqual([
      'credential.issue',
      'credential.suspend',
      'credential.unsuspend',
      'credential.revoke',
    ]);
    expect(changes.slice(1).every((c) => c.role === 'registrar')).toBe(true);
    const mails = await mailsTo('revoke@example.org');
    expect(mails.map((m) => m.subject)).toEqual([
      expect.stringContaining('leerbewijs'),
      expect.stringContaining('geschorst'),
      expect.stringContaining('opnieuw geldig'),
      expect.stringContaining('ingetrokken'),
    ]);
    expect(mails[3]!.body).toContain('Plagiarism established');
    // Each language part names the proof in its own language.
    expect(mails[3]!.body).toContain('heeft je leerbewijs Lean werken in de zorg ingetrokken');
    expect(mails[3]!.body).toContain(
      'has marked your proof of learning Lean management in healthcare revoked',
    );

    const list = (await registrar.get(`/api/v1/manage/${SCHELDE}/credentials?edition=LEAN-REVOKE`)).json();
    expect(list).toEqual([
      expect.objectContaining({
        credentialId: row!.id,
        status: 'revoked',
        statusReason: 'Plagiarism established',
        edition: 'LEAN-REVOKE',
      }),
    ]);
    expect(
      (await staff('GET', `/api/v1/manage/${SCHELDE}/credentials?edition=LEAN-REVOKE`, undefined, LEIE))
        .statusCode,
    ).toBe(404);
  });

  it('shows learners their own credentials with status and the signed document', async () => {
    const learner = new TestClient(app);
    expect((await learner.get('/api/v1/me/credentials')).statusCode).toBe(401);
    await learner.signIn('all@example.org', PASSWORD);
    const mine = (await learner.get('/api/v1/me/credentials')).json();
    expect(mine).toHaveLength(3);
    expect(mine[0]).toMatchObject({
      status: 'valid',
      edition: 'DATA-ALL',
      document: { proof: expect.anything() },
    });
    const other = new TestClient(app);
    await other.signIn('revoke@example.org', PASSWORD);
    expect((await other.get('/api/v1/me/credentials')).json()).toEqual([
      expect.objectContaining({ status: 'revoked', statusReason: 'Plagiarism established' }),
    ]);
  });

  it("titles each of a learner's credentials by what it was earned for, in Dutch and English", async () => {
    const learner = new TestClient(app);
    await learner.signIn('all@example.org', PASSWORD);
    const mine = (await learner.get('/api/v1/me/credentials')).json();
    const partOf = { nl: 'Data-analyse met Python', en: 'Data analysis with Python' };
    const byCode = (code: string | null) =>
      mine.find((c: { courseUnit: string | null }) => c.courseUnit === code);
    expect(byCode('DATA101')).toMatchObject({
      kind: 'credit-certificate',
      titles: {
        nl: 'Inleiding tot data-analyse met Python',
        en: 'Introduction to data analysis with Python',
      },
      microCredential: { code: 'MC-DATA', title: partOf.nl, titles: partOf },
    });
    expect(byCode('DATA102')).toMatchObject({
      kind: 'credit-certificate',
      titles: { nl: 'Datavisualisatie en rapportering', en: 'Data visualisation and reporting' },
    });
    expect(byCode(null)).toMatchObject({ kind: 'micro-credential-certificate', titles: partOf });
  });
});
