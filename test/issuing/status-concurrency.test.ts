import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import { databaseKinds, type TestDatabase } from '../support/databases.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/core/config.ts';
import { openDatabase, type DatabaseHandle } from '../../src/core/database.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import { STATUS, listValue, type StatusPurpose } from '../../src/credentials/bitstring.ts';

const SCHELDE = 'hogeschool-schelde';
const CREDENTIALS = 90;

/** A second handle on the same database, as a second server process would open it. */
function openAgain(db: TestDatabase): Promise<DatabaseHandle> {
  if (db.env.DATABASE_URL) return openDatabase({ databaseUrl: db.env.DATABASE_URL });
  return openDatabase({ sqlitePath: path.join(db.env.STAPEL_DATA_DIR!, 'stapel.db') });
}

describe.each(databaseKinds())('status changes from two servers on one database, on $name', (kind) => {
  let f: IssuingFixture;
  let second: DatabaseHandle;
  const apps: FastifyInstance[] = [];

  beforeAll(async () => {
    f = await startIssuing(kind);
    second = await openAgain(f.db);
    const env = {
      ...f.env,
      PORT: '0',
      STAPEL_LOG_LEVEL: 'silent',
      STAPEL_CREDENTIAL_STATUS: 'revocation,suspension',
    };
    const config = loadConfig(env);
    f.context.settings = config.settings;
    for (const database of [f.db.handle, second]) {
      const app = await buildApp({
        config,
        database,
        logger: false,
        masterKey: f.context.masterKey,
        webRoot: '/nonexistent',
      });
      await app.ready();
      apps.push(app);
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await second?.close();
    await f?.db.dispose();
  });

  it('never answers 500, and the signed lists end up equal to the database', async () => {
    const institution = await getInstitution(f.db.handle.db, SCHELDE);
    const ids: string[] = [];
    for (let i = 0; i < CREDENTIALS; i++) {
      const result = await runAward(f.context, (_tx) => ({
        institution,
        code: 'PV-LEAN',
        learner: { email: `race-${i}@example.org` },
        recordedBy: 'test',
      }));
      ids.push(result.credentials[0]!.id);
    }
    // Each credential goes through its own sequence; all sequences run at once, alternating servers, so
    // that changes to the same two lists keep meeting each other.
    const sequences: string[][] = [
      ['suspend', 'unsuspend', 'revoke'],
      ['suspend', 'unsuspend', 'suspend'],
      ['suspend', 'revoke'],
    ];
    const answers: number[] = [];
    let n = 0;
    await Promise.all(
      ids.map(async (id, i) => {
        for (const action of sequences[i % sequences.length]!) {
          const app = apps[n++ % apps.length]!;
          const res = await app.inject({
            method: 'POST',
            url: `/api/v1/manage/${SCHELDE}/credentials/${encodeURIComponent(id)}/status`,
            headers: { authorization: `Bearer ${f.tokens[SCHELDE]}` },
            payload: { action, reason: 'concurrency test' },
          });
          answers.push(res.statusCode);
          if (res.statusCode === 503) expect(res.headers['retry-after']).toBeDefined();
          if (res.statusCode !== 200 && res.statusCode !== 503)
            throw new Error(`${res.statusCode}: ${res.body}`);
        }
      }),
    );
    expect(answers.length).toBeGreaterThanOrEqual(200);
    expect(answers.filter((code) => code >= 500 && code !== 503)).toEqual([]);
    expect(answers.filter((code) => code === 200).length).toBe(answers.length);

    const rows = await f.db.handle.db
      .selectFrom('credentials')
      .select(['status', 'status_list_id', 'status_index', 'suspension_list_id', 'suspension_index'])
      .where('credential_url', 'in', ids)
      .execute();
    expect(rows.filter((r) => r.status === STATUS.revoked)).toHaveLength(2 * (CREDENTIALS / 3));
    expect(rows.filter((r) => r.status === STATUS.suspended)).toHaveLength(CREDENTIALS / 3);
    const lists = await f.db.handle.db
      .selectFrom('status_lists')
      .select(['id', 'purpose', 'credential'])
      .where('institution_id', '=', institution.id)
      .execute();
    for (const list of lists) {
      const purpose = list.purpose as StatusPurpose;
      const bits = await decodeList(JSON.parse(list.credential!).credentialSubject);
      const slots = rows.flatMap((r) =>
        purpose === 'suspension'
          ? r.suspension_list_id === list.id
            ? [{ index: r.suspension_index!, status: r.status }]
            : []
          : r.status_list_id === list.id
            ? [{ index: r.status_index, status: r.status }]
            : [],
      );
      for (const slot of slots)
        expect(bits.getStatus(slot.index)).toBe(listValue(purpose, slot.status) === 1);
      let set = 0;
      for (let i = 0; i < bits.length; i++) if (bits.getStatus(i)) set++;
      expect(set).toBe(slots.filter((s) => listValue(purpose, s.status) === 1).length);
    }
  });
});
