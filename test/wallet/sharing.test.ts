import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { databaseKinds } from '../support/databases.ts';
import { issuingApp, startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { TestClient } from '../support/http.ts';
import { setUp } from '../support/set-up.ts';
import { createUser } from '../../src/accounts/users.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import { sharedCredentialIds } from '../../src/wallet/shares.ts';

const PASSWORD = 'holder password 1';
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(databaseKinds())('sharing a credential, on $name', (kind) => {
  let f: IssuingFixture;
  let app: FastifyInstance;
  let credential: Doc;
  let id: string;
  let path: string;
  let holder: TestClient;
  let holderId: string;
  let stranger: TestClient;

  const award = async (email: string) =>
    (
      await runAward(f.context, async (tx) => ({
        institution: await getInstitution(tx, 'hogeschool-schelde'),
        code: 'PV-LEAN',
        learner: { email, name: 'Hanne Houder' },
        recordedBy: 'test',
      }))
    ).credentials[0]!.document as Doc;

  const account = async (email: string, verified = true) => {
    const user = await setUp(f.db.handle, async ({ tx }) => {
      const { user } = await createUser(tx, { email, name: 'Hanne Houder', password: PASSWORD });
      if (verified)
        await tx
          .updateTable('users')
          .set({ email_verified_at: new Date().toISOString() })
          .where('id', '=', user.id)
          .execute();
      return user;
    });
    const client = new TestClient(app);
    await client.signIn(email, PASSWORD);
    return { client, userId: user.id };
  };

  const anonymous = (url: string, accept?: string) =>
    app.inject({ method: 'GET', url, headers: accept ? { accept } : {} });

  beforeAll(async () => {
    f = await startIssuing(kind);
    app = await issuingApp(f);
    credential = await award('hanne@example.org');
    path = new URL(credential.id).pathname;
    id = path.split('/').pop()!;
    ({ client: holder, userId: holderId } = await account('hanne@example.org'));
    ({ client: stranger } = await account('someone-else@example.org'));
  });
  afterAll(async () => {
    await app?.close();
    await f?.db.dispose();
  });

  it('keeps a credential private by default: its JSON is refused to anyone but its holder, in nl and en', async () => {
    const refused = await app.inject({ method: 'GET', url: path, headers: { 'accept-language': 'nl' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      code: 'forbidden',
      detail: expect.stringContaining('deelt het niet'),
    });
    const en = await app.inject({ method: 'GET', url: path, headers: { 'accept-language': 'en' } });
    expect(en.json().detail).toContain('does not share it');
    expect((await stranger.get(path)).statusCode).toBe(403);
    expect((await anonymous(`${path}/credential.json`)).statusCode).toBe(403);
    const view = (await anonymous(`/api/v1/credentials/${id}/view`)).json();
    expect(view).toEqual({ id, url: credential.id, access: 'private', shared: false, credential: null });
  });

  it('answers 404 for a credential that does not exist', async () => {
    expect((await anonymous('/credentials/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await anonymous('/credentials/not-a-uuid')).statusCode).toBe(404);
    expect(
      (await anonymous('/api/v1/credentials/00000000-0000-4000-8000-000000000000/view')).statusCode,
    ).toBe(404);
  });

  it('shows the holder and the issuing institution the signed credential, byte for byte', async () => {
    const stored = await f.db.handle.db
      .selectFrom('credentials')
      .select('document')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const mine = await holder.get(path);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toBe(stored.document);
    const staff = await app.inject({
      method: 'GET',
      url: path,
      headers: { authorization: `Bearer ${f.tokens['hogeschool-schelde']}` },
    });
    expect(staff.statusCode).toBe(200);
    const other = Object.entries(f.tokens).find(([slug]) => slug !== 'hogeschool-schelde');
    if (other) {
      const foreign = await app.inject({
        method: 'GET',
        url: path,
        headers: { authorization: `Bearer ${other[1]}` },
      });
      expect(foreign.statusCode).toBe(403);
    }
    expect((await holder.get(`/api/v1/credentials/${id}/view`)).json()).toMatchObject({
      access: 'holder',
      shared: false,
    });
  });

  it('lets only the holder share, effective at once and audited; then anyone signed out sees it', async () => {
    expect((await stranger.put(`/api/v1/me/credentials/${id}/share`, { shared: true })).statusCode).toBe(404);
    expect((await anonymous(path)).statusCode).toBe(403);

    const on = await holder.put(`/api/v1/me/credentials/${id}/share`, { shared: true });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toEqual({ id, shared: true });
    const open = await anonymous(path);
    expect(open.statusCode).toBe(200);
    expect(open.headers['cache-control']).toBe('no-store');
    expect(open.headers.vary).toContain('accept');
    expect(open.json()).toEqual(credential);
    expect((await anonymous(`/api/v1/credentials/${id}/view`)).json()).toMatchObject({
      access: 'public',
      shared: true,
      credential: { learnerName: 'Hanne Houder' },
    });
    expect(await sharedCredentialIds(f.db.handle.db, holderId)).toEqual(new Set([id]));

    const off = await holder.put(`/api/v1/me/credentials/${id}/share`, { shared: false });
    expect(off.json()).toEqual({ id, shared: false });
    expect((await anonymous(path)).statusCode).toBe(403);

    const audit = await f.db.handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('object_id', '=', id)
      .where('action', 'in', ['credential.share', 'credential.unshare'])
      .orderBy('at')
      .execute();
    expect(audit).toEqual([
      { action: 'credential.share', actor_id: holderId },
      { action: 'credential.unshare', actor_id: holderId },
    ]);
  });

  it('refuses a share body that is not a boolean, naming the field, and changes nothing', async () => {
    const bad = await holder.put(`/api/v1/me/credentials/${id}/share`, { shared: 'yes' });
    expect(bad.statusCode).toBe(422);
    expect(JSON.stringify(bad.json().errors)).toContain('shared');
    expect((await anonymous(path)).statusCode).toBe(403);
  });

  it('does not count an unconfirmed address as the holder', async () => {
    const doc = await award('unconfirmed@example.org');
    const { client } = await account('unconfirmed@example.org', false);
    const docId = new URL(doc.id).pathname.split('/').pop()!;
    expect((await client.put(`/api/v1/me/credentials/${docId}/share`, { shared: true })).statusCode).toBe(
      404,
    );
  });

  it('offers a shared credential as a download named after its title and date', async () => {
    await holder.put(`/api/v1/me/credentials/${id}/share`, { shared: true });
    const file = await anonymous(`${path}/credential.json`);
    expect(file.statusCode).toBe(200);
    const date = String(credential.validFrom).slice(0, 10);
    expect(file.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="[a-z0-9-]+-${date}\\.json"$`),
    );
    expect(file.headers['content-disposition']).not.toContain('localhost');
    expect(file.json()).toEqual(credential);
  });

  it('verifies a link to a credential of this platform for its holder, and for others only while shared', async () => {
    const byLink = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/verify',
        headers: { 'accept-language': 'nl' },
        payload: { url: credential.id },
      });
    await holder.put(`/api/v1/me/credentials/${id}/share`, { shared: false });
    const refused = await byLink();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/deelt/);
    expect(refused.body).not.toContain('Hanne');
    // Its holder may verify it by its link, as they may open its page.
    const own = await holder.post('/api/v1/verify', { url: credential.id });
    expect(own.statusCode).toBe(200);
    expect(own.json().verified).toBe(true);
    await holder.put(`/api/v1/me/credentials/${id}/share`, { shared: true });
    const verified = await byLink();
    expect(verified.statusCode).toBe(200);
    expect(verified.json().verified).toBe(true);
    await holder.put(`/api/v1/me/credentials/${id}/share`, { shared: false });
  });

  it('shares nothing of an erased account: the page just says private', async () => {
    await holder.put(`/api/v1/me/credentials/${id}/share`, { shared: true });
    expect((await anonymous(path)).statusCode).toBe(200);
    await f.db.handle.db
      .updateTable('users')
      .set({ erased_at: new Date().toISOString() })
      .where('id', '=', holderId)
      .execute();
    expect((await anonymous(path)).statusCode).toBe(403);
    expect((await anonymous(`/api/v1/credentials/${id}/view`)).json()).toMatchObject({ access: 'private' });
    await f.db.handle.db.updateTable('users').set({ erased_at: null }).where('id', '=', holderId).execute();
  });
});
