import type { Kysely } from 'kysely';

// One counter per key and fixed window (sign-in failures per account and per client address, sign-up and
// reset requests). Counting is one upsert on the primary key, so parallel requests on several processes
// never lose a count; rows whose window has passed are pruned as new counts come in.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('throttle_counters')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('throttle_counters_pk', ['key', 'window_start'])
    .execute();
  await db.schema
    .createIndex('throttle_counters_expires')
    .on('throttle_counters')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('throttle_counters').ifExists().execute();
}
