import { threadId, MessageChannel } from 'node:worker_threads';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/core/config.ts';
import { installProblemHandler } from '../../src/core/http.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import { MAX_CREDENTIAL_VALUES, measureJsonValue } from '../../src/verification/input-limits.ts';
import { verificationRoutes } from '../../src/verification/routes.ts';
import {
  VERIFY_RETRY_AFTER_SECONDS,
  createVerificationPool,
} from '../../src/verification/verification-pool.ts';
import { answerReadQueries, remoteDatabase } from '../../src/verification/worker-database.ts';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The most expensive credential the limits accept: a real one with tags added up to the value limit (a
 * list of strings is the costliest shape to canonicalise that we measured). Its proof no longer matches,
 * which costs the verifier the same work as a matching one. Built here: ten thousand repeated strings
 * say nothing a fixture file would add.
 */
function worstAccepted(credential: Doc): Doc {
  const copy = structuredClone(credential);
  copy.credentialSubject.achievement.tag = [];
  const room = MAX_CREDENTIAL_VALUES - countValues(copy);
  copy.credentialSubject.achievement.tag = Array.from({ length: room }, (_, i) => `tag-${i}`);
  expect(measureJsonValue(copy)).toBeUndefined();
  return copy;
}

function countValues(value: unknown): number {
  if (value === null || typeof value !== 'object') return 1;
  return 1 + Object.values(value).reduce((sum: number, child) => sum + countValues(child), 0);
}

describe.each(databaseKinds())('verification off the main thread on $name', (kind) => {
  let f: IssuingFixture;
  let config: Config;
  let credential: Doc;

  beforeAll(async () => {
    f = await startIssuing(kind);
    config = loadConfig({ ...f.env, STAPEL_LOG_LEVEL: 'silent' });
    const institution = await getInstitution(f.db.handle.db, 'hogeschool-schelde');
    const award = await runAward(f.context, (_tx) => ({
      institution,
      code: 'PV-LEAN',
      learner: { email: 'pool@example.org', name: 'Pim Pool' },
      recordedBy: 'test',
    }));
    credential = award.credentials[0]!.document as Doc;
  });
  afterAll(async () => {
    await f?.db.dispose();
  });

  it('verifies in a worker thread, reading the platform’s documents from the server’s database', async () => {
    const pool = createVerificationPool({ database: f.db.handle, settings: config.settings, threads: 1 });
    try {
      const run = await pool.run(credential);
      expect(run.threadId).not.toBe(threadId);
      expect(run.threadId).toBeGreaterThan(0);
      expect(run.result.verified).toBe(true);
      expect(run.result.checks.every((c) => c.ok)).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('lets a worker read but never write', async () => {
    const { port1, port2 } = new MessageChannel();
    answerReadQueries(port2, f.db.handle.db);
    const remote = remoteDatabase(port1, f.db.handle.dialect);
    try {
      const rows = await remote.db.selectFrom('credentials').select('id').execute();
      expect(rows.length).toBeGreaterThan(0);
      await expect(remote.db.deleteFrom('credentials').execute()).rejects.toThrow(/Only SELECT/);
      await expect(remote.transaction(async () => undefined)).rejects.toThrow(/only read/);
      const after = await f.db.handle.db.selectFrom('credentials').select('id').execute();
      expect(after.length).toBe(rows.length);
    } finally {
      port1.close();
      port2.close();
    }
  });

  it('keeps /health and the catalogue answering while the worst accepted credential is verified', async () => {
    const app = await buildApp({
      config,
      database: f.db.handle,
      logger: false,
      masterKey: f.context.masterKey,
      webRoot: '/nonexistent',
    });
    try {
      await app.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      // A first verification starts the worker thread, so that the one below is pure verification work.
      expect((await postJson(`${base}/api/v1/verify`, credential)).verified).toBe(true);

      const order: string[] = [];
      const slow = postJson(`${base}/api/v1/verify`, worstAccepted(credential)).then((result) => {
        order.push('verify');
        return result;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const health = await fetch(`${base}/health`);
      order.push('health');
      const catalogue = await fetch(`${base}/api/v1/micro-credentials`);
      order.push('catalogue');
      const result = await slow;
      expect(health.status).toBe(200);
      expect(catalogue.status).toBe(200);
      expect(result.verified).toBe(false);
      expect(order).toEqual(['health', 'catalogue', 'verify']);
    } finally {
      await app.close();
    }
  });

  it('answers 503 with Retry-After when every thread is busy and the queue is full', async () => {
    const pool = createVerificationPool({
      database: f.db.handle,
      settings: config.settings,
      threads: 1,
      maxQueued: 1,
    });
    const app: FastifyInstance = Fastify({ logger: false });
    installProblemHandler(app);
    await app.register(verificationRoutes, { verify: pool.verify });
    app.addHook('onClose', () => pool.close());
    await app.ready();
    const worst = worstAccepted(credential);
    // One running, one waiting: the pool is full.
    const busy = Promise.allSettled([pool.verify(worst), pool.verify(worst)]);
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        payload: credential,
        headers: { 'accept-language': 'en' },
      });
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe(String(VERIFY_RETRY_AFTER_SECONDS));
      expect(response.json()).toMatchObject({ status: 503, code: 'verification-busy' });
    } finally {
      await app.close();
      await busy;
    }
  });
});

async function postJson(url: string, body: unknown): Promise<Doc> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Doc;
}
