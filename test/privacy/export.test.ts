import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { TestClient } from '../support/http.ts';
import { LEARNER_PASSWORD, insertEdition, insertEnrolment } from '../support/cohort.ts';
import { setUp } from '../support/set-up.ts';
import { createUser } from '../../src/accounts/users.ts';
import type { Actor } from '../../src/core/actor.ts';
import { actingAs } from '../../src/core/command.ts';
import { awardTo, patch, startOwnDataApp, walletRowsFor, type OwnDataApp } from './own-data-fixture.ts';

const STAFF = {
  email: 'rita.registrar@example.org',
  name: 'Rita Registrar',
  password: 'registrar password 1',
};

const IMPORTED = fs.readFileSync(new URL('../fixtures/privacy/imported-badge.json', import.meta.url), 'utf8');

describe.each(databaseKinds())('the export of a person’s own data on $name', (kind) => {
  let t: OwnDataApp;
  let client: TestClient;
  let userId: string;
  let enrolmentId: string;
  let staffId: string;

  beforeAll(async () => {
    t = await startOwnDataApp(kind);
    const edition = await insertEdition(t.fixture.db.handle, 'PV-LEAN-2025', 'PV-LEAN', 'hogeschool-schelde');
    enrolmentId = await insertEnrolment(t.fixture.db.handle, edition, 'export@example.org', {
      verified: true,
    });
    client = new TestClient(t.app);
    await client.signIn('export@example.org', LEARNER_PASSWORD);
    userId = (await client.get('/api/v1/me/profile')).json().id;
    await patch(client, '/api/v1/me/profile', { name: 'Eva Export' });
    const awarded = await awardTo(t, 'export@example.org', 'Eva Export');
    const credential = await t
      .db()
      .selectFrom('credentials')
      .select('id')
      .where('credential_url', '=', awarded.credentials[0]!.id)
      .executeTakeFirstOrThrow();
    await walletRowsFor(t.db(), userId, credential.id, IMPORTED);
    // Someone else's data, which the export must not hold.
    await awardTo(t, 'iemand-anders@example.org', 'Ivo Anders');
    // A staff member decides on the learner's enrolment and on someone else's.
    staffId = await setUp(t.fixture.db.handle, async (cmd) => (await createUser(cmd.tx, STAFF)).user.id);
    const staff: Actor = {
      kind: 'user',
      userId: staffId,
      email: STAFF.email,
      name: STAFF.name,
      memberships: [],
    };
    await setUp(t.fixture.db.handle, async (cmd) => {
      const registrar = actingAs(cmd, staff, 'registrar');
      await registrar.audit({
        action: 'enrolment.decide',
        objectType: 'enrolment',
        objectId: enrolmentId,
        before: { status: 'requested' },
        after: { status: 'accepted' },
      });
      await registrar.audit({
        action: 'enrolment.decide',
        objectType: 'enrolment',
        objectId: 'enrolment-of-ivo',
        before: { learner: 'Ivo Anders <iemand-anders@example.org>', status: 'requested' },
        after: { status: 'refused' },
      });
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('downloads a JSON file named by the day', async () => {
    const res = await client.get('/api/v1/me/data-export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const today = new Date().toISOString().slice(0, 10);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="stapel-gegevens-${today}.json"`);
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await new TestClient(t.app).get('/api/v1/me/data-export')).statusCode).toBe(401);
  });

  it('holds every part: account, enrolments, results, credentials as signed, wallet and audit', async () => {
    const data = (await client.get('/api/v1/me/data-export')).json();
    expect(data).toMatchObject({ format: 'stapel-data-export', version: 1 });
    expect(data.account).toMatchObject({ id: userId, name: 'Eva Export', email: 'export@example.org' });
    expect(data.account.emailVerifiedAt).not.toBeNull();
    expect(JSON.stringify(data)).not.toContain('argon2');
    expect(data.memberships).toEqual([]);
    expect(data.enrolments).toEqual([
      expect.objectContaining({
        id: enrolmentId,
        institution: 'hogeschool-schelde',
        edition: 'PV-LEAN-2025',
        microCredential: 'PV-LEAN',
        status: 'accepted',
      }),
    ]);
    expect(data.evaluations).toHaveLength(1);
    expect(data.evaluations[0]).toMatchObject({ passed: true, enrolmentId: null });

    const stored = await t.db().selectFrom('credentials').selectAll().execute();
    const own = stored.filter((c) =>
      data.credentials.some((d: { credentialId: string }) => d.credentialId === c.id),
    );
    expect(own).toHaveLength(1);
    expect(data.credentials[0].document).toEqual(JSON.parse(own[0]!.document));
    expect(JSON.stringify(data)).not.toContain('iemand-anders@example.org');

    expect(data.shares).toEqual([{ credentialId: own[0]!.id, sharedAt: expect.any(String) }]);
    expect(data.collections).toHaveLength(1);
    expect(data.collections[0]).toMatchObject({ title: 'Mijn portfolio', shared: true });
    expect(data.collections[0].items.map((i: { kind: string }) => i.kind)).toEqual(['issued', 'imported']);
    expect(data.importedCredentials).toHaveLength(1);
    expect(data.importedCredentials[0].document).toEqual(JSON.parse(IMPORTED));
    expect(data.importedCredentials[0].verification).toEqual({ verified: false, checks: [] });

    const actions = data.audit.map((a: { action: string }) => a.action);
    // They acted (a rename), their account (created), a result and a credential of theirs.
    expect(actions).toEqual(
      expect.arrayContaining(['account.create', 'account.rename', 'evaluation.record', 'credential.issue']),
    );
    expect(data.audit.every((a: { objectId: string }) => typeof a.objectId === 'string')).toBe(true);
  });

  it('gives who acted on the person’s data by kind and role only, never a staff name, address or id', async () => {
    const data = (await client.get('/api/v1/me/data-export')).json();
    const decided = data.audit.find((a: { action: string }) => a.action === 'enrolment.decide');
    expect(decided).toMatchObject({
      objectId: enrolmentId,
      role: 'registrar',
      actor: { type: 'user', self: false },
    });
    const renamed = data.audit.find((a: { action: string }) => a.action === 'account.rename');
    expect(renamed.actor).toEqual({ type: 'user', self: true });
    const text = JSON.stringify(data.audit);
    for (const trace of [STAFF.email, STAFF.name, staffId]) expect(text).not.toContain(trace);
    expect(text).not.toContain('enrolment-of-ivo');
  });

  it('leaves out what staff did to other people’s data from the staff member’s own export', async () => {
    const staff = new TestClient(t.app);
    expect((await staff.signIn(STAFF.email, STAFF.password)).statusCode).toBe(200);
    const data = (await staff.get('/api/v1/me/data-export')).json();
    expect(data.account).toMatchObject({ id: staffId, email: STAFF.email });
    const objects = data.audit.map((a: { objectId: string }) => a.objectId);
    expect(objects).not.toContain(enrolmentId);
    expect(objects).not.toContain('enrolment-of-ivo');
    expect(JSON.stringify(data)).not.toContain('iemand-anders@example.org');
    expect(JSON.stringify(data)).not.toContain('Ivo Anders');
  });
});
