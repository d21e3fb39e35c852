import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('issuer_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('fragment', 'text', (c) => c.notNull())
    .addColumn('public_key_multibase', 'text', (c) => c.notNull())
    // AES-256-GCM under the master key: never the plain private key.
    .addColumn('secret_key_encrypted', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .addUniqueConstraint('issuer_keys_institution_fragment', ['institution_id', 'fragment'])
    .execute();

  await db.schema
    .createTable('learners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('assessment_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('learner_id', 'text', (c) => c.notNull().references('learners.id'))
    .addColumn('micro_credential_version_id', 'text', (c) =>
      c.notNull().references('micro_credential_versions.id'),
    )
    .addColumn('course_unit_version_id', 'text', (c) => c.references('course_unit_versions.id'))
    .addColumn('score', 'double precision')
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('assessed_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('status_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('status_size', 'integer', (c) => c.notNull())
    .addColumn('credential', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('credential_url', 'text', (c) => c.notNull().unique())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('learner_id', 'text', (c) => c.notNull().references('learners.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('micro_credential_version_id', 'text', (c) =>
      c.notNull().references('micro_credential_versions.id'),
    )
    .addColumn('course_unit_version_id', 'text', (c) => c.references('course_unit_versions.id'))
    // One proof per learner, version and kind (and course unit): issuing again finds this row.
    .addColumn('award_key', 'text', (c) => c.notNull().unique())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('status_list_id', 'text', (c) => c.notNull().references('status_lists.id'))
    .addColumn('status_index', 'integer', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_at', 'text')
    .addColumn('issued_at', 'text', (c) => c.notNull())
    // The status index is unique per list: two processes can never hand out the same one.
    .addUniqueConstraint('credentials_status_slot', ['status_list_id', 'status_index'])
    .execute();

  await db.schema.createIndex('credentials_learner').on('credentials').column('learner_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['credentials', 'status_lists', 'assessment_results', 'learners', 'issuer_keys']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
