import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { databaseKinds } from '../support/databases.ts';
import { issuingApp, startIssuing, type IssuingFixture } from '../support/issuing.ts';
import { TestClient } from '../support/http.ts';
import { setUp } from '../support/set-up.ts';
import { createUser } from '../../src/accounts/users.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { runAward } from '../../src/issuing/award.ts';
import { changeCredentialStatus } from '../../src/issuing/status.ts';
import type { Collection, PublicCollection } from '../../src/wallet/schemas.ts';

const PASSWORD = 'holder password 1';
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.each(databaseKinds())('collections, on $name', (kind) => {
  let f: IssuingFixture;
  let app: FastifyInstance;
  let owner: TestClient;
  let ownerId: string;
  let other: TestClient;
  let mine: Doc[];
  let theirs: Doc;
  let importedId: string;
  const idOf = (doc: Doc) => new URL(doc.id).pathname.split('/').pop()!;

  const award = async (code: string, email: string) =>
    (
      await runAward(f.context, async (tx) => ({
        institution: await getInstitution(tx, 'hogeschool-schelde'),
        code,
        learner: { email, name: 'Cas Collectie' },
        recordedBy: 'test',
      }))
    ).credentials.map((c) => c.document as Doc);

  const account = async (email: string) => {
    const user = await setUp(f.db.handle, async ({ tx }) => {
      const { user } = await createUser(tx, { email, name: 'Cas Collectie', password: PASSWORD });
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
  const anonymous = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    f = await startIssuing(kind);
    app = await issuingApp(f);
    mine = [...(await award('PV-LEAN', 'cas@example.org')), ...(await award('PV-AGILE', 'cas@example.org'))];
    theirs = (await award('PV-LEAN', 'other@example.org'))[0]!;
    ({ client: owner, userId: ownerId } = await account('cas@example.org'));
    ({ client: other } = await account('other@example.org'));
    // A credential brought in from elsewhere, as the import stores it.
    importedId = randomUUID();
    const now = new Date().toISOString();
    await f.db.handle.db
      .insertInto('imported_credentials')
      .values({
        id: importedId,
        user_id: ownerId,
        source: 'file',
        source_url: null,
        document: JSON.stringify(theirs),
        credential_id: theirs.id,
        name: 'Lean elders',
        issuer_id: null,
        issuer_name: null,
        valid_from: theirs.validFrom,
        identity: 'mismatch',
        verification: '{}',
        verified: 1,
        checked_at: now,
        imported_at: now,
      })
      .execute();
  });
  afterAll(async () => {
    await app?.close();
    await f?.db.dispose();
  });

  it('creates a private collection of my own credentials, in order, with an unguessable link; audited', async () => {
    const res = await owner.post('/api/v1/me/collections', {
      title: '  Mijn portfolio ',
      description: 'Lean en agile',
      items: [
        { kind: 'issued', id: idOf(mine[1]!) },
        { kind: 'imported', id: importedId },
        { kind: 'issued', id: idOf(mine[0]!) },
      ],
    });
    expect(res.statusCode).toBe(201);
    const created = res.json() as Collection;
    expect(created).toMatchObject({ title: 'Mijn portfolio', shared: false, description: 'Lean en agile' });
    expect(created.items.map((i) => i.id)).toEqual([idOf(mine[1]!), importedId, idOf(mine[0]!)]);
    expect(created.publicId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect((await owner.get('/api/v1/me/collections')).json()).toEqual([created]);
    expect((await other.get('/api/v1/me/collections')).json()).toEqual([]);
    // Private until shared.
    expect((await anonymous(`/api/v1/collections/${created.publicId}`)).statusCode).toBe(403);
    const audit = await f.db.handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id'])
      .where('object_id', '=', created.id)
      .execute();
    expect(audit).toEqual([{ action: 'collection.create', actor_id: ownerId }]);
  });

  it('refuses a collection without a title, with an item twice or not mine, naming each, writing nothing', async () => {
    const before = ((await owner.get('/api/v1/me/collections')).json() as Collection[]).length;
    const res = await owner.request(
      'POST',
      '/api/v1/me/collections',
      {
        title: ' ',
        items: [
          { kind: 'issued', id: idOf(mine[0]!) },
          { kind: 'issued', id: idOf(mine[0]!) },
          { kind: 'issued', id: idOf(theirs) },
        ],
      },
      { 'accept-language': 'nl' },
    );
    expect(res.statusCode).toBe(422);
    const errors = res.json().errors as Array<{ field: string; rule: string; message: string }>;
    expect(errors.map((e) => [e.field, e.rule])).toEqual([
      ['title', 'collection-title-required'],
      ['items[1]', 'collection-item-twice'],
      ['items[2]', 'collection-item-not-held'],
    ]);
    expect(errors[0]!.message).toBe('Geef de verzameling een titel.');
    expect(((await owner.get('/api/v1/me/collections')).json() as Collection[]).length).toBe(before);
    const imported = await other.post('/api/v1/me/collections', {
      title: 'x',
      items: [{ kind: 'imported', id: importedId }],
    });
    expect(imported.statusCode).toBe(422);
  });

  it('shares a collection: anyone with the link sees each credential verified; unshared or deleted at once', async () => {
    const [collection] = (await owner.get('/api/v1/me/collections')).json() as Collection[];
    const { id, publicId } = collection!;
    expect((await other.put(`/api/v1/me/collections/${id}`, { title: 'x', shared: true })).statusCode).toBe(
      404,
    );
    const shared = await owner.put(`/api/v1/me/collections/${id}`, { title: 'Portfolio', shared: true });
    expect(shared.statusCode).toBe(200);
    expect(shared.json()).toMatchObject({ title: 'Portfolio', shared: true, description: 'Lean en agile' });

    // The holder shares one credential's page of its own; the collection links only that one.
    await owner.put(`/api/v1/me/credentials/${idOf(mine[0]!)}/share`, { shared: true });
    await f.db.handle.transaction((tx) =>
      changeCredentialStatus(tx, f.context, mine[1]!.id, 'revoke', 'error'),
    );
    const res = await anonymous(`/api/v1/collections/${publicId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const view = res.json() as PublicCollection;
    expect(view).toMatchObject({ title: 'Portfolio', owner: 'Cas Collectie' });
    // The imported credential names someone else's address: never shown under the owner's name.
    expect(view.items.map((i) => [i.kind, i.id, i.status, i.verified, i.page])).toEqual([
      ['issued', idOf(mine[1]!), 'revoked', false, null],
      ['issued', idOf(mine[0]!), 'valid', true, `/credentials/${idOf(mine[0]!)}`],
    ]);
    expect(view.items[0]!.institution).toBeTruthy();
    // Each credential's JSON through the collection, though its own page is private.
    const json = await anonymous(view.items[0]!.json);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-disposition']).toMatch(
      /^attachment; filename="[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(JSON.parse(json.body)).toEqual(mine[1]);
    expect((await anonymous(`/credentials/${idOf(mine[1]!)}`)).statusCode).toBe(403);
    expect(
      (await anonymous(`/api/v1/collections/${publicId}/items/issued/${idOf(theirs)}/credential.json`))
        .statusCode,
    ).toBe(404);

    await owner.put(`/api/v1/me/collections/${id}`, { title: 'Portfolio', shared: false });
    expect((await anonymous(`/api/v1/collections/${publicId}`)).statusCode).toBe(403);
    expect((await anonymous(view.items[0]!.json)).statusCode).toBe(403);

    expect((await other.delete(`/api/v1/me/collections/${id}`)).statusCode).toBe(404);
    expect((await owner.delete(`/api/v1/me/collections/${id}`)).statusCode).toBe(204);
    expect((await anonymous(`/api/v1/collections/${publicId}`)).statusCode).toBe(404);
    const actions = await f.db.handle.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', id)
      .orderBy('at')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'collection.create',
      'collection.update',
      'collection.share',
      'collection.update',
      'collection.unshare',
      'collection.delete',
    ]);
  });

  it('shares nothing of an erased account', async () => {
    const created = (
      await owner.post('/api/v1/me/collections', {
        title: 'Open',
        shared: true,
        items: [{ kind: 'issued', id: idOf(mine[0]!) }],
      })
    ).json() as Collection;
    expect((await anonymous(`/api/v1/collections/${created.publicId}`)).statusCode).toBe(200);
    await f.db.handle.db
      .updateTable('users')
      .set({ erased_at: new Date().toISOString() })
      .where('id', '=', ownerId)
      .execute();
    expect((await anonymous(`/api/v1/collections/${created.publicId}`)).statusCode).toBe(403);
    await f.db.handle.db.updateTable('users').set({ erased_at: null }).where('id', '=', ownerId).execute();
  });
});
