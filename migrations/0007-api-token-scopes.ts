import type { Kysely } from 'kysely';

// The institution roles as they stood when API tokens gained role sets. Tokens made before then acted with
// every role; they keep exactly these. (No application import: a migration must not change when code does.)
const EVERY_ROLE_AT_THE_TIME = JSON.stringify([
  'administrator',
  'designer',
  'qa-reviewer',
  'assessor',
  'registrar',
]);

// API tokens gain a role set, an optional expiry, revocation and who made them. SQLite adds one column per
// ALTER TABLE, so each column is its own statement on both databases.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_tokens')
    .addColumn('roles', 'text', (c) => c.notNull().defaultTo(EVERY_ROLE_AT_THE_TIME))
    .execute();
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('revoked_at', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('revoked_by', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('created_by_id', 'text').execute();
  await db.schema.alterTable('api_tokens').addColumn('created_by', 'text').execute();
  await db.schema.createIndex('api_tokens_institution').on('api_tokens').column('institution_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('api_tokens_institution').ifExists().execute();
  for (const column of ['created_by', 'created_by_id', 'revoked_by', 'revoked_at', 'expires_at', 'roles'])
    await db.schema.alterTable('api_tokens').dropColumn(column).execute();
}
