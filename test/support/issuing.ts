import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import type { IssuingContext } from '../../src/issuing/context.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import type { DatabaseKind, TestDatabase } from './databases.ts';

export interface IssuingFixture {
  db: TestDatabase;
  context: IssuingContext;
  /** Environment for the CLI against the same database and master key. */
  env: Record<string, string>;
  tokens: Record<string, string>;
}

/** A fresh database with the demo catalogue and a known master key. */
export async function startIssuing(kind: DatabaseKind): Promise<IssuingFixture> {
  const db = await kind.open();
  const demo = await loadDemoIfEmpty(db.handle);
  const masterKey = randomBytes(32);
  const env = {
    ...db.env,
    STAPEL_MASTER_KEY: masterKey.toString('hex'),
    STAPEL_PUBLIC_URL: 'http://localhost:3000',
  };
  const config = loadConfig({ ...env, STAPEL_LOG_LEVEL: 'silent' });
  const tokens = Object.fromEntries((demo?.tokens ?? []).map((t) => [t.institution, t.token]));
  return { db, context: { database: db.handle, settings: config.settings, masterKey }, env, tokens };
}

/**
 * The application over an issuing fixture's database and master key, ready for `inject`; without a web UI
 * unless `webRoot` names one.
 *
 * @example
 * const app = await issuingApp(f);
 */
export async function issuingApp(f: IssuingFixture, webRoot = '/nonexistent'): Promise<FastifyInstance> {
  const config = loadConfig({ ...f.env, STAPEL_LOG_LEVEL: 'silent' });
  const app = await buildApp({
    config,
    database: f.db.handle,
    logger: false,
    masterKey: f.context.masterKey,
    webRoot,
  });
  await app.ready();
  return app;
}
