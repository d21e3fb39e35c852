import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './0001-catalogue.ts';
import * as m0002 from './0002-credentials.ts';
import * as m0003 from './0003-lifecycle.ts';
import * as m0004 from './0004-evaluation.ts';
import * as m0005 from './0005-status-purposes.ts';
import * as m0006 from './0006-throttling.ts';
import * as m0007 from './0007-api-token-scopes.ts';
import * as m0008 from './0008-installation.ts';
import * as m0009 from './0009-one-result-model.ts';
import * as m0010 from './0010-wallet.ts';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-catalogue': m0001,
  '0002-credentials': m0002,
  '0003-lifecycle': m0003,
  '0004-evaluation': m0004,
  '0005-status-purposes': m0005,
  '0006-throttling': m0006,
  '0007-api-token-scopes': m0007,
  '0008-installation': m0008,
  '0009-one-result-model': m0009,
  '0010-wallet': m0010,
};

export type MigrationDialect = 'sqlite' | 'postgres';

const provider: MigrationProvider = {
  getMigrations: async () => migrations,
};

export function migrator(db: Kysely<any>, migrationTableSchema?: string): Migrator {
  return new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
}

/**
 * On PostgreSQL the bookkeeping tables must live in the schema we migrate (the first on the search
 * path); otherwise Kysely finds another schema's copy and skips creating its own.
 */
async function currentSchema(db: Kysely<any>, dialect: MigrationDialect): Promise<string | undefined> {
  if (dialect !== 'postgres') return undefined;
  const result = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return result.rows[0]?.schema;
}

/** Runs every pending migration; throws with the failing migration's name and cause. */
export async function migrateToLatest(db: Kysely<any>, dialect: MigrationDialect): Promise<string[]> {
  const { error, results } = await migrator(db, await currentSchema(db, dialect)).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
