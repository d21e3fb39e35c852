import type { Kysely } from 'kysely';

// The learner's side of a proof: which credentials they share, their collections (portfolio pages),
// credentials they brought in from elsewhere, a badge image a designer chose, and what account changes and
// erasure need (an e-mail address waiting for confirmation, the moment an account was erased).
export async function up(db: Kysely<any>): Promise<void> {
  // A row means: the holder made this credential's page public. No row: private (the default).
  await db.schema
    .createTable('credential_shares')
    .addColumn('credential_id', 'text', (c) => c.primaryKey().references('credentials.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('shared_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('collections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // The unguessable part of the collection's public link.
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('collections_user').on('collections').column('user_id').execute();

  await db.schema
    .createTable('collection_items')
    .addColumn('collection_id', 'text', (c) => c.notNull().references('collections.id'))
    // 'issued' (credentials.id) or 'imported' (imported_credentials.id)
    .addColumn('item_kind', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('collection_items_pk', ['collection_id', 'item_kind', 'item_id'])
    .execute();

  await db.schema
    .createTable('imported_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    // 'file', 'link', 'image' or 'pdf': how it came in.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text')
    // The credential as received: a JSON body as sent; from a file or a link, its JSON as read (the proof covers
    // the data, not the bytes, so it verifies either way).
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text')
    .addColumn('name', 'text')
    .addColumn('issuer_id', 'text')
    .addColumn('issuer_name', 'text')
    .addColumn('valid_from', 'text')
    // 'match', 'mismatch' or 'absent': whether the credential's identity hash is the holder's e-mail address.
    .addColumn('identity', 'text', (c) => c.notNull())
    // The last verification result (JSON) and when it ran.
    .addColumn('verification', 'text', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('imported_credentials_user')
    .on('imported_credentials')
    .column('user_id')
    .execute();

  // A badge image the designer uploaded for this version (a data: URL of SVG or PNG); none: generated.
  await db.schema.alterTable('micro_credential_versions').addColumn('badge_image', 'text').execute();

  await db.schema.alterTable('users').addColumn('pending_email', 'text').execute();
  await db.schema.alterTable('users').addColumn('erased_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['collection_items', 'collections', 'imported_credentials', 'credential_shares'])
    await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('micro_credential_versions').dropColumn('badge_image').execute();
  await db.schema.alterTable('users').dropColumn('pending_email').execute();
  await db.schema.alterTable('users').dropColumn('erased_at').execute();
}
