import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { runCli } from '../support/cli.ts';
import { decryptSecret } from '../../src/credentials/keys.ts';

describe.each(databaseKinds())('stapel keys rotate on $name', (kind) => {
  let f: IssuingFixture;
  beforeAll(async () => {
    f = await startIssuing(kind);
  });
  afterAll(async () => {
    await f?.db.dispose();
  });

  it('signs new credentials with the new key while old ones still verify', async () => {
    const before = JSON.parse(
      (
        await runCli(
          ['award', '--micro-credential', 'PV-AGILE', '--learner', 'k1@example.org', '--json'],
          f.env,
        )
      ).stdout,
    )[0];
    const rotated = await runCli(['keys', 'rotate', '--institution', 'hogeschool-schelde'], f.env);
    expect(rotated.code).toBe(0);
    expect(rotated.stdout).toMatch(
      /New signing key did:web:localhost%3A3000:institutions:hogeschool-schelde#key-/,
    );
    expect(rotated.stdout).toContain('Retired (still verifiable)');
    const record = await f.db.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'issuer-key.rotate')
      .executeTakeFirstOrThrow();
    const newFragment = /#(key-[^\s]+)/.exec(rotated.stdout)![1]!;
    expect(record).toMatchObject({
      actor_type: 'cli',
      actor_label: 'command line (stapel keys rotate)',
      object_type: 'issuer-key',
      object_id: newFragment,
    });
    expect(JSON.parse(record.after!)).toEqual({ active: newFragment });
    expect(JSON.parse(record.before!).active).toHaveLength(1);
    const after = JSON.parse(
      (
        await runCli(
          ['award', '--micro-credential', 'PV-AGILE', '--learner', 'k2@example.org', '--json'],
          f.env,
        )
      ).stdout,
    )[0];
    expect(after.proof[0].verificationMethod).not.toBe(before.proof[0].verificationMethod);
    for (const doc of [before, after]) {
      const verified = await runCli(['verify', '-', '--json'], f.env, JSON.stringify(doc));
      expect(JSON.parse(verified.stdout).verified).toBe(true);
    }
  });

  it('keeps private keys unreadable without the master key', async () => {
    const row = await f.db.handle.db.selectFrom('issuer_keys').selectAll().executeTakeFirstOrThrow();
    const aad = `stapel-issuer-key:${row.institution_id}:${row.fragment}`;
    expect(
      JSON.parse(decryptSecret(f.context.masterKey, row.secret_key_encrypted, aad)).secretKeyMultibase,
    ).toMatch(/^z/);
    expect(() => decryptSecret(Buffer.alloc(32, 7), row.secret_key_encrypted, aad)).toThrow(
      /STAPEL_MASTER_KEY/,
    );
    const wrongKey = await runCli(
      ['award', '--micro-credential', 'PV-AGILE', '--learner', 'k3@example.org'],
      { ...f.env, STAPEL_MASTER_KEY: 'ab'.repeat(32) },
    );
    expect(wrongKey.code).not.toBe(0);
    expect(wrongKey.stderr).toContain('STAPEL_MASTER_KEY');
  });
});
