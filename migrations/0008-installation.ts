import { sql, type Kysely } from 'kysely';

// One row per installation: the public URL it was first started with. did:web identifiers (and so every
// issued credential's issuer and verification method) are derived from it, so every later start, server or
// command line, must use the same one. The check keeps it to exactly one row.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('installation')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('public_url', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('installation').ifExists().execute();
}
