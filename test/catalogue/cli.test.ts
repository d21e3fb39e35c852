import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { runCli } from '../support/cli.ts';

const fixtures = path.resolve(import.meta.dirname, '../fixtures/catalogue');

describe.each(databaseKinds())('stapel catalog on $name', (kind) => {
  let db: TestDatabase;
  const count = async () =>
    Number(
      (
        await db.handle.db
          .selectFrom('micro_credential_versions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    db = await kind.open();
    await loadDemoIfEmpty(db.handle);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('lists the catalogue as JSON with code, title, ects, vksLevel, form and status', async () => {
    const result = await runCli(['catalog', 'list', '--json'], db.env);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout);
    expect(rows).toHaveLength(9);
    expect(rows).toContainEqual(
      expect.objectContaining({
        code: 'PV-VR',
        status: 'draft',
        form: 'outside-regular',
        ects: 3,
        vksLevel: 6,
        title: expect.objectContaining({ nl: expect.any(String) }),
      }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        code: 'MC-DATA',
        status: 'published',
        form: 'regular',
        ects: 6,
        vksLevel: 6,
      }),
    );
    const text = await runCli(['catalog', 'list', '--institution', 'universiteit-leie'], db.env);
    expect(text.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('refuses an invalid import whole: one line per problem naming entry, field and rule, exit 2, nothing written', async () => {
    const before = await count();
    const result = await runCli(
      [
        'catalog',
        'import',
        path.join(fixtures, 'invalid-import.json'),
        '--institution',
        'hogeschool-schelde',
      ],
      db.env,
    );
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toContain(
      'MC-SMALL: ects: A micro-credential built from regular course units has at least 3 ECTS. [ects-form-a-minimum]',
    );
    expect(lines).toContain(
      'PV-SIXTY: ects: A micro-credential is always less than 60 ECTS. [ects-below-60]',
    );
    expect(lines).toContain(
      'PV-NO-OUTCOMES: learningOutcomes: Mandatory EU element missing: learning outcomes. [eu-mandatory]',
    );
    expect(lines).toContain('entry 5: code: is required [schema]');
    expect(lines).toContain('entry 5: ects: must be number [schema]');
    expect(lines.some((l) => l.startsWith('PV-FINE'))).toBe(false);
    expect(lines.at(-1)).toMatch(/^Nothing was imported/);
    expect(await count()).toBe(before);
    const list = JSON.parse((await runCli(['catalog', 'list', '--json'], db.env)).stdout);
    expect(list.map((r: { code: string }) => r.code)).not.toContain('PV-FINE');
  });

  it("reports the refusal in the operator's language (STAPEL_LANG=nl), from the same tables as the API", async () => {
    const result = await runCli(
      [
        'catalog',
        'import',
        path.join(fixtures, 'invalid-import.json'),
        '--institution',
        'hogeschool-schelde',
      ],
      { ...db.env, STAPEL_LANG: 'nl' },
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toContain(
      'PV-SIXTY: ects: Een micro-credential is altijd kleiner dan 60 ECTS. [ects-below-60]',
    );
  });

  it('refuses malformed JSON and a missing file with exit 2', async () => {
    const malformed = await runCli(
      [
        'catalog',
        'import',
        path.join(fixtures, 'malformed-import.json'),
        '--institution',
        'hogeschool-schelde',
      ],
      db.env,
    );
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/Cannot read .*malformed-import\.json/);
    const missing = await runCli(
      ['catalog', 'import', path.join(fixtures, 'nope.json'), '--institution', 'hogeschool-schelde'],
      db.env,
    );
    expect(missing.code).toBe(2);
  });

  it('asks which institution when there is more than one', async () => {
    const result = await runCli(['catalog', 'import', path.join(fixtures, 'valid-import.json')], db.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--institution');
  });

  it('imports a valid file, publishing the entries marked published', async () => {
    const result = await runCli(
      ['catalog', 'import', path.join(fixtures, 'valid-import.json'), '--institution', 'hogeschool-schelde'],
      db.env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Imported 3');
    const rows = JSON.parse(
      (await runCli(['catalog', 'list', '--json', '--institution', 'hogeschool-schelde'], db.env)).stdout,
    );
    expect(rows).toContainEqual(expect.objectContaining({ code: 'PV-EXCEL', status: 'published' }));
    expect(rows).toContainEqual(
      expect.objectContaining({ code: 'MC-DATA-PLUS', status: 'published', form: 'regular' }),
    );
    expect(rows).toContainEqual(expect.objectContaining({ code: 'PV-DRAFT', status: 'draft' }));

    // Published entries went through the quality procedure: a submission and an approval recorded as
    // taken by the institution's own procedure; the draft was not submitted.
    const reviews = await db.handle.db
      .selectFrom('qa_reviews as r')
      .innerJoin('micro_credential_versions as v', 'v.id', 'r.micro_credential_version_id')
      .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
      .select(['m.code', 'r.status', 'r.decided_role', 'r.decided_by', 'r.submitted_by', 'r.rationale'])
      .where('m.code', 'in', ['PV-EXCEL', 'MC-DATA-PLUS', 'PV-DRAFT'])
      .orderBy('m.code')
      .execute();
    expect(reviews).toEqual(
      ['MC-DATA-PLUS', 'PV-EXCEL'].map((code) => ({
        code,
        status: 'approved',
        decided_role: 'institution-procedure',
        decided_by: 'system:catalogue import',
        submitted_by: 'cli:catalog import',
        rationale: "Imported as approved by the institution's own quality procedure",
      })),
    );
    const actions = await db.handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type', 'actor_label'])
      .where('action', 'in', [
        'micro-credential.create',
        'quality.submit',
        'quality.approve',
        'micro-credential.publish',
      ])
      .where('actor_label', 'in', ['command line (catalog import)', 'catalogue import'])
      .execute();
    const count = (action: string) => actions.filter((a) => a.action === action).length;
    expect([
      count('micro-credential.create'),
      count('quality.submit'),
      count('quality.approve'),
      count('micro-credential.publish'),
    ]).toEqual([3, 2, 2, 2]);
    expect(actions.filter((a) => a.action === 'quality.approve').map((a) => a.actor_type)).toEqual([
      'system',
      'system',
    ]);

    const again = await runCli(
      ['catalog', 'import', path.join(fixtures, 'valid-import.json'), '--institution', 'hogeschool-schelde'],
      db.env,
    );
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('PV-EXCEL: code: already exists');
  });

  it('gives every published demo version a QA record', async () => {
    const published = await db.handle.db
      .selectFrom('micro_credential_versions as v')
      .leftJoin('qa_reviews as r', (join) =>
        join.onRef('r.micro_credential_version_id', '=', 'v.id').on('r.status', '=', 'approved'),
      )
      .select(['v.id', 'r.decided_by', 'r.decided_role'])
      .where('v.status', '=', 'published')
      .execute();
    expect(published.length).toBeGreaterThan(0);
    for (const row of published) {
      expect(row.decided_role).toBe('institution-procedure');
      expect(row.decided_by).toMatch(/^system:(demo loader|catalogue import)$/);
    }
  });

  it('creates a working API token', async () => {
    const result = await runCli(
      ['token', 'create', '--institution', 'universiteit-leie', '--label', 'test'],
      db.env,
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toMatch(/^stp_[A-Za-z0-9_-]{43}$/);
    const { authenticateToken } = await import('../../src/institutions/store.ts');
    expect((await authenticateToken(db.handle.db, result.stdout.trim())).institution.slug).toBe(
      'universiteit-leie',
    );
    const audited = await db.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'api-token.create')
      .where('actor_type', '=', 'cli')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(1);
  });

  it('migrates and sets decree tuition', async () => {
    const migrate = await runCli(['migrate'], db.env);
    expect(migrate.stdout.trim()).toBe('The database is up to date.');
    const tuition = await runCli(
      ['tuition', 'set', '--year', '2026-27', '--fixed', '263.10', '--per-credit', '12.70'],
      db.env,
    );
    expect(tuition.code).toBe(0);
    const row = await db.handle.db
      .selectFrom('decree_tuition')
      .selectAll()
      .where('academic_year', '=', '2026-27')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ fixed_cents: 26310, per_credit_cents: 1270 });
    const audited = await db.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'decree-tuition.set')
      .where('object_id', '=', '2026-27')
      .where('actor_type', '=', 'cli')
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor_type: 'cli' });
    const bad = await runCli(
      ['tuition', 'set', '--year', '2026', '--fixed', '1', '--per-credit', '1'],
      db.env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('academicYear');
  });

  it('fails fast on bad configuration', async () => {
    const result = await runCli(['catalog', 'list'], {
      ...db.env,
      PORT: 'eighty',
      STAPEL_MASTER_KEY: 'short',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT must be a whole number');
    expect(result.stderr).toContain('STAPEL_MASTER_KEY must be 32 bytes');
  });
});
