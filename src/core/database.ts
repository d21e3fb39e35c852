import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import type { Database } from './schema.ts';
import { migrateToLatest } from '../../migrations/index.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Tx = Transaction<Database>;
export type Db = Kysely<Database>;

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent, SQLite at `sqlitePath`. */
  databaseUrl?: string | undefined;
  sqlitePath?: string;
  /** PostgreSQL schema to use (tests isolate each suite in its own schema). */
  postgresSchema?: string;
  /** Run migrations on open (default true). */
  migrate?: boolean;
}

export interface TransactionOptions {
  /** How many times to retry on SQLite busy or PostgreSQL serialization failure (default 10). */
  retries?: number;
  /**
   * PostgreSQL isolation (SQLite always serialises writers). Serializable is the default; `read committed`
   * suits work whose correctness rests on unique constraints alone, where serializable would only add
   * conflicts to retry.
   */
  isolation?: 'serializable' | 'read committed';
}

/** Work to do once the transaction has committed (e-mail, webhooks): never before, never on rollback. */
export type AfterCommit = (fn: () => void | Promise<void>) => void;

/**
 * The one database wrapper: a Kysely instance plus `transaction(fn)` that retries conflicts and runs
 * side effects only after commit.
 *
 * @example
 * const store = await openDatabase({ sqlitePath: 'data/stapel.db' });
 * await store.transaction(async (tx, afterCommit) => { ...; afterCommit(() => mailer.send(msg)); });
 */
export class DatabaseHandle {
  readonly db: Db;
  readonly dialect: Dialect;

  constructor(db: Db, dialect: Dialect) {
    this.db = db;
    this.dialect = dialect;
  }

  async transaction<T>(
    fn: (tx: Tx, afterCommit: AfterCommit) => Promise<T>,
    options: TransactionOptions = {},
  ): Promise<T> {
    const retries = options.retries ?? 10;
    for (let attempt = 0; ; attempt++) {
      const effects: Array<() => void | Promise<void>> = [];
      try {
        const builder =
          this.dialect === 'postgres'
            ? this.db.transaction().setIsolationLevel(options.isolation ?? 'serializable')
            : this.db.transaction();
        const result = await builder.execute((tx) => fn(tx, (effect) => effects.push(effect)));
        for (const effect of effects) {
          try {
            await effect();
          } catch (error) {
            // The change is committed; a failed side effect must not turn it into an error for the caller.
            console.error('after-commit effect failed', error);
          }
        }
        return result;
      } catch (error) {
        if (attempt < retries && isRetryable(error)) {
          await sleep(Math.min(1000, 10 * 2 ** attempt) * (0.5 + Math.random()));
          continue;
        }
        throw error;
      }
    }
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}

/**
 * SQLite transactions start with BEGIN IMMEDIATE: the write lock is taken up front, where the busy timeout
 * applies, instead of failing at once with "database is locked" when a reader later tries to write.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  // SQLITE_BUSY / SQLITE_LOCKED; PostgreSQL serialization_failure / deadlock_detected.
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === '40001' || code === '40P01';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Opens SQLite (default) or PostgreSQL and brings the schema up to date.
 *
 * @example
 * const handle = await openDatabase({ databaseUrl: process.env.DATABASE_URL, sqlitePath: './data/stapel.db' });
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  let handle: DatabaseHandle;
  if (options.databaseUrl) {
    const schema = options.postgresSchema;
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    handle = new DatabaseHandle(new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
  } else {
    const file = options.sqlitePath ?? ':memory:';
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new BetterSqlite3(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 10000');
    sqlite.pragma('foreign_keys = ON');
    handle = new DatabaseHandle(
      new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) }),
      'sqlite',
    );
  }
  if (options.migrate !== false) await migrateToLatest(handle.db, handle.dialect);
  return handle;
}

/** Current time as an ISO-8601 UTC string, the only timestamp format stored. */
export function nowIso(): string {
  return new Date().toISOString();
}
