import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { TestClient } from '../support/http.ts';
import {
  LEARNER_PASSWORD as PASSWORD,
  insertEdition,
  insertEnrolment,
  staffClient as makeStaffClient,
} from '../support/cohort.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import type { Role } from '../../src/core/actor.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { todayInFlanders } from '../../src/assessment/edition-facts.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/results');
const SCHELDE = 'hogeschool-schelde';
const LEIE = 'universiteit-leie';
const result = (courseUnit: string | null, score: number | null, extra: Record<string, unknown> = {}) => ({
  ...(courseUnit ? { courseUnit } : {}),
  score,
  assessedOn: '2025-01-20',
  assessmentType: 'Project met mondelinge verdediging',
  supervision: 'supervised-with-id-check',
  ...extra,
});

describe.each(databaseKinds())('recording evaluation results on $name', (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let strictApp: FastifyInstance;
  let tokens: Record<string, string>;
  const db = () => database.handle.db;

  beforeAll(async () => {
    database = await kind.open();
    const demo = await loadDemoIfEmpty(database.handle);
    tokens = Object.fromEntries((demo?.tokens ?? []).map((t) => [t.institution, t.token]));
    const masterKey = randomBytes(32);
    const env = {
      ...database.env,
      STAPEL_MASTER_KEY: masterKey.toString('hex'),
      STAPEL_PUBLIC_URL: 'http://localhost:3000',
      STAPEL_LOG_LEVEL: 'silent',
      PORT: '0',
    };
    const build = async (extra: Record<string, string>) => {
      const built = await buildApp({
        config: loadConfig({ ...env, ...extra }),
        database: database.handle,
        logger: false,
        masterKey,
        webRoot: '/nonexistent',
      });
      await built.ready();
      return built;
    };
    app = await build({});
    // The same installation with a stricter pass mark.
    strictApp = await build({ STAPEL_PASS_MARK: '12' });
  });
  afterAll(async () => {
    await app?.close();
    await strictApp?.close();
    await database?.dispose();
  });

  const staff = (
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    options: { slug?: string; on?: FastifyInstance; contentType?: string; lang?: string } = {},
  ) =>
    (options.on ?? app).inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${tokens[options.slug ?? SCHELDE]}`,
        ...(options.contentType ? { 'content-type': options.contentType } : {}),
        ...(options.lang ? { 'accept-language': options.lang } : {}),
      },
      ...(payload === undefined ? {} : { payload: payload as string }),
    });

  const edition = (code: string, microCredential: string, slug = SCHELDE) =>
    insertEdition(database.handle, code, microCredential, slug);
  const enrol = (editionId: string, email: string, status = 'accepted') =>
    insertEnrolment(database.handle, editionId, email, { status, verified: false });
  const staffClient = (role: Role, slug = SCHELDE) => makeStaffClient(app, database.handle, role, slug);

  const count = async (table: 'evaluations' | 'audit_log' | 'credentials') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('records a result per course unit for form A, by e-mail or enrolment, with an audit record each', async () => {
    const editionId = await edition('DATA-R1', 'MC-DATA');
    const enrolmentId = await enrol(editionId, 'r1@example.org');
    const url = `/api/v1/manage/${SCHELDE}/editions/DATA-R1/results`;
    const byEmail = await staff('POST', url, { email: 'R1@Example.org', ...result('DATA101', 8) });
    expect(byEmail.statusCode).toBe(201);
    expect(byEmail.json().result).toMatchObject({
      enrolmentId,
      courseUnit: 'DATA101',
      score: 8,
      passed: false,
      assessedOn: '2025-01-20',
      assessmentType: 'Project met mondelinge verdediging',
      supervision: 'supervised-with-id-check',
      assessor: { label: 'API token "demo"' },
      supersedes: null,
    });
    const assessor = await staffClient('assessor');
    const byId = await assessor.post(url, { enrolmentId, ...result('DATA102', null, { passed: true }) });
    expect(byId.statusCode).toBe(201);
    expect(byId.json().result).toMatchObject({ courseUnit: 'DATA102', score: null, passed: true });
    expect(byId.json().result.assessor.label).toBe('Test assessor');

    const audits = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'evaluation.record')
      .where('object_id', 'in', [byEmail.json().result.id, byId.json().result.id])
      .execute();
    expect(audits).toHaveLength(2);
    expect(audits.find((a) => a.actor_type === 'user')?.role).toBe('assessor');

    const listed = (await assessor.get(url)).json();
    expect(listed.courseUnits.map((u: { code: string }) => u.code)).toEqual(['DATA101', 'DATA102']);
    expect(listed.learners).toHaveLength(1);
    expect(
      listed.learners[0].requirements.map((r: { courseUnit: string; current: { passed: boolean } }) => [
        r.courseUnit,
        r.current.passed,
      ]),
    ).toEqual([
      ['DATA101', false],
      ['DATA102', true],
    ]);
    expect(listed.learners[0].owed).toEqual([{ kind: 'credit-certificate', courseUnit: 'DATA102' }]);
  });

  it('records one result for form B, without course unit', async () => {
    const editionId = await edition('LEAN-R', 'PV-LEAN');
    await enrol(editionId, 'lean.r@example.org');
    const url = `/api/v1/manage/${SCHELDE}/editions/LEAN-R/results`;
    const withUnit = await staff('POST', url, { email: 'lean.r@example.org', ...result('DATA101', 14) });
    expect(withUnit.statusCode).toBe(422);
    expect(withUnit.json().errors).toEqual([
      expect.objectContaining({ field: 'courseUnit', rule: 'course-unit-not-allowed' }),
    ]);
    const ok = await staff('POST', url, {
      email: 'lean.r@example.org',
      ...result(null, 14, { supervision: 'unsupervised-no-id-check' }),
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().result).toMatchObject({
      courseUnit: null,
      passed: true,
      supervision: 'unsupervised-no-id-check',
    });
  });

  it('refuses an invalid result with a message per field and writes nothing', async () => {
    const editionId = await edition('DATA-BAD', 'MC-DATA');
    await enrol(editionId, 'bad@example.org');
    await enrol(editionId, 'bad.pending@example.org', 'pending');
    const url = `/api/v1/manage/${SCHELDE}/editions/DATA-BAD/results`;
    const evaluations = await count('evaluations');
    const audits = await count('audit_log');
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString().slice(0, 10);
    const bad = await staff('POST', url, {
      email: 'bad@example.org',
      courseUnit: 'CYB201',
      score: 25,
      assessedOn: tomorrow > todayInFlanders() ? tomorrow : '2999-01-01',
      assessmentType: ' ',
      supervision: 'proctored',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(
      bad
        .json()
        .errors.map((e: { rule: string }) => e.rule)
        .sort(),
    ).toEqual([
      'assessment-type-required',
      'course-unit-unknown',
      'date-future',
      'score-range',
      'supervision-option',
    ]);
    const mismatch = await staff('POST', url, {
      email: 'bad@example.org',
      ...result('DATA101', 8, { passed: true }),
    });
    expect(mismatch.json().errors).toEqual([
      expect.objectContaining({ field: 'passed', rule: 'score-contradicts-pass' }),
    ]);
    // The contradiction and the range are named in the asker's language, with the score and the pass mark.
    const nine = { email: 'bad@example.org', ...result('DATA101', 9, { passed: true }) };
    const nl = await staff('POST', url, nine, { lang: 'nl-BE,nl;q=0.9' });
    expect(nl.statusCode).toBe(422);
    expect(nl.json().errors[0].message).toBe(
      'de score 9/20 ligt onder de slaagdrempel van 10, maar "geslaagd" is aangevinkt: pas de score of het vinkje aan',
    );
    const en = await staff('POST', url, nine, { lang: 'en' });
    expect(en.json().errors[0].message).toBe(
      'the score 9/20 is below the pass mark of 10, but "passed" is ticked: change the score or the tick',
    );
    const twelveFailed = { email: 'bad@example.org', ...result('DATA101', 12, { passed: false }) };
    expect((await staff('POST', url, twelveFailed, { lang: 'nl' })).json().errors[0].message).toBe(
      'de score 12/20 haalt de slaagdrempel van 10, maar "geslaagd" is niet aangevinkt: pas de score of het vinkje aan',
    );
    const high = { email: 'bad@example.org', ...result('DATA101', 25) };
    expect((await staff('POST', url, high, { lang: 'nl' })).json().errors[0].message).toBe(
      'de score 25 ligt niet tussen 0 en 20: geef een score van 0 tot 20',
    );
    expect((await staff('POST', url, high, { lang: 'en' })).json().errors[0].message).toBe(
      'the score 25 is not between 0 and 20: give a score from 0 to 20',
    );
    const missing = await staff('POST', url, { email: 'bad@example.org', ...result('DATA101', null) });
    expect(missing.json().errors[0].rule).toBe('result-missing');
    expect(
      (await staff('POST', url, { email: 'nobody@example.org', ...result('DATA101', 12) })).statusCode,
    ).toBe(404);
    const pending = await staff('POST', url, { email: 'bad.pending@example.org', ...result('DATA101', 12) });
    expect(pending.statusCode).toBe(409);
    expect(pending.json().detail).toContain('pending');
    expect(
      (
        await staff('POST', `/api/v1/manage/${SCHELDE}/editions/NOPE/results`, {
          email: 'bad@example.org',
          ...result('DATA101', 12),
        })
      ).statusCode,
    ).toBe(404);
    expect(await count('evaluations')).toBe(evaluations);
    expect(await count('audit_log')).toBe(audits);
  });

  it('takes the pass mark from the settings (STAPEL_PASS_MARK)', async () => {
    const editionId = await edition('LEAN-MARK', 'PV-LEAN');
    await enrol(editionId, 'mark.a@example.org');
    await enrol(editionId, 'mark.b@example.org');
    const url = `/api/v1/manage/${SCHELDE}/editions/LEAN-MARK/results`;
    const strict = await staff(
      'POST',
      url,
      { email: 'mark.a@example.org', ...result(null, 11) },
      { on: strictApp },
    );
    expect(strict.json().result.passed).toBe(false);
    expect(strict.json().issuance.status).toBe('not-eligible');
    const contradicts = await staff(
      'POST',
      url,
      { email: 'mark.b@example.org', ...result(null, 11, { passed: true }) },
      { on: strictApp },
    );
    expect(contradicts.statusCode).toBe(422);
    expect(contradicts.json().errors[0].message).toContain('pass mark of 12');
    const lenient = await staff('POST', url, { email: 'mark.b@example.org', ...result(null, 11) });
    expect(lenient.json().result.passed).toBe(true);
  });

  it('refuses a second result for the same requirement: results change by correction only', async () => {
    const editionId = await edition('LEAN-TWICE', 'PV-LEAN');
    await enrol(editionId, 'twice@example.org');
    const url = `/api/v1/manage/${SCHELDE}/editions/LEAN-TWICE/results`;
    expect((await staff('POST', url, { email: 'twice@example.org', ...result(null, 9) })).statusCode).toBe(
      201,
    );
    const again = await staff('POST', url, { email: 'twice@example.org', ...result(null, 14) });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('correction');
  });

  it('keeps the history when a result is corrected: a new record supersedes the old one', async () => {
    const editionId = await edition('DATA-CORR', 'MC-DATA');
    await enrol(editionId, 'corr@example.org');
    const url = `/api/v1/manage/${SCHELDE}/editions/DATA-CORR/results`;
    const original = (await staff('POST', url, { email: 'corr@example.org', ...result('DATA101', 9) })).json()
      .result;
    const evaluations = await count('evaluations');
    const audits = await count('audit_log');
    const noReason = await staff('POST', `${url}/${original.id}/correction`, {
      ...result(null, 12),
      reason: '',
    });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors[0].field).toBe('reason');
    expect(
      (await staff('POST', `${url}/${randomUUID()}/correction`, { ...result(null, 12), reason: 'x' }))
        .statusCode,
    ).toBe(404);
    expect(await count('evaluations')).toBe(evaluations);
    expect(await count('audit_log')).toBe(audits);

    const corrected = await staff('POST', `${url}/${original.id}/correction`, {
      ...result(null, 12.5),
      reason: 'Counting error on page 2',
    });
    expect(corrected.statusCode).toBe(201);
    const correction = corrected.json().result;
    expect(correction).toMatchObject({
      courseUnit: 'DATA101',
      score: 12.5,
      passed: true,
      supersedes: original.id,
      correctionReason: 'Counting error on page 2',
    });
    expect(corrected.json().issuance.issued).toEqual([expect.objectContaining({ courseUnit: 'DATA101' })]);
    const stale = await staff('POST', `${url}/${original.id}/correction`, {
      ...result(null, 15),
      reason: 'again',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain(correction.id);

    const old = await db()
      .selectFrom('evaluations')
      .selectAll()
      .where('id', '=', original.id)
      .executeTakeFirstOrThrow();
    expect(old.score).toBe(9);
    const listed = (await staff('GET', url)).json();
    const requirement = listed.learners[0].requirements[0];
    expect(requirement.current.id).toBe(correction.id);
    expect(
      requirement.history.map((h: { id: string; supersededBy: string | null }) => [h.id, h.supersededBy]),
    ).toEqual([
      [original.id, correction.id],
      [correction.id, null],
    ]);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('object_id', '=', correction.id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('evaluation.correct');
    expect(JSON.parse(audit.before!)).toMatchObject({ id: original.id, score: 9, passed: false });

    // Correcting a pass into a fail keeps the proof issued, and says so.
    const down = await staff('POST', `${url}/${correction.id}/correction`, {
      ...result(null, 8),
      reason: 'Fraud found',
    });
    expect(down.statusCode).toBe(201);
    expect(down.json().warnings[0]).toContain('until a registrar revokes them');
  });

  it('imports a results file all or nothing, with problems by line number', async () => {
    const editionId = await edition('DATA-CSV', 'MC-DATA');
    const an = await enrol(editionId, 'csv.an@example.org');
    const bo = await enrol(editionId, 'csv.bo@example.org');
    const url = `/api/v1/manage/${SCHELDE}/editions/DATA-CSV/results/import`;
    const evaluations = await count('evaluations');
    const audits = await count('audit_log');

    const invalid = await staff(
      'POST',
      url,
      fs.readFileSync(path.join(fixtures, 'invalid-form-a.csv'), 'utf8'),
      { contentType: 'text/csv; charset=utf-8' },
    );
    expect(invalid.statusCode).toBe(422);
    const report = invalid.json();
    expect(report).toMatchObject({ ok: false, imported: 0 });
    expect(report.problems).toEqual([
      { line: 3, field: 'course_unit', message: 'csv.an@example.org in DATA101 is also on line 2' },
      { line: 4, field: 'email', message: 'nobody@example.org is not enrolled in edition DATA-CSV' },
      {
        line: 5,
        field: 'course_unit',
        message: 'CYB201 is not a course unit of this micro-credential (DATA101, DATA102)',
      },
      { line: 6, field: 'score', message: 'the score 21 is not between 0 and 20: give a score from 0 to 20' },
      { line: 7, field: 'assessed_on', message: expect.stringContaining('2999-01-01 is in the future') },
      { line: 7, field: 'supervision', message: expect.stringContaining('must be one of') },
      { line: 8, field: 'score', message: '"twaalf" is not a score from 0 to 20' },
    ]);
    expect(await count('evaluations')).toBe(evaluations);
    expect(await count('audit_log')).toBe(audits);

    const valid = fs.readFileSync(path.join(fixtures, 'valid-form-a.csv'), 'utf8');
    const imported = await staff('POST', url, { csv: valid });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ ok: true, imported: 3, problems: [] });
    const issuance = imported.json().issuance;
    expect(issuance.find((i: { enrolmentId: string }) => i.enrolmentId === an).issued).toHaveLength(3);
    expect(issuance.find((i: { enrolmentId: string }) => i.enrolmentId === bo).status).toBe('not-eligible');
    expect(await count('evaluations')).toBe(evaluations + 3);
    const recorded = await db()
      .selectFrom('evaluations')
      .selectAll()
      .where('enrolment_id', '=', an)
      .orderBy('assessed_on')
      .execute();
    expect(recorded.map((r) => [r.score, r.passed, r.assessed_on])).toEqual([
      [14.5, 1, '2025-01-20'],
      [12, 1, '2025-01-27'],
    ]);

    const twice = await staff('POST', url, valid, { contentType: 'text/csv' });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().problems.map((p: { line: number }) => p.line)).toEqual([2, 3, 4]);
    expect(twice.json().problems[0].message).toContain('already has a result');
    expect(await count('evaluations')).toBe(evaluations + 3);
  });

  it('imports form B results without a course unit column', async () => {
    const editionId = await edition('LEAN-CSV', 'PV-LEAN');
    await enrol(editionId, 'csv.an@example.org');
    await enrol(editionId, 'csv.bo@example.org');
    const imported = await staff(
      'POST',
      `/api/v1/manage/${SCHELDE}/editions/LEAN-CSV/results/import`,
      fs.readFileSync(path.join(fixtures, 'valid-form-b.csv'), 'utf8'),
      { contentType: 'text/plain' },
    );
    expect(imported.statusCode).toBe(200);
    expect(imported.json().imported).toBe(2);
    expect(
      imported
        .json()
        .issuance.map((i: { status: string }) => i.status)
        .sort(),
    ).toEqual(['issued', 'not-eligible']);
  });

  it('lets learners read their own results only', async () => {
    const learner = new TestClient(app);
    expect((await learner.get('/api/v1/me/results')).statusCode).toBe(401);
    await learner.signIn('corr@example.org', PASSWORD);
    const mine = (await learner.get('/api/v1/me/results')).json();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      institution: SCHELDE,
      edition: 'DATA-CORR',
      microCredential: { code: 'MC-DATA' },
    });
    expect(mine[0].requirements[0].history).toHaveLength(3);
    expect(mine[0].requirements[0].current.score).toBe(8);
    expect((await learner.get(`/api/v1/manage/${SCHELDE}/editions/DATA-CORR/results`)).statusCode).toBe(404);
  });

  it('splits the roles: assessors record, registrars do not; another institution sees nothing', async () => {
    const url = `/api/v1/manage/${SCHELDE}/editions/DATA-R1/results`;
    const audits = await count('audit_log');
    const otherToken = await staff(
      'POST',
      url,
      { email: 'r1@example.org', ...result('DATA101', 12) },
      { slug: LEIE },
    );
    expect(otherToken.statusCode).toBe(404);
    const otherAssessor = await staffClient('assessor', LEIE);
    const registrar = await staffClient('registrar');
    const designer = await staffClient('designer');
    const afterAccounts = await count('audit_log');
    expect(afterAccounts).toBeGreaterThan(audits);
    expect(
      (await otherAssessor.post(url, { email: 'r1@example.org', ...result('DATA101', 12) })).statusCode,
    ).toBe(404);
    expect((await otherAssessor.get(url)).statusCode).toBe(404);
    expect(
      (await registrar.post(url, { email: 'r1@example.org', ...result('DATA101', 12) })).statusCode,
    ).toBe(403);
    expect((await registrar.post(`${url}/import`, { csv: 'email\n' })).statusCode).toBe(403);
    expect((await registrar.get(url)).statusCode).toBe(200);
    expect((await designer.get(url)).statusCode).toBe(403);
    expect(await count('audit_log')).toBe(afterAccounts);
  });
});
