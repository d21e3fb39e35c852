import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { runCli } from '../support/cli.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import type { FastifyInstance } from 'fastify';

const standards = path.resolve(import.meta.dirname, '../fixtures/standards');
const vector = path.join(standards, '1edtech-ob3-test-vector.signed.json');
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Result = {
  verified: boolean;
  checks: Array<{ name: string; code: string; ok: boolean; level: string; detail: string; params: Doc }>;
  issuer: { id?: string; name?: string; trust: string };
  credential: Doc;
};
const credentials = path.resolve(import.meta.dirname, '../fixtures/credentials');
const forged = path.join(credentials, 'forged-profile-url-issuer.json');
const didKeyClaim = path.join(credentials, 'did-key-claims-hogeschool-schelde.json');
const check = (r: Result, name: string) => r.checks.find((c) => c.name === name)!;

describe.each(databaseKinds())('verifying this platform’s credentials on $name', (kind) => {
  let f: IssuingFixture;
  let app: FastifyInstance;
  let docs: Doc[];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-verify-'));
  const verify = async (args: string[]) => {
    const r = await runCli(['verify', ...args, '--json'], f.env);
    return { code: r.code, result: JSON.parse(r.stdout) as Result, stderr: r.stderr };
  };
  const write = (name: string, doc: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return file;
  };

  beforeAll(async () => {
    f = await startIssuing(kind);
    const award = await runCli(
      [
        'award',
        '--micro-credential',
        'MC-DATA',
        '--learner',
        'v@example.org',
        '--name',
        'Vera',
        '--score',
        '16',
        '--json',
      ],
      f.env,
    );
    docs = JSON.parse(award.stdout);
    const config = loadConfig({ ...f.env, STAPEL_LOG_LEVEL: 'silent' });
    app = await buildApp({
      config,
      database: f.db.handle,
      logger: false,
      masterKey: f.context.masterKey,
      webRoot: '/nonexistent',
    });
  });
  afterAll(async () => {
    await app?.close();
    await f?.db.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('accepts a credential it issued, with every check passing and the issuer recognised', async () => {
    const { code, result } = await verify([write('ok.json', docs[2])]);
    expect(code).toBe(0);
    expect(result.verified).toBe(true);
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      ['json', true],
      ['schema', true],
      ['proof', true],
      ['issuer-key', true],
      ['status', true],
      ['validity', true],
      ['issuer-recognised', true],
    ]);
    expect(check(result, 'issuer-recognised').detail).toContain('Hogeschool Schelde');
    expect(result.credential).toMatchObject({ id: docs[2]!.id, issuer: { id: docs[2]!.issuer.id } });
    expect(result.issuer).toEqual({
      id: docs[2]!.issuer.id,
      name: 'Hogeschool Schelde',
      trust: 'recognised',
    });
  });

  it('verifies by the credential’s id and from standard input', async () => {
    expect((await verify([docs[0]!.id])).code).toBe(0);
    const piped = await runCli(['verify', '-', '--json'], f.env, JSON.stringify(docs[1]));
    expect(piped.code).toBe(0);
  });

  it('rejects a tampered credential (exit 1) and unreadable input (exit 2)', async () => {
    const tampered = structuredClone(docs[2]!);
    tampered.credentialSubject.result[0].value = '20';
    const { code, result } = await verify([write('tampered.json', tampered)]);
    expect(code).toBe(1);
    expect(check(result, 'proof')).toMatchObject({ ok: false });
    expect((await runCli(['verify', write('bad.json', '{"a":')], f.env)).code).toBe(2);
    expect((await runCli(['verify', path.join(dir, 'missing.json')], f.env)).code).toBe(2);
  });

  it('reports a revoked credential as not valid, with the date and the reason on record', async () => {
    const file = write('status.json', docs[1]);
    expect((await verify([file])).code).toBe(0);
    // Suspension needs a second status entry, which this installation's credentials do not carry.
    const revoking = await runCli(['revoke', docs[1]!.id, '--reason', 'issued in error'], f.env);
    expect(revoking.code, revoking.stderr).toBe(0);
    const r = await verify([file]);
    expect(r.code).toBe(1);
    expect(check(r.result, 'status')).toMatchObject({
      ok: false,
      code: 'status-revoked',
      params: { dateKind: 'recorded', reason: 'issued in error', date: expect.stringMatching(/^\d{4}-/) },
      detail: expect.stringMatching(
        /^Revoked on \d{1,2} \w+ \d{4} by the issuer\. Reason: issued in error\.$/,
      ),
    });
    // The same, worded in Dutch for a Dutch request.
    const nl = await app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: docs[1],
      headers: { 'accept-language': 'nl' },
    });
    const status = (nl.json() as Result).checks.find((c) => c.name === 'status')!;
    const day = new Intl.DateTimeFormat('nl-BE', { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(
      new Date(String(status.params.date)),
    );
    expect(status.detail).toBe(`Ingetrokken op ${day} door de uitreiker. Reden: issued in error.`);
  });

  it("refuses a forgery naming this platform's institution profile as issuer (exit 1)", async () => {
    const { code, result } = await verify([forged]);
    expect(code).toBe(1);
    expect(result.verified).toBe(false);
    expect(check(result, 'proof').ok).toBe(true);
    expect(check(result, 'issuer-recognised')).toMatchObject({
      code: 'issuer-impersonation',
      level: 'error',
      ok: false,
    });
    expect(result.issuer).toMatchObject({ name: 'Hogeschool Schelde', trust: 'unconfirmed' });
    const human = await runCli(['verify', forged], f.env);
    expect(human.code).toBe(1);
    expect(human.stdout).not.toMatch(/Issued by Hogeschool Schelde/);
    expect(human.stdout).toContain('Claims to be issued by Hogeschool Schelde');
  });

  it('calls a did:key credential in a real institution’s name unrecognised, and a trusted did:key recognised', async () => {
    const plain = await verify([didKeyClaim]);
    expect(plain.code).toBe(0);
    expect(plain.result.issuer).toMatchObject({ name: 'Hogeschool Schelde', trust: 'unrecognised' });
    const did = plain.result.issuer.id!;
    const r = await runCli(['verify', didKeyClaim, '--json'], { ...f.env, STAPEL_TRUSTED_ISSUERS: did });
    const trusted = JSON.parse(r.stdout) as Result;
    expect(trusted.issuer).toEqual({ id: did, name: 'Hogeschool Schelde', trust: 'recognised' });
    expect(check(trusted, 'issuer-recognised').code).toBe('issuer-recognised-trusted');
  });

  it('refuses a credential with a key twice as unreadable (exit 2)', async () => {
    const r = await runCli(['verify', path.join(credentials, 'duplicate-name.json')], f.env);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('The key "name" appears twice in the same object (/, line 16, column 3)');
  });

  it('accepts the 1EdTech test vector with an unknown-issuer warning, and rejects its tampered copy', async () => {
    const good = await verify([vector]);
    expect(good.code).toBe(0);
    expect(check(good.result, 'issuer-recognised')).toMatchObject({ ok: false, level: 'warning' });
    expect(good.result.issuer.trust).toBe('unconfirmed');
    const tampered = fs.readFileSync(vector, 'utf8').replace('"Teamwork Badge"', '"Teamwork Badgf"');
    const bad = await verify([write('vector-tampered.json', tampered)]);
    expect(bad.code).toBe(1);
    expect(check(bad.result, 'proof').ok).toBe(false);
  });

  it('does not recognise a trusted URL issuer whose key only the credential vouches for', async () => {
    const r = await runCli(['verify', vector, '--json'], {
      ...f.env,
      STAPEL_TRUSTED_ISSUERS: 'https://example.edu/issuers/565049',
    });
    const result = JSON.parse(r.stdout) as Result;
    expect(result.issuer.trust).toBe('unconfirmed');
    expect(check(result, 'issuer-recognised')).toMatchObject({
      code: 'issuer-unconfirmed-embedded-key',
      params: { trusted: 'yes' },
    });
  });

  it('answers POST /api/v1/verify with the same result, also for a link', async () => {
    const direct = await app.inject({ method: 'POST', url: '/api/v1/verify', payload: docs[2] });
    expect(direct.statusCode).toBe(200);
    expect(direct.json()).toMatchObject({ verified: true });
    // A link to a credential of this platform is followed only when its holder shares it (see
    // test/wallet/sharing.test.ts for a shared one); this one is private.
    const byLink = await app.inject({ method: 'POST', url: '/api/v1/verify', payload: { url: docs[0]!.id } });
    expect(byLink.statusCode).toBe(403);
    expect(byLink.json()).toMatchObject({ code: 'forbidden' });
    expect(byLink.body).not.toContain(String(docs[0]!.name));
    const revoked = await app.inject({ method: 'POST', url: '/api/v1/verify', payload: docs[1] });
    expect(revoked.json()).toMatchObject({ verified: false });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/verify',
      payload: { url: 'http://10.0.0.1/credential.json' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });
});
