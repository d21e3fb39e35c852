import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * One model of a result. Awards from the command line used to write `assessment_results`, which nothing
 * read; every other path writes `evaluations`, which the results pages, the learner's results and issuing
 * read. Awards now write `evaluations` too, and their earlier rows move there.
 *
 * An award has no edition, so no enrolment: an evaluation belongs to an enrolment (which names the learner
 * and, through its edition, the micro-credential version) or, for an award, to a learner and a version
 * directly. Exactly one of the two is set, checked by the database, so that the two can never disagree and
 * every reader of enrolment results keeps joining on `enrolment_id` unchanged. A placeholder edition and
 * enrolment per award were the other way; they would invent an edition nobody offered and an account the
 * learner may not have (learners are known by e-mail address, accounts are optional).
 *
 * SQLite cannot drop a NOT NULL or add a check to an existing table, so there the table is rebuilt.
 */
const EXACTLY_ONE_OWNER = sql`(enrolment_id is not null and learner_id is null and micro_credential_version_id is null)
  or (enrolment_id is null and learner_id is not null and micro_credential_version_id is not null)`;

const COLUMNS = [
  'id',
  'enrolment_id',
  'course_unit_version_id',
  'score',
  'passed',
  'assessed_on',
  'assessor_id',
  'assessment_type',
  'supervision',
  'supersedes_id',
  'created_at',
] as const;

/** The date in Flanders of an instant: results are dated by the calendar of those who assess. */
function flemishDate(instant: string): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant.slice(0, 10);
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Brussels',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(date);
}

