import { type Kysely, sql } from 'kysely';

// Column types chosen to mean the same on SQLite and PostgreSQL: text, integer, double precision.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('institutions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name_nl', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('street', 'text')
    .addColumn('postal_code', 'text')
    .addColumn('locality', 'text')
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('decree_tuition')
    .addColumn('academic_year', 'text', (c) => c.primaryKey())
    .addColumn('fixed_cents', 'integer', (c) => c.notNull())
    .addColumn('per_credit_cents', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('course_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('course_units_institution_code', ['institution_id', 'code'])
    .execute();

  await db.schema
    .createTable('course_unit_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('course_unit_id', 'text', (c) => c.notNull().references('course_units.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title_nl', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('ects', 'double precision', (c) => c.notNull())
    .addColumn('vks_level', 'integer', (c) => c.notNull())
    .addColumn('learning_outcomes', 'text', (c) => c.notNull())
    .addColumn('qa_internal', 'integer', (c) => c.notNull())
    .addColumn('qa_external', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addUniqueConstraint('course_unit_versions_unit_version', ['course_unit_id', 'version'])
    .execute();

  await db.schema
    .createTable('micro_credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('institution_id', 'text', (c) => c.notNull().references('institutions.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('micro_credentials_institution_code', ['institution_id', 'code'])
    .execute();

  await db.schema
    .createTable('micro_credential_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('micro_credential_id', 'text', (c) => c.notNull().references('micro_credentials.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title_nl', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('description_nl', 'text')
    .addColumn('description_en', 'text')
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('ects', 'double precision', (c) => c.notNull())
    .addColumn('vks_level', 'integer', (c) => c.notNull())
    .addColumn('learning_outcomes', 'text', (c) => c.notNull())
    .addColumn('assessment_type', 'text')
    .addColumn('participation_form', 'text')
    .addColumn('supervision', 'text')
    .addColumn('prerequisites', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('qa_type', 'text')
    .addColumn('tuition_cents', 'integer')
    .addColumn('partners', 'text', (c) => c.notNull())
    .addColumn('stackability', 'text')
    .addColumn('field_of_study', 'text')
    .addColumn('workload_hours', 'double precision')
    .addColumn('further_info_url', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addUniqueConstraint('micro_credential_versions_mc_version', ['micro_credential_id', 'version'])
    .execute();

  await db.schema
    .createIndex('micro_credential_versions_status')
    .on('micro_credential_versions')
    .columns(['status', 'micro_credential_id'])
    .execute();

  await db.schema
    .createTable('micro_credential_course_units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version_id', 'text', (c) => c.notNull().references('micro_credential_versions.id'))
    .addColumn('course_unit_id', 'text', (c) => c.notNull().references('course_units.id'))
    .addColumn('course_unit_version_id', 'text', (c) => c.references('course_unit_versions.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  // Decree tuition is data per academic year, never a constant in code. This row is the one the
  // framework text cites (non-grant student); later years are added with `stapel tuition set`.
  await sql`insert into decree_tuition (academic_year, fixed_cents, per_credit_cents, source)
            values ('2021-22', 24790, 1190, 'Framework text on micro-credentials: 2021-22, student without grant')`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'micro_credential_course_units',
    'micro_credential_versions',
    'micro_credentials',
    'course_unit_versions',
    'course_units',
    'decree_tuition',
    'api_tokens',
    'institutions',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
