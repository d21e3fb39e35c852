import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import type { DatabaseKind, TestDatabase } from './databases.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** Staff tokens of the demo institutions, by slug. */
  tokens: Record<string, string>;
  close(): Promise<void>;
}

/** An in-process app on a fresh database of the given kind, with the demo catalogue loaded. */
export async function startTestApp(kind: DatabaseKind, options: { demo?: boolean } = {}): Promise<TestApp> {
  const database = await kind.open();
  const tokens: Record<string, string> = {};
  if (options.demo !== false) {
    const demo = await loadDemoIfEmpty(database.handle);
    for (const t of demo?.tokens ?? []) tokens[t.institution] = t.token;
  }
  const config = loadConfig({ ...database.env, PORT: '0', STAPEL_LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database: database.handle, logger: false, webRoot: '/nonexistent' });
  await app.ready();
  return {
    app,
    database,
    tokens,
    close: async () => {
      await app.close();
      await database.dispose();
    },
  };
}