/** A version's assessment type, stored as `{ nl, en }`, as the one text of an evaluation: the Dutch first. */
function assessmentTypeText(stored: unknown): string {
  if (typeof stored !== 'string' || !stored) return '';
  try {
    const text = JSON.parse(stored) as { nl?: unknown; en?: unknown } | string;
    if (typeof text === 'string') return text;
    return typeof text.nl === 'string' && text.nl ? text.nl : typeof text.en === 'string' ? text.en : '';
  } catch {
    return stored;
  }
}

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await db.schema
      .alterTable('evaluations')
      .alterColumn('enrolment_id', (c) => c.dropNotNull())
      .execute();
    await db.schema
      .alterTable('evaluations')
      .addColumn('learner_id', 'text', (c) => c.references('learners.id'))
      .execute();
    await db.schema
      .alterTable('evaluations')
      .addColumn('micro_credential_version_id', 'text', (c) => c.references('micro_credential_versions.id'))
      .execute();
    await db.schema
      .alterTable('evaluations')
      .addCheckConstraint('evaluations_one_owner', EXACTLY_ONE_OWNER)
      .execute();
  } else {
    await db.schema
      .createTable('evaluations_rebuilt')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('enrolment_id', 'text', (c) => c.references('enrolments.id'))
      .addColumn('learner_id', 'text', (c) => c.references('learners.id'))
      .addColumn('micro_credential_version_id', 'text', (c) => c.references('micro_credential_versions.id'))
      .addColumn('course_unit_version_id', 'text', (c) => c.references('course_unit_versions.id'))
      .addColumn('score', 'double precision')
      .addColumn('passed', 'integer', (c) => c.notNull())
      .addColumn('assessed_on', 'text', (c) => c.notNull())
      .addColumn('assessor_id', 'text', (c) => c.notNull())
      .addColumn('assessment_type', 'text', (c) => c.notNull())
      .addColumn('supervision', 'text', (c) => c.notNull())
      .addColumn('supersedes_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('evaluations_one_owner', EXACTLY_ONE_OWNER)
      .execute();
    await db
      .insertInto('evaluations_rebuilt')
      .columns([...COLUMNS])
      .expression(db.selectFrom('evaluations').select([...COLUMNS]))
      .execute();
    // No table references evaluations, so dropping it leaves no dangling key.
    await db.schema.dropTable('evaluations').execute();
    await db.schema.alterTable('evaluations_rebuilt').renameTo('evaluations').execute();
    await db.schema.createIndex('evaluations_enrolment').on('evaluations').column('enrolment_id').execute();
    await db.schema
      .createIndex('evaluations_supersedes')
      .on('evaluations')
      .column('supersedes_id')
      .unique()
      .execute();
  }
  await db.schema.createIndex('evaluations_learner').on('evaluations').column('learner_id').execute();

  // The awards recorded before: one passed result each, for the whole micro-credential, dated in Flanders,
  // assessed as the version describes it.
  const earlier = await db
    .selectFrom('assessment_results as r')
    .innerJoin('micro_credential_versions as v', 'v.id', 'r.micro_credential_version_id')
    .select([
      'r.id',
      'r.learner_id',
      'r.micro_credential_version_id',
      'r.course_unit_version_id',
      'r.score',
      'r.passed',
      'r.assessed_at',
      'r.recorded_by',
      'r.created_at',
      'v.assessment_type',
      'v.supervision',
    ])
    .orderBy('r.created_at')
    .execute();
  for (const row of earlier) {
    await db
      .insertInto('evaluations')
      .values({
        id: row.id,
        enrolment_id: null,
        learner_id: row.learner_id,
        micro_credential_version_id: row.micro_credential_version_id,
        course_unit_version_id: row.course_unit_version_id,
        score: row.score,
        passed: row.passed,
        assessed_on: flemishDate(String(row.assessed_at)),
        assessor_id: row.recorded_by,
        assessment_type: assessmentTypeText(row.assessment_type),
        supervision: row.supervision ?? '',
        supersedes_id: null,
        created_at: row.created_at,
      })
      .execute();
  }
  await db.schema.dropTable('assessment_results').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
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
  const direct = await db.selectFrom('evaluations').selectAll().where('enrolment_id', 'is', null).execute();
  for (const row of direct)
    await db
      .insertInto('assessment_results')
      .values({
        id: row.id,
        learner_id: row.learner_id,
        micro_credential_version_id: row.micro_credential_version_id,
        course_unit_version_id: row.course_unit_version_id,
        score: row.score,
        passed: row.passed,
        assessed_at: row.created_at,
        recorded_by: row.assessor_id,
        created_at: row.created_at,
      })
      .execute();
  await db.deleteFrom('evaluations').where('enrolment_id', 'is', null).execute();
  await db.schema.dropIndex('evaluations_learner').ifExists().execute();
  if (isPostgres(db)) {
    await db.schema.alterTable('evaluations').dropConstraint('evaluations_one_owner').execute();
    await db.schema.alterTable('evaluations').dropColumn('micro_credential_version_id').execute();
    await db.schema.alterTable('evaluations').dropColumn('learner_id').execute();
    await db.schema
      .alterTable('evaluations')
      .alterColumn('enrolment_id', (c) => c.setNotNull())
      .execute();
  } else {
    await db.schema
      .createTable('evaluations_rebuilt')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('enrolment_id', 'text', (c) => c.notNull().references('enrolments.id'))
      .addColumn('course_unit_version_id', 'text', (c) => c.references('course_unit_versions.id'))
      .addColumn('score', 'double precision')
      .addColumn('passed', 'integer', (c) => c.notNull())
      .addColumn('assessed_on', 'text', (c) => c.notNull())
      .addColumn('assessor_id', 'text', (c) => c.notNull())
      .addColumn('assessment_type', 'text', (c) => c.notNull())
      .addColumn('supervision', 'text', (c) => c.notNull())
      .addColumn('supersedes_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db
      .insertInto('evaluations_rebuilt')
      .columns([...COLUMNS])
      .expression(db.selectFrom('evaluations').select([...COLUMNS]))
      .execute();
    await db.schema.dropTable('evaluations').execute();
    await db.schema.alterTable('evaluations_rebuilt').renameTo('evaluations').execute();
    await db.schema.createIndex('evaluations_enrolment').on('evaluations').column('enrolment_id').execute();
    await db.schema
      .createIndex('evaluations_supersedes')
      .on('evaluations')
      .column('supersedes_id')
      .unique()
      .execute();
  }
}
