import type { Kysely } from 'kysely';

/**
 * Status lists say what they are for: `message` (the two-bit lists of earlier credentials, which keep
 * their meaning), or one-bit `revocation` and `suspension` lists, the shape every verifier reads. A
 * credential's revocation entry stays in `status_list_id`/`status_index`; an optional suspension entry
 * gets its own list and index, unique together like the first.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('status_lists')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('message'))
    .execute();
  await db.schema
    .createIndex('status_lists_institution_purpose')
    .on('status_lists')
    .columns(['institution_id', 'purpose', 'created_at'])
    .execute();
  await db.schema
    .alterTable('credentials')
    .addColumn('suspension_list_id', 'text', (c) => c.references('status_lists.id'))
    .execute();
  await db.schema.alterTable('credentials').addColumn('suspension_index', 'integer').execute();
  // A unique index rather than a constraint: SQLite cannot add constraints to an existing table. Rows
  // without a suspension entry hold nulls, which never collide.
  await db.schema
    .createIndex('credentials_suspension_slot')
    .on('credentials')
    .columns(['suspension_list_id', 'suspension_index'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('credentials_suspension_slot').execute();
  await db.schema.alterTable('credentials').dropColumn('suspension_index').execute();
  await db.schema.alterTable('credentials').dropColumn('suspension_list_id').execute();
  await db.schema.dropIndex('status_lists_institution_purpose').execute();
  await db.schema.alterTable('status_lists').dropColumn('purpose').execute();
}
