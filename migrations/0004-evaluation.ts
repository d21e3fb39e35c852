import type { Kysely } from 'kysely';

// A correction supersedes exactly one record, and a record is corrected at most once: correction chains
// never fork, so "the latest record of the chain" is always one record.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('evaluations_supersedes')
    .on('evaluations')
    .column('supersedes_id')
    .unique()
    .execute();
  await db.schema.createIndex('credentials_enrolment').on('credentials').column('enrolment_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('credentials_enrolment').ifExists().execute();
  await db.schema.dropIndex('evaluations_supersedes').ifExists().execute();
}
