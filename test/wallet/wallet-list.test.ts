import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { TestClient } from '../support/http.ts';
import { makeUser } from '../support/e2e.ts';
import { LEARNER_PASSWORD } from '../support/cohort.ts';
import { setUp } from '../support/set-up.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { createAppContext } from '../../src/create-app-context.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import { setCredentialShared } from '../../src/wallet/shares.ts';

const LOTTE = { email: 'lotte.import@lerende.example', name: 'Lotte Import', password: LEARNER_PASSWORD };

describe.each(databaseKinds())("the learner's wallet on $name", (kind) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let lotte: TestClient;

  beforeAll(async () => {
    database = await kind.open();
    await loadDemoIfEmpty(database.handle);
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
    await makeUser(database.handle, LOTTE);
    const context = createAppContext({ config, database: database.handle, masterKey });
    for (const [slug, code] of [
      ['hogeschool-schelde', 'PV-LEAN'],
      ['hogeschool-schelde', 'MC-DATA'],
    ] as const)
      await runAward(context, async (tx) => ({
        institution: await getInstitution(tx, slug),
        code,
        learner: { email: LOTTE.email },
        score: 16,
        recordedBy: 'cli',
      }));
    lotte = new TestClient(app);
    await lotte.signIn(LOTTE.email, LOTTE.password);
  });

  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('lists issued credentials with their institution and whether they are shared, and the imports', async () => {
    const empty = (await lotte.get('/api/v1/me/wallet')).json();
    expect(empty.imported).toEqual([]);
    expect(empty.issued.length).toBeGreaterThanOrEqual(2);
    expect(empty.issued.every((c: { shared: boolean }) => c.shared === false)).toBe(true);
    const first = empty.issued[0];
    expect(first).toMatchObject({
      institution: 'hogeschool-schelde',
      institutionName: { nl: expect.any(String) },
    });
    expect(first).not.toHaveProperty('document');

    const user = await database.handle.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', LOTTE.email)
      .executeTakeFirstOrThrow();
    await setUp(database.handle, (cmd) => setCredentialShared(cmd, user.id, first.credentialId, true));
    const imported = await lotte.request(
      'POST',
      '/api/v1/me/imports',
      fs.readFileSync('test/fixtures/wallet/did-key-to-learner.json', 'utf8'),
      { 'content-type': 'application/json' },
    );
    expect(imported.statusCode, imported.body).toBe(201);

    const wallet = (await lotte.get('/api/v1/me/wallet')).json();
    const shared = wallet.issued.filter((c: { shared: boolean }) => c.shared);
    expect(shared.map((c: { credentialId: string }) => c.credentialId)).toEqual([first.credentialId]);
    expect(wallet.imported).toEqual([
      expect.objectContaining({ name: 'Zeilen op open water', identity: 'match', status: 'valid' }),
    ]);
  });
});
