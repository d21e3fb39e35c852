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
  checks: Array<{ name: string; ok: boolean; level: string; detail: string }>;
  credential: Doc;
};
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

  it('reports a suspended and then a revoked credential as not valid, with the reason', async () => {
    const file = write('status.json', docs[1]);
    await runCli(['suspend', docs[1]!.id], f.env);
    let r = await verify([file]);
    expect(r.code).toBe(1);
    expect(check(r.result, 'status')).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/suspended/i),
    });
    await runCli(['unsuspend', docs[1]!.id], f.env);
    expect((await verify([file])).code).toBe(0);
    await runCli(['revoke', docs[1]!.id, '--reason', 'issued in error'], f.env);
    r = await verify([file]);
    expect(r.code).toBe(1);
    expect(check(r.result, 'status')).toMatchObject({ ok: false, detail: expect.stringMatching(/revoked/i) });
  });

  it('accepts the 1EdTech test vector with an unknown-issuer warning, and rejects its tampered copy', async () => {
    const good = await verify([vector]);
    expect(good.code).toBe(0);
    expect(check(good.result, 'issuer-recognised')).toMatchObject({ ok: false, level: 'warning' });
    const tampered = fs.readFileSync(vector, 'utf8').replace('"Teamwork Badge"', '"Teamwork Badgf"');
    const bad = await verify([write('vector-tampered.json', tampered)]);
    expect(bad.code).toBe(1);
    expect(check(bad.result, 'proof').ok).toBe(false);
  });

  it('recognises a configured trusted issuer', async () => {
    const r = await runCli(['verify', vector, '--json'], {
      ...f.env,
      STAPEL_TRUSTED_ISSUERS: 'https://example.edu/issuers/565049',
    });
    const result = JSON.parse(r.stdout) as Result;
    expect(check(result, 'issuer-recognised').detail).toMatch(/trusted/i);
  });

  it('answers POST /api/v1/verify with the same result, also for a link', async () => {
    const direct = await app.inject({ method: 'POST', url: '/api/v1/verify', payload: docs[2] });
    expect(direct.statusCode).toBe(200);
    expect(direct.json()).toMatchObject({ verified: true });
    const byLink = await app.inject({ method: 'POST', url: '/api/v1/verify', payload: { url: docs[0]!.id } });
    expect(byLink.json()).toMatchObject({ verified: true, credential: { id: docs[0]!.id } });
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
