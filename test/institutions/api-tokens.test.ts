import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { insertEdition, staffClient } from '../support/cohort.ts';
import { runCli, type CliResult } from '../support/cli.ts';
import { main } from '../../src/cli/main.ts';
import { setUp } from '../support/set-up.ts';
import { sql } from 'kysely';
import {
  checkApiToken,
  issueApiToken,
  getInstitution,
  listApiTokens,
  revokeApiToken,
} from '../../src/institutions/store.ts';
import { openDatabase } from '../../src/core/database.ts';
import { runCommand } from '../../src/core/command.ts';
import { ROLES } from '../../src/core/actor.ts';
import { migrateToLatest, migrator } from '../../migrations/index.ts';

const SLUG = 'hogeschool-schelde';
const base = `/api/v1/manage/${SLUG}`;
const fixture = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../fixtures/credentials/1edtech-ob3-test-vector.changed-name.json',
);
const operator = { kind: 'cli' as const, label: 'test' };
const NO_SMTP = { smtpUrl: undefined, from: 'stapel@example.org' };

/** The `stapel` command in this process (a spawn costs a second or more): same parsing, same exit codes. */
async function stapel(args: string[], env: Record<string, string>): Promise<CliResult> {
  const saved = new Map(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  try {
    const code = await main(
      ['node', 'stapel', ...args],
      sink((text) => (stdout += text)),
      sink((text) => (stderr += text)),
    );
    return { code, stdout, stderr };
  } finally {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

describe.each(databaseKinds())('API tokens on $name', (kind) => {
  let t: TestApp;
  let institutionId: string;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const makeToken = (request: Parameters<typeof issueApiToken>[2], now?: Date) =>
    setUp(
      t.database.handle,
      (cmd) => issueApiToken(cmd, { id: institutionId }, request, now ? { now } : {}),
      operator,
    );

  const revoke = (id: string) =>
    runCommand({ database: t.database.handle, mail: NO_SMTP, actor: operator }, (cmd) =>
      revokeApiToken(cmd, null, { id }),
    );

  beforeAll(async () => {
    t = await startTestApp(kind);
    institutionId = (await getInstitution(t.database.handle.db, SLUG)).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('acts with its roles only: a registrar token issues but cannot decide in quality review', async () => {
    const { token } = await makeToken({ name: 'registry sync', roles: ['registrar'] });
    await insertEdition(t.database.handle, 'TOKEN-ED', 'MC-DATA', SLUG);
    const issued = await t.app.inject({
      method: 'POST',
      url: `${base}/editions/TOKEN-ED/issue`,
      headers: bearer(token),
    });
    expect(issued.statusCode).toBe(200);
    const decided = await t.app.inject({
      method: 'POST',
      url: `${base}/qa/reviews/any-review/decision`,
      headers: bearer(token),
      payload: { decision: 'approve', rationale: 'A registrar token approving.', checklist: [] },
    });
    expect(decided.statusCode).toBe(403);
    expect(decided.json().detail).toMatch(/qa-reviewer/);
  });

  it('refuses an expired token with 401 and the date it expired, in Dutch and English', async () => {
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const { token } = await makeToken({ name: 'short-lived', expires: '1d' }, twoDaysAgo);
    const nl = await t.app.inject({
      method: 'GET',
      url: `${base}/credentials`,
      headers: { ...bearer(token), 'accept-language': 'nl' },
    });
    expect(nl.statusCode).toBe(401);
    expect(nl.json().code).toBe('token-expired');
    expect(nl.json().detail).toMatch(/^Dit API-token is verlopen op \d{1,2} \w+ \d{4} om \d{2}:\d{2}/);
    const en = await t.app.inject({ method: 'GET', url: `${base}/credentials`, headers: bearer(token) });
    expect(en.json().detail).toMatch(/^This token expired on \d{1,2} \w+ \d{4}/);
  });

  it('refuses a revoked token with 401, and revoking is audited', async () => {
    const { id, token } = await makeToken({ name: 'to revoke' });
    const before = await t.app.inject({ method: 'GET', url: `${base}/credentials`, headers: bearer(token) });
    expect(before.statusCode).toBe(200);
    await revoke(id);
    const after = await t.app.inject({ method: 'GET', url: `${base}/credentials`, headers: bearer(token) });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'token-revoked' });
    expect(after.json().detail).toMatch(/^This token was revoked on /);
    const audited = await t.database.handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('object_id', '=', id)
      .orderBy('at')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['api-token.create', 'api-token.revoke']);
  });

  it('ignores an unknown bearer token on public routes and answers as to anyone', async () => {
    const stale = bearer('stp_thisTokenWasNeverIssuedByThisInstallation000000');
    const catalogue = await t.app.inject({ method: 'GET', url: '/api/v1/micro-credentials', headers: stale });
    expect(catalogue.statusCode).toBe(200);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { ...stale, 'content-type': 'application/json' },
      payload: fs.readFileSync(fixture, 'utf8'),
    });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toHaveProperty('verified');
  });

  it('ignores an expired or revoked bearer token on a public route too', async () => {
    const { id, token } = await makeToken({ name: 'public caller' });
    await revoke(id);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: fs.readFileSync(fixture, 'utf8'),
    });
    expect(verified.statusCode).toBe(200);
  });

  it('refuses an unknown bearer token on a staff route with 401', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `${base}/credentials`,
      headers: { ...bearer('stp_unknown'), 'accept-language': 'nl' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().detail).toBe('Dit API-token is niet bekend.');
  });

  it('lets administrators list, create (secret once) and revoke tokens, with schemas and audit', async () => {
    const admin = await staffClient(t.app, t.database.handle, 'administrator', SLUG);
    const created = await admin.post(`${base}/api-tokens`, {
      name: 'Studentenadministratie',
      expires: '90d',
      roles: ['registrar', 'assessor'],
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.token).toMatch(/^stp_/);
    expect(body.apiToken).toMatchObject({
      name: 'Studentenadministratie',
      roles: ['assessor', 'registrar'],
      state: 'active',
      revokedAt: null,
      createdBy: expect.stringContaining('Test administrator'),
    });
    const days = (Date.parse(body.apiToken.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);

    const listed = await admin.get(`${base}/api-tokens`);
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(body.token);
    expect(listed.body).not.toMatch(/token_hash|stp_/);
    const mine = listed.json().find((x: { id: string }) => x.id === body.apiToken.id);
    expect(mine).toMatchObject({ name: 'Studentenadministratie', lastUsedAt: null });

    const used = await t.app.inject({
      method: 'GET',
      url: `${base}/credentials`,
      headers: bearer(body.token),
    });
    expect(used.statusCode).toBe(200);

    const revoked = await admin.post(`${base}/api-tokens/${body.apiToken.id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ state: 'revoked', revokedBy: expect.stringContaining('Test') });
    const again = await admin.post(`${base}/api-tokens/${body.apiToken.id}/revoke`);
    expect(again.statusCode).toBe(409);
    const refused = await t.app.inject({
      method: 'GET',
      url: `${base}/credentials`,
      headers: bearer(body.token),
    });
    expect(refused.statusCode).toBe(401);

    const audited = await t.database.handle.db
      .selectFrom('audit_log')
      .select(['action', 'role', 'actor_type', 'after'])
      .where('object_id', '=', body.apiToken.id)
      .orderBy('at')
      .execute();
    expect(audited.map((a) => [a.action, a.role, a.actor_type])).toEqual([
      ['api-token.create', 'administrator', 'user'],
      ['api-token.revoke', 'administrator', 'user'],
    ]);
    expect(JSON.parse(audited[0]!.after!)).toMatchObject({ roles: ['assessor', 'registrar'] });

    const openapi = (await t.app.inject('/api/openapi.json')).json();
    const documented = openapi.paths['/api/v1/manage/{slug}/api-tokens'];
    expect(Object.keys(documented.post.responses)).toEqual(
      expect.arrayContaining(['201', '401', '403', '422']),
    );
    expect(documented.get.responses['200'].content['application/json'].schema.type).toBe('array');
    expect(JSON.stringify(openapi.components.schemas)).toContain('revokedAt');
  });

  it('refuses bad requests naming each field, in Dutch, and creates nothing', async () => {
    const admin = await staffClient(t.app, t.database.handle, 'administrator', SLUG);
    const count = async () =>
      Number(
        (
          await t.database.handle.db
            .selectFrom('api_tokens')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const res = await admin.post(
      `${base}/api-tokens`,
      { name: '  ', expires: '2001-01-01', roles: ['registrar', 'janitor'] },
      { 'accept-language': 'nl' },
    );
    expect(res.statusCode).toBe(422);
    const problems = res.json().errors as { field: string; rule: string; message: string }[];
    expect(problems.map((p) => [p.field, p.rule])).toEqual([
      ['name', 'token-name-required'],
      ['expires', 'token-expiry-past'],
      ['roles', 'token-role-unknown'],
    ]);
    expect(problems[2]!.message).toContain('"janitor" is geen rol');
    expect(await count()).toBe(before);
  });

  it('keeps token management to people: a token may not mint tokens, and other roles get 403', async () => {
    const { token } = await makeToken({ name: 'admin script', roles: ['administrator'] });
    const minted = await t.app.inject({
      method: 'POST',
      url: `${base}/api-tokens`,
      headers: bearer(token),
      payload: { name: 'successor' },
    });
    expect(minted.statusCode).toBe(403);
    expect(minted.json().detail).toMatch(/cannot manage API tokens/);
    const registrar = await staffClient(t.app, t.database.handle, 'registrar', SLUG);
    expect((await registrar.get(`${base}/api-tokens`)).statusCode).toBe(403);
    const other = await staffClient(t.app, t.database.handle, 'administrator', 'universiteit-leie');
    // A token of Hogeschool Schelde: an administrator of another institution must not even see it exists.
    const listed = await t.database.handle.db
      .selectFrom('api_tokens as a')
      .innerJoin('institutions as i', 'i.id', 'a.institution_id')
      .select('a.id')
      .where('i.slug', '=', SLUG)
      .executeTakeFirstOrThrow();
    const foreign = await other.post(`/api/v1/manage/universiteit-leie/api-tokens/${listed.id}/revoke`);
    expect(foreign.statusCode).toBe(404);
  });

  it('creates, lists and revokes tokens on the command line', async () => {
    const created = await runCli(
      [
        'token',
        'create',
        '--institution',
        SLUG,
        '--name',
        'nightly export',
        '--expires',
        '2099-06-30',
        '--roles',
        'registrar,assessor',
      ],
      t.database.env,
    );
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^stp_[A-Za-z0-9_-]{43}$/);

    const listed = await stapel(['token', 'list', '--institution', SLUG, '--json'], t.database.env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(secret);
    const tokens = JSON.parse(listed.stdout) as {
      id: string;
      name: string;
      roles: string[];
      expiresAt: string;
    }[];
    const made = tokens.find((x) => x.name === 'nightly export')!;
    // Through 30 June in Belgium (summer time, UTC+2): it stops at midnight there.
    expect(made).toMatchObject({ roles: ['assessor', 'registrar'], expiresAt: '2099-06-30T22:00:00.000Z' });

    const revoked = await stapel(['token', 'revoke', made.id], t.database.env);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`Revoked API token ${made.id} "nightly export"`);
    const use = await t.app.inject({ method: 'GET', url: `${base}/credentials`, headers: bearer(secret) });
    expect(use.statusCode).toBe(401);

    const bad = await stapel(
      ['token', 'create', '--institution', SLUG, '--expires', 'tomorrow', '--roles', 'janitor'],
      t.database.env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expires: "tomorrow" is not an expiry');
    expect(bad.stderr).toContain('roles: "janitor" is not a role');
    const unknown = await stapel(['token', 'revoke', 'no-such-token'], t.database.env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no API token with id no-such-token');
    const table = await stapel(['token', 'list', '--institution', SLUG], t.database.env);
    expect(table.stdout).toMatch(new RegExp(`^${made.id}\\t${SLUG}\\trevoked\\tnightly export\\t`, 'm'));
  });
});

describe('migration 0007 on a database with tokens from before', () => {
  it('keeps an existing token working with every role and no expiry', async () => {
    const handle = await openDatabase({ sqlitePath: ':memory:', migrate: false });
    try {
      const result = await migrator(handle.db).migrateTo('0004-evaluation');
      expect(result.error).toBeUndefined();
      await handle.db
        .insertInto('institutions')
        .values({
          id: 'i-1',
          slug: 'oud',
          name_nl: 'Oude Hogeschool',
          name_en: 'Old College',
          url: 'https://oud.example',
          email: null,
          street: null,
          postal_code: null,
          locality: null,
          region: 'BE-VLG',
          country: 'BE',
          created_at: '2026-01-01T00:00:00.000Z',
        })
        .execute();
      const secret = 'stp_madeBeforeTokensHadRoles0000000000000000000';
      await sql`insert into api_tokens (id, institution_id, label, token_hash, created_at, last_used_at)
        values ('t-old', 'i-1', 'old script', ${createHash('sha256').update(secret).digest('hex')}, '2026-01-01T00:00:00.000Z', null)`.execute(
        handle.db,
      );
      await migrateToLatest(handle.db, 'sqlite');
      const checked = await checkApiToken(handle.db, secret);
      expect(checked).toMatchObject({ ok: true, tokenId: 't-old', roles: [...ROLES] });
      const [listed] = await listApiTokens(handle.db);
      expect(listed).toMatchObject({ name: 'old script', expiresAt: null, revokedAt: null, state: 'active' });
    } finally {
      await handle.close();
    }
  });
});
