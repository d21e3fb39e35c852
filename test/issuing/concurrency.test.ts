import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { runCli } from '../support/cli.ts';

describe.each(databaseKinds())('concurrent awards on $name', (kind) => {
  let f: IssuingFixture;
  beforeAll(async () => {
    f = await startIssuing(kind);
  });
  afterAll(async () => {
    await f?.db.dispose();
  });

  it('never gives two credentials the same status index, across processes', async () => {
    const processes = 3;
    const perProcess = 10;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stapel-csv-'));
    const files = Array.from({ length: processes }, (_, p) => {
      const file = path.join(dir, `cohort-${p}.csv`);
      const rows = Array.from(
        { length: perProcess },
        (_, i) => `learner-${p}-${i}@example.org,Learner ${p}-${i},14`,
      );
      fs.writeFileSync(file, ['email,name,score', ...rows].join('\n'));
      return file;
    });
    // Form A: each learner gets three proofs, all drawing status indices at the same time.
    const results = await Promise.all(
      files.map((file) => runCli(['award', '--micro-credential', 'MC-DATA', '--csv', file], f.env)),
    );
    for (const r of results) expect(r.stderr, r.stderr).toBe('');
    const slots = await f.db.handle.db
      .selectFrom('credentials')
      .select(['status_list_id', 'status_index'])
      .execute();
    expect(slots).toHaveLength(processes * perProcess * 3);
    expect(new Set(slots.map((s) => `${s.status_list_id}:${s.status_index}`)).size).toBe(slots.length);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe.each(databaseKinds())('the same award twice at once on $name', (kind) => {
  let f: IssuingFixture;
  beforeAll(async () => {
    f = await startIssuing(kind);
  });
  afterAll(async () => {
    await f?.db.dispose();
  });

  it('issues one set of proofs, whoever wins', async () => {
    const args = [
      'award',
      '--micro-credential',
      'MC-CYBER',
      '--learner',
      'same@example.org',
      '--score',
      '15',
      '--json',
    ];
    const [a, b, c] = await Promise.all([runCli(args, f.env), runCli(args, f.env), runCli(args, f.env)]);
    for (const r of [a, b, c]) expect(r!.stderr, r!.stderr).toBe('');
    const ids = (r: { stdout: string }) =>
      (JSON.parse(r.stdout) as Array<{ id: string }>).map((d) => d.id).sort();
    expect(ids(a!)).toHaveLength(3);
    expect(ids(b!)).toEqual(ids(a!));
    expect(ids(c!)).toEqual(ids(a!));
    const rows = await f.db.handle.db.selectFrom('credentials').select('id').execute();
    expect(rows).toHaveLength(3);
  });
});
