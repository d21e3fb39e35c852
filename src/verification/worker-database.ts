import type { MessagePort } from 'node:worker_threads';
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect as KyselyDialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import { DatabaseHandle, type Db, type Dialect } from '../core/database.ts';
import type { Database } from '../core/schema.ts';

/** A query a worker thread asks the main thread to run. */
interface QueryRequest {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}

type QueryAnswer = { id: number; rows: unknown[] } | { id: number; error: string };

/** Verification only reads: anything but a plain SELECT is refused, whatever the worker asks. */
const READ_ONLY = /^\s*select\s/i;

/**
 * Main-thread side: answers the read queries a verification worker sends over `port`, on the database the
 * server already has open. The worker so sees exactly the server's data, on SQLite and PostgreSQL alike,
 * without connections of its own.
 *
 * @example
 * const { port1, port2 } = new MessageChannel();
 * answerReadQueries(port2, database.db);
 * await pool.run({ input, port: port1 }, { transferList: [port1] });
 */
export function answerReadQueries(port: MessagePort, db: Db): void {
  port.on('message', (request: QueryRequest) => {
    void (async () => {
      let answer: QueryAnswer;
      try {
        if (!READ_ONLY.test(request.sql))
          throw new Error('Only SELECT queries are answered for verification.');
        const result = await db.executeQuery(CompiledQuery.raw(request.sql, [...request.parameters]));
        answer = { id: request.id, rows: [...result.rows] };
      } catch (error) {
        answer = { id: request.id, error: error instanceof Error ? error.message : String(error) };
      }
      port.postMessage(answer);
    })();
  });
}

class PortConnection implements DatabaseConnection {
  readonly #port: MessagePort;
  readonly #pending = new Map<
    number,
    { resolve: (rows: unknown[]) => void; reject: (error: Error) => void }
  >();
  #next = 0;

  constructor(port: MessagePort) {
    this.#port = port;
    port.on('message', (answer: QueryAnswer) => {
      const waiting = this.#pending.get(answer.id);
      if (!waiting) return;
      this.#pending.delete(answer.id);
      if ('error' in answer) waiting.reject(new Error(answer.error));
      else waiting.resolve(answer.rows);
    });
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const id = this.#next++;
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#port.postMessage({ id, sql: query.sql, parameters: query.parameters } satisfies QueryRequest);
    });
    return { rows: rows as R[] };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not available to verification workers.');
  }
}

class PortDriver implements Driver {
  readonly #connection: PortConnection;
  constructor(port: MessagePort) {
    this.#connection = new PortConnection(port);
  }
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error('Verification workers only read; they open no transactions.');
  }
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

/**
 * Worker side: a DatabaseHandle whose queries run in the main thread (see answerReadQueries), compiled
 * for the server's dialect so that the same query code works unchanged.
 *
 * @example
 * const database = remoteDatabase(task.port, task.dialect);
 * const result = await platformVerifier(database, task.settings).verify(task.input);
 */
export function remoteDatabase(port: MessagePort, dialect: Dialect): DatabaseHandle {
  const kyselyDialect: KyselyDialect =
    dialect === 'postgres'
      ? {
          createAdapter: () => new PostgresAdapter(),
          createDriver: () => new PortDriver(port),
          createIntrospector: (db) => new PostgresIntrospector(db),
          createQueryCompiler: () => new PostgresQueryCompiler(),
        }
      : {
          createAdapter: () => new SqliteAdapter(),
          createDriver: () => new PortDriver(port),
          createIntrospector: (db) => new SqliteIntrospector(db),
          createQueryCompiler: () => new SqliteQueryCompiler(),
        };
  return new DatabaseHandle(new Kysely<Database>({ dialect: kyselyDialect }), dialect);
}
