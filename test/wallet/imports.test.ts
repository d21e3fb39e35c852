import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { PNG } from 'pngjs';
import { PDFDocument } from 'pdf-lib';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { TestClient } from '../support/http.ts';
import { makeUser } from '../support/e2e.ts';
import { LEARNER_PASSWORD } from '../support/cohort.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { createAppContext } from '../../src/create-app-context.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import { bakePng } from '../../src/credentials/baking.ts';
import { attachCredential } from '../../src/credentials/pdf-attachment.ts';

const SLUG = 'hogeschool-schelde';
const LOTTE = { email: 'lotte.import@lerende.example', name: 'Lotte Import', password: LEARNER_PASSWORD };
/** An address Lotte used before: what was awarded to it is hers, but it names someone else here. */
const OLD_ADDRESS = 'lotte.oud@elders.example';
const fixtureText = (name: string) => fs.readFileSync(`test/fixtures/wallet/${name}`, 'utf8');

/** A small PNG to bake a credential into, as a badge image would be. */
function plainPng(): Uint8Array {
  const png = new PNG({ width: 4, height: 4 });
  png.data.fill(200);
  return new Uint8Array(PNG.sync.write(png));
}

describe.each(databaseKinds())('importing credentials into the wallet on $name', (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let tokens: Record<string, string>;
  let server: http.Server;
  let linkBase: string;
  let lotte: TestClient;
  /** The signed text of a credential this platform awarded to Lotte, and of one awarded to her old address. */
  let own: string;
  let toOldAddress: string;
  const db = () => database.handle.db;
  const auditCount = async (action: string) =>
    (await db().selectFrom('audit_log').select('id').where('action', '=', action).execute()).length;
  const importCount = async () =>
    (await db().selectFrom('imported_credentials').select('id').execute()).length;
  const post = (body: string | Uint8Array, type: string, lang = 'nl') =>
    lotte.request('POST', '/api/v1/me/imports', typeof body === 'string' ? body : Buffer.from(body), {
      'content-type': type,
      'accept-language': lang,
    });

  beforeAll(async () => {
    database = await kind.open();
    const masterKey = randomBytes(32);
    const config = loadConfig({
      ...database.env,
      STAPEL_MASTER_KEY: masterKey.toString('hex'),
      STAPEL_PUBLIC_URL: 'http://localhost:3000',
      STAPEL_INSECURE_LOOPBACK: '1',
      STAPEL_LOG_LEVEL: 'silent',
      PORT: '0',
    });
    const { loadDemoIfEmpty } = await import('../../src/demo/load-demo.ts');
    const demo = await loadDemoIfEmpty(database.handle);
    tokens = Object.fromEntries((demo?.tokens ?? []).map((t) => [t.institution, t.token]));
    app = await buildApp({
      config,
      database: database.handle,
      logger: false,
      masterKey,
      webRoot: '/nonexistent',
    });
    await app.ready();
    await makeUser(database.handle, LOTTE);
    const context = createAppContext({ config, database: database.handle, masterKey });
    const award = async (email: string) =>
      runAward(context, async (tx) => ({
        institution: await getInstitution(tx, SLUG),
        code: 'PV-LEAN',
        learner: { email },
        score: 16,
        recordedBy: 'cli',
      }));
    await award(LOTTE.email);
    await award(OLD_ADDRESS);
    const stored = async (email: string) =>
      (
        await db()
          .selectFrom('credentials as c')
          .innerJoin('learners as l', 'l.id', 'c.learner_id')
          .select('c.document')
          .where('l.email', '=', email)
          .executeTakeFirstOrThrow()
      ).document;
    own = await stored(LOTTE.email);
    toOldAddress = await stored(OLD_ADDRESS);

    server = http.createServer((request, response) => {
      const name = (request.url ?? '').slice(1);
      if (!/^[a-z-]+\.json$/.test(name) || !fs.existsSync(`test/fixtures/wallet/${name}`)) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/ld+json' }).end(fixtureText(name));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    linkBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    lotte = new TestClient(app);
    expect((await lotte.signIn(LOTTE.email, LOTTE.password)).statusCode).toBe(200);
  });

  afterAll(async () => {
    server?.close();
    await app?.close();
    await database?.dispose();
  });

  it('refuses anyone not signed in', async () => {
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/v1/me/imports',
      payload: fixtureText('did-key-to-learner.json'),
      headers: { 'content-type': 'application/json' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('adds a did:key credential sent as JSON, kept as it came, audited, and names it as issued to the holder', async () => {
    const text = fixtureText('did-key-to-learner.json');
    const before = await auditCount('credential.import');
    const response = await post(text, 'application/vc+ld+json');
    expect(response.statusCode, response.body).toBe(201);
    const added = response.json();
    expect(added).toMatchObject({
      source: 'file',
      name: 'Zeilen op open water',
      issuer: { name: 'Academie Noordzee' },
      identity: 'match',
      status: 'valid',
      verification: { verified: true },
    });
    const row = await db()
      .selectFrom('imported_credentials')
      .selectAll()
      .where('id', '=', added.id)
      .executeTakeFirstOrThrow();
    expect(row.document).toBe(text);
    expect(row.user_id).toBeTruthy();
    expect(await auditCount('credential.import')).toBe(before + 1);

    const detail = await lotte.get(`/api/v1/me/imports/${added.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().document).toEqual(JSON.parse(text));
  });

  it('refuses the same credential twice, saying when it was added, and stores nothing', async () => {
    const count = await importCount();
    const again = await post(fixtureText('did-key-to-learner.json'), 'application/json');
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/^Je hebt dit leerbewijs al toegevoegd op \d{4}-\d{2}-\d{2}\.$/);
    expect(await importCount()).toBe(count);
  });

  it('refuses a tampered credential with the failing check in the request language, and stores nothing', async () => {
    const tampered = JSON.parse(fixtureText('did-key-second.json')) as Record<string, unknown>;
    tampered.name = 'Kapitein ter koopvaardij';
    const count = await importCount();
    const audits = await auditCount('credential.import');
    for (const [lang, words] of [
      ['nl', /^Dit leerbewijs is niet toegevoegd: het kon niet geverifieerd worden\. .+/],
      ['en', /^This credential was not added: it could not be verified\. .+/],
    ] as const) {
      const refused = await post(JSON.stringify(tampered), 'application/json', lang);
      expect(refused.statusCode).toBe(422);
      const problem = refused.json();
      expect(problem.code).toBe('credential-not-verified');
      expect(problem.detail).toMatch(words);
      const proof = problem.checks.find((c: { name: string }) => c.name === 'proof');
      expect(proof).toMatchObject({ ok: false });
      expect(problem.detail).toContain(proof.detail);
    }
    expect(await importCount()).toBe(count);
    expect(await auditCount('credential.import')).toBe(audits);
  });

  it('says why JSON that is not a credential cannot be read, in Dutch', async () => {
    const refused = await post('{"name": "a", "name": "b"}', 'application/json');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toMatch(/name/);
  });

  it('adds a credential behind a link, fetched under the safe-fetch rules', async () => {
    const response = await post(
      JSON.stringify({ url: `${linkBase}/did-key-second.json` }),
      'application/json',
    );
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      source: 'link',
      sourceUrl: `${linkBase}/did-key-second.json`,
      name: 'Navigatie en getijden',
      identity: 'match',
    });
    const missing = await post(JSON.stringify({ url: `${linkBase}/nothing-here.json` }), 'application/json');
    expect(missing.statusCode).toBe(400);
  });

  it('flags a credential that names another e-mail address as issued to someone else', async () => {
    const response = await post(fixtureText('did-key-to-someone-else.json'), 'application/ld+json');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ identity: 'mismatch', name: 'Reddend zwemmen' });
  });

  it('refuses a credential this platform issued to the holder: it is in the wallet already', async () => {
    const refused = await post(own, 'application/json', 'en');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toBe(
      'This credential is already in your wallet: it was issued to you on this platform.',
    );
  });

  it('adds a credential baked into a PNG badge and one attached to a PDF', async () => {
    const baked = bakePng(plainPng(), toOldAddress);
    const image = await post(baked, 'image/png');
    expect(image.statusCode, image.body).toBe(201);
    expect(image.json()).toMatchObject({ source: 'image', identity: 'mismatch', status: 'valid' });

    const pdf = await PDFDocument.create();
    pdf.addPage();
    await attachCredential(pdf, fixtureText('did-key-to-someone-else.json'), 'credential.json');
    await db().deleteFrom('imported_credentials').where('name', '=', 'Reddend zwemmen').execute();
    const attached = await post(await pdf.save(), 'application/pdf');
    expect(attached.statusCode, attached.body).toBe(201);
    expect(attached.json()).toMatchObject({ source: 'pdf', name: 'Reddend zwemmen' });
  });

  it('shows an import revoked once its issuer revokes it, checking again without an audit record', async () => {
    const wallet = async () => (await lotte.get('/api/v1/me/wallet')).json();
    const imported = (await wallet()).imported.find((i: { source: string }) => i.source === 'image');
    expect(imported.status).toBe('valid');
    const credentialUrl = (JSON.parse(toOldAddress) as { id: string }).id;
    const credential = await db()
      .selectFrom('credentials')
      .select('id')
      .where('credential_url', '=', credentialUrl)
      .executeTakeFirstOrThrow();
    const revoked = await app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SLUG}/credentials/${credential.id}/status`,
      headers: { authorization: `Bearer ${tokens[SLUG]}` },
      payload: { action: 'revoke', reason: 'Uitgereikt aan het verkeerde adres' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);

    // Checked less than a minute ago: shown as it was.
    expect((await wallet()).imported.find((i: { id: string }) => i.id === imported.id).status).toBe('valid');
    await db()
      .updateTable('imported_credentials')
      .set({ checked_at: '2026-01-01T00:00:00.000Z' })
      .where('id', '=', imported.id)
      .execute();
    const audits = (await db().selectFrom('audit_log').select('id').execute()).length;
    const now = (await wallet()).imported.find((i: { id: string }) => i.id === imported.id);
    expect(now).toMatchObject({ status: 'revoked', verification: { verified: false } });
    expect(now.checkedAt > '2026-01-01T00:00:00.000Z').toBe(true);
    expect((await db().selectFrom('audit_log').select('id').execute()).length).toBe(audits);

    const detail = (await lotte.get(`/api/v1/me/imports/${imported.id}`)).json();
    expect(detail.status).toBe('revoked');
  });

  it('takes an import out of the wallet, audited; another account cannot see or remove it', async () => {
    const [first] = (await lotte.get('/api/v1/me/imports')).json();
    const other = { email: 'iemand@lerende.example', name: 'Iemand', password: LEARNER_PASSWORD };
    await makeUser(database.handle, other);
    const stranger = new TestClient(app);
    await stranger.signIn(other.email, other.password);
    expect((await stranger.get(`/api/v1/me/imports/${first.id}`)).statusCode).toBe(404);
    expect((await stranger.delete(`/api/v1/me/imports/${first.id}`)).statusCode).toBe(404);

    const before = await auditCount('credential.import-remove');
    expect((await lotte.delete(`/api/v1/me/imports/${first.id}`)).statusCode).toBe(204);
    expect(await auditCount('credential.import-remove')).toBe(before + 1);
    const gone = await lotte.get(`/api/v1/me/imports/${first.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().detail).toContain(first.id);
  });
});
