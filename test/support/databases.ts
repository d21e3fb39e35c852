import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/core/database.ts';

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Connection settings to open the same database again (a second process, the CLI). */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export interface DatabaseKind {
  name: 'sqlite' | 'postgres';
  open(): Promise<TestDatabase>;
}

/** A temporary SQLite file in its own folder. */
async function openSqlite(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-test-'));
  const handle = await openDatabase({ sqlitePath: path.join(dir, 'stapel.db') });
  return {
    handle,
    env: { STAPEL_DATA_DIR: dir },
    dispose: async () => {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh schema on the test PostgreSQL server, dropped afterwards. */
async function openPostgres(url: string): Promise<TestDatabase> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const handle = await openDatabase({ databaseUrl: url, postgresSchema: schema });
  const separator = url.includes('?') ? '&' : '?';
  return {
    handle,
    env: { DATABASE_URL: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}` },
    dispose: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

/**
 * The databases every storage test runs on: SQLite always, PostgreSQL when STAPEL_TEST_POSTGRES_URL is set.
 *
 * @example
 * describe.each(databaseKinds())('catalogue on $name', ({ open }) => { ... });
 */
export function databaseKinds(): DatabaseKind[] {
  const kinds: DatabaseKind[] = [{ name: 'sqlite', open: openSqlite }];
  const url = process.env.STAPEL_TEST_POSTGRES_URL;
  if (url) kinds.push({ name: 'postgres', open: () => openPostgres(url) });
  return kinds;
}
