import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import type { Db } from '../../src/core/database.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward, type AwardResult } from '../../src/issuing/award.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import type { DatabaseKind } from '../support/databases.ts';
import { TestClient } from '../support/http.ts';

/** An app that issues (a known master key) on a fresh database with the demo catalogue. */
export interface OwnDataApp {
  fixture: IssuingFixture;
  app: FastifyInstance;
  db: () => Db;
  close(): Promise<void>;
}

export async function startOwnDataApp(kind: DatabaseKind): Promise<OwnDataApp> {
  const fixture = await startIssuing(kind);
  const config = loadConfig({ ...fixture.env, PORT: '0', STAPEL_LOG_LEVEL: 'silent' });
  fixture.context.settings = config.settings;
  const app = await buildApp({
    config,
    database: fixture.db.handle,
    logger: false,
    masterKey: fixture.context.masterKey,
    webRoot: '/nonexistent',
  });
  await app.ready();
  return {
    fixture,
    app,
    db: () => fixture.db.handle.db,
    close: async () => {
      await app.close();
      await fixture.db.dispose();
    },
  };
}

/** The newest mail to an address, from the outbox. */
export async function lastMailTo(db: Db, to: string) {
  return db
    .selectFrom('outbox')
    .selectAll()
    .where('recipient', '=', to)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
}

export const tokenIn = (body: string) => decodeURIComponent(/token=([A-Za-z0-9_%-]+)/.exec(body)![1]!);

/** Someone signs up and opens the link in their mail: a signed-in learner with a confirmed address. */
export async function signedUpLearner(
  t: OwnDataApp,
  person: { email: string; name: string; password: string },
): Promise<TestClient> {
  const client = new TestClient(t.app);
  const res = await client.post('/api/v1/accounts', person);
  if (res.statusCode !== 202) throw new Error(`sign-up: ${res.body}`);
  const mail = await lastMailTo(t.db(), person.email);
  const verified = await client.post('/api/v1/accounts/verify-email', { token: tokenIn(mail.body) });
  if (verified.statusCode !== 200) throw new Error(`verify: ${verified.body}`);
  return client;
}

/** Awards a micro-credential to an address directly, without an enrolment (as the command line does). */
export function awardTo(t: OwnDataApp, email: string, name?: string, code = 'PV-LEAN'): Promise<AwardResult> {
  return runAward(t.fixture.context, async (tx) => ({
    institution: await getInstitution(tx, 'hogeschool-schelde'),
    code,
    learner: { email, name },
    recordedBy: 'test',
  }));
}

/** A PATCH through the client (it keeps the cookie and the CSRF token; its type names the usual verbs). */
export function patch(client: TestClient, url: string, body: unknown): Promise<LightMyRequestResponse> {
  return client.request('PATCH' as 'PUT', url, body);
}

/** What the wallet keeps for a holder, written as the wallet stores it: a share, a collection, an import. */
export async function walletRowsFor(db: Db, userId: string, credentialId: string, document: string) {
  const now = new Date().toISOString();
  const collectionId = randomUUID();
  const importId = randomUUID();
  await db
    .insertInto('credential_shares')
    .values({ credential_id: credentialId, user_id: userId, shared_at: now })
    .execute();
  await db
    .insertInto('imported_credentials')
    .values({
      id: importId,
      user_id: userId,
      source: 'file',
      source_url: null,
      document,
      credential_id: 'urn:uuid:1b5e6c1e-2f1a-4d0e-9c55-7d9d3b8e0a11',
      name: 'Imported badge',
      issuer_id: 'https://issuer.example/',
      issuer_name: 'Example Issuer',
      valid_from: '2024-01-01T00:00:00Z',
      identity: 'match',
      verification: JSON.stringify({ verified: false, checks: [] }),
      verified: 0,
      checked_at: now,
      imported_at: now,
    })
    .execute();
  await db
    .insertInto('collections')
    .values({
      id: collectionId,
      user_id: userId,
      public_id: randomUUID(),
      title: 'Mijn portfolio',
      description: null,
      shared: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('collection_items')
    .values([
      { collection_id: collectionId, item_kind: 'issued', item_id: credentialId, position: 0 },
      { collection_id: collectionId, item_kind: 'imported', item_id: importId, position: 1 },
    ])
    .execute();
  return { collectionId, importId };
}
