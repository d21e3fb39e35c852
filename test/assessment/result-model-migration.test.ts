import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/core/database.ts';
import { loadDemoIfEmpty } from '../../src/demo/load-demo.ts';
import { learnerResults } from '../../src/assessment/results-views.ts';
import { migrateToLatest, migrator } from '../../migrations/index.ts';

interface Unmigrated {
  handle: DatabaseHandle;
  schema?: string | undefined;
  dispose(): Promise<void>;
}

/** A database with no migration run yet, on SQLite and (when configured) PostgreSQL. */
const kinds: Array<{ name: string; open(): Promise<Unmigrated> }> = [
  {
    name: 'sqlite',
    open: async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-migration-'));
      const handle = await openDatabase({ sqlitePath: path.join(dir, 'stapel.db'), migrate: false });
      return {
        handle,
        dispose: async () => {
          await handle.close();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  },
];
const url = process.env.STAPEL_TEST_POSTGRES_URL;
if (url)
  kinds.push({
    name: 'postgres',
    open: async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const handle = await openDatabase({ databaseUrl: url, postgresSchema: schema, migrate: false });
      return {
        handle,
        schema,
        dispose: async () => {
          await handle.close();
          const cleanup = new pg.Client({ connectionString: url });
          await cleanup.connect();
          await cleanup.query(`drop schema ${schema} cascade`);
          await cleanup.end();
        },
      };
    },
  });

describe.each(kinds)('the one-result-model migration on $name', (kind) => {
  it('moves an award recorded in assessment_results into evaluations, drops the old table, and the learner sees it', async () => {
    const db = await kind.open();
    try {
      const before = await migrator(db.handle.db, db.schema).migrateTo('0008-installation');
      expect(before.error).toBeUndefined();
      await loadDemoIfEmpty(db.handle);
      const raw = db.handle.db as unknown as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const version = await raw
        .selectFrom('micro_credential_versions as v')
        .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
        .select(['v.id', 'v.assessment_type', 'v.supervision'])
        .where('m.code', '=', 'PV-LEAN')
        .where('v.status', '=', 'published')
        .executeTakeFirstOrThrow();
      const now = '2025-03-30T22:30:00.000Z';
      await raw
        .insertInto('learners')
        .values({ id: 'l-old', email: 'old.award@example.org', name: 'Old Award', created_at: now })
        .execute();
      // An award as the command line recorded it before: late in the evening, UTC.
      await raw
        .insertInto('assessment_results')
        .values({
          id: 'r-old',
          learner_id: 'l-old',
          micro_credential_version_id: version.id,
          course_unit_version_id: null,
          score: 16.5,
          passed: 1,
          assessed_at: now,
          recorded_by: 'cli',
          created_at: now,
        })
        .execute();

      await migrateToLatest(db.handle.db, db.handle.dialect);

      const moved = await db.handle.db
        .selectFrom('evaluations')
        .selectAll()
        .where('id', '=', 'r-old')
        .executeTakeFirstOrThrow();
      expect(moved).toEqual({
        id: 'r-old',
        enrolment_id: null,
        learner_id: 'l-old',
        micro_credential_version_id: version.id,
        course_unit_version_id: null,
        score: 16.5,
        passed: 1,
        // Dated by the Flemish calendar: 22:30 UTC on 30 March is already 31 March in Brussels.
        assessed_on: '2025-03-31',
        assessor_id: 'cli',
        // The version's assessment type in Dutch, as the register describes it.
        assessment_type: (JSON.parse(version.assessment_type) as { nl: string }).nl,
        supervision: version.supervision ?? '',
        supersedes_id: null,
        created_at: now,
      });
      const tables = (await db.handle.db.introspection.getTables()).map((t) => t.name);
      expect(tables).not.toContain('assessment_results');
      expect(tables).toContain('evaluations');

      // An evaluation belongs to an enrolment or to a learner and a version: never to neither.
      await expect(
        raw
          .insertInto('evaluations')
          .values({
            id: 'orphan',
            enrolment_id: null,
            learner_id: null,
            micro_credential_version_id: null,
            course_unit_version_id: null,
            score: 12,
            passed: 1,
            assessed_on: '2025-01-01',
            assessor_id: 'cli',
            assessment_type: 'x',
            supervision: 'x',
            supersedes_id: null,
            created_at: now,
          })
          .execute(),
      ).rejects.toThrow();
      // The unique index of correction chains survived the rebuild.
      const indexes =
        db.handle.dialect === 'postgres'
          ? await sql<{
              name: string;
            }>`select indexname as name from pg_indexes where tablename = 'evaluations' and schemaname = ${db.schema}`.execute(
              db.handle.db,
            )
          : await sql<{
              name: string;
            }>`select name from sqlite_master where type = 'index' and tbl_name = 'evaluations'`.execute(
              db.handle.db,
            );
      expect(indexes.rows.map((r) => r.name)).toEqual(
        expect.arrayContaining(['evaluations_enrolment', 'evaluations_supersedes', 'evaluations_learner']),
      );

      // A learner who signs up with that address and confirms it sees the result.
      const userId = 'u-old';
      await raw
        .insertInto('users')
        .values({
          id: userId,
          email: 'old.award@example.org',
          name: 'Old Award',
          password_hash: null,
          email_verified_at: now,
          created_at: now,
        })
        .execute();
      const mine = await learnerResults(db.handle.db, userId);
      expect(mine).toEqual([
        expect.objectContaining({
          edition: null,
          microCredential: expect.objectContaining({ code: 'PV-LEAN' }),
          requirements: [
            expect.objectContaining({ current: expect.objectContaining({ id: 'r-old', score: 16.5 }) }),
          ],
        }),
      ]);
    } finally {
      await db.dispose();
    }
  });
});
