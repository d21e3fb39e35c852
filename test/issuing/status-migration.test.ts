import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/database.ts';
import { migrateToLatest, migrator } from '../../migrations/index.ts';

describe('the status purposes migration on sqlite', () => {
  it('marks the lists of earlier credentials as two-bit message lists and adds the suspension entry', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-migration-'));
    const handle = await openDatabase({ sqlitePath: path.join(dir, 'stapel.db'), migrate: false });
    try {
      const before = await migrator(handle.db).migrateTo('0004-evaluation');
      expect(before.error).toBeUndefined();
      const now = new Date().toISOString();
      await handle.db
        .insertInto('institutions')
        .values({
          id: 'i1',
          slug: 'oud',
          name_nl: 'Oud',
          name_en: 'Old',
          url: 'https://oud.example',
          email: null,
          street: null,
          postal_code: null,
          locality: null,
          region: 'BE-VLG',
          country: 'BE',
          created_at: now,
        })
        .execute();
      // A list as issued before: no purpose column yet.
      const legacy = { id: 'l1', institution_id: 'i1', size: 131_072, status_size: 2, credential: null };
      await (handle.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
        .insertInto('status_lists')
        .values({ ...legacy, created_at: now, updated_at: now })
        .execute();
      await migrateToLatest(handle.db, 'sqlite');
      const list = await handle.db
        .selectFrom('status_lists')
        .select(['purpose', 'status_size'])
        .executeTakeFirstOrThrow();
      expect(list).toEqual({ purpose: 'message', status_size: 2 });
      const columns = await handle.db.introspection.getTables();
      const credentials = columns.find((t) => t.name === 'credentials')!;
      expect(credentials.columns.map((c) => c.name)).toEqual(
        expect.arrayContaining(['suspension_list_id', 'suspension_index']),
      );
    } finally {
      await handle.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
