import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUp } from '../support/set-up.ts';
import Fastify from 'fastify';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { TestClient } from '../support/http.ts';
import { installAuth, registeredRoutes } from '../../src/core/auth.ts';

const SCHELDE = 'hogeschool-schelde';
const LEIE = 'universiteit-leie';

describe.each(databaseKinds())('accounts and roles on $name', (kind) => {
  let t: TestApp;
  const db = () => t.database.handle.db;
  const lastMailTo = async (to: string) =>
    db()
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', to)
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
  const tokenIn = (body: string) => /token=([A-Za-z0-9_%-]+)/.exec(body)![1]!;
  const invitationIds = async (email: string) =>
    (await db().selectFrom('invitations').select('id').where('email', '=', email).execute()).map((r) => r.id);
  const auditCount = async () =>
    Number(
      (
        await db()
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets anyone sign up with an e-mail address, sends a verification link, and verifies it', async () => {
    const client = new TestClient(t.app);
    const res = await client.post('/api/v1/accounts', {
      email: 'Lerende@Example.org',
      name: 'Lien Lerende',
      password: 'correct horse battery',
    });
    // The answer is the same whether the address had an account, so it signs nobody in: the link does.
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'check-email' });
    expect(res.cookies.find((c) => c.name === 'stapel_session')).toBeUndefined();
    const user = await db()
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'lerende@example.org')
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const mail = await lastMailTo('lerende@example.org');
    expect(mail.body).toContain('/account/verify?token=');
    const verified = await client.post('/api/v1/accounts/verify-email', { token: tokenIn(mail.body) });
    expect(verified.json().user).toMatchObject({ email: 'lerende@example.org', emailVerified: true });
    const cookie = verified.cookies.find((c) => c.name === 'stapel_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const again = await client.post('/api/v1/accounts/verify-email', { token: tokenIn(mail.body) });
    expect(again.statusCode).toBe(422);
    expect((await client.get('/api/v1/session')).json().user.email).toBe('lerende@example.org');
  });

  it('refuses a weak password with field messages and answers a known address as a new one, writing nothing', async () => {
    const before = await auditCount();
    const client = new TestClient(t.app);
    const weak = await client.post('/api/v1/accounts', {
      email: 'not-an-email',
      name: '',
      password: 'short',
    });
    expect(weak.statusCode).toBe(422);
    expect(
      weak
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['email', 'name', 'password']);
    const duplicate = await client.post('/api/v1/accounts', {
      email: 'lerende@example.org',
      name: 'X',
      password: 'another long one',
    });
    expect(duplicate.statusCode).toBe(202);
    expect(await auditCount()).toBe(before);
  });

  it('signs in and out; a wrong password gets the same answer as an unknown address', async () => {
    const client = new TestClient(t.app);
    const wrong = await client.signIn('lerende@example.org', 'wrong password!');
    const unknown = await client.signIn('nobody@example.org', 'wrong password!');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
    expect((await client.signIn('lerende@example.org', 'correct horse battery')).statusCode).toBe(200);
    expect((await client.get('/api/v1/session')).statusCode).toBe(200);
    expect((await client.delete('/api/v1/session')).statusCode).toBe(204);
    expect((await client.get('/api/v1/session')).statusCode).toBe(401);
  });

  it('resets a password by e-mail and ends the old sessions', async () => {
    const old = new TestClient(t.app);
    await old.signIn('lerende@example.org', 'correct horse battery');
    const anon = new TestClient(t.app);
    expect((await anon.post('/api/v1/password-reset', { email: 'nobody@example.org' })).statusCode).toBe(202);
    expect((await anon.post('/api/v1/password-reset', { email: 'lerende@example.org' })).statusCode).toBe(
      202,
    );
    const mail = await lastMailTo('lerende@example.org');
    expect(mail.body).toContain('/account/reset?token=');
    const reset = await anon.post('/api/v1/password-reset/confirm', {
      token: tokenIn(mail.body),
      password: 'a brand new secret',
    });
    expect(reset.statusCode).toBe(204);
    expect((await old.get('/api/v1/session')).statusCode).toBe(401);
    expect((await anon.signIn('lerende@example.org', 'a brand new secret')).statusCode).toBe(200);
  });

  it('needs the CSRF token for cookie-authenticated writes', async () => {
    const admin = await staffClient('administrator');
    const withoutToken = await admin.request(
      'POST',
      `/api/v1/manage/${SCHELDE}/invitations`,
      { email: 'x@example.org', role: 'designer' },
      { 'x-csrf-token': 'forged' },
    );
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().detail).toContain('CSRF');
  });

  it('lets an administrator invite staff to a role; the invitee gets that role only', async () => {
    const admin = await staffClient('administrator');
    const invite = await admin.post(`/api/v1/manage/${SCHELDE}/invitations`, {
      email: 'Ontwerper@Example.org',
      role: 'designer',
    });
    expect(invite.statusCode).toBe(201);
    const mail = await lastMailTo('ontwerper@example.org');
    const invitee = new TestClient(t.app);
    const accepted = await invitee.post('/api/v1/invitations/accept', {
      token: tokenIn(mail.body),
      name: 'Olga Ontwerper',
      password: 'designing things 1',
    });
    expect(accepted.statusCode).toBe(200);
    const session = (await invitee.get('/api/v1/session')).json();
    expect(session.user.emailVerified).toBe(true);
    expect(session.memberships).toEqual([expect.objectContaining({ slug: SCHELDE, role: 'designer' })]);
    expect((await invitee.get(`/api/v1/manage/${SCHELDE}/micro-credentials`)).statusCode).toBe(200);
    expect((await invitee.get(`/api/v1/manage/${SCHELDE}/members`)).statusCode).toBe(403);
    expect((await invitee.get(`/api/v1/manage/${LEIE}/micro-credentials`)).statusCode).toBe(404);
    const members = (await admin.get(`/api/v1/manage/${SCHELDE}/members`)).json();
    expect(members).toContainEqual(
      expect.objectContaining({ email: 'ontwerper@example.org', role: 'designer' }),
    );
    const reuse = await new TestClient(t.app).post('/api/v1/invitations/accept', {
      token: tokenIn(mail.body),
      name: 'X',
      password: 'designing things 2',
    });
    expect(reuse.statusCode).toBe(422);
  });

  it('names the role of an invitation in words, in Dutch and in English', async () => {
    const admin = await staffClient('administrator');
    const words = [
      ['qa-reviewer', 'kwaliteitsbeoordelaar', 'quality reviewer'],
      ['assessor', 'evaluator', 'assessor'],
      ['registrar', 'inschrijvingsbeheerder', 'registrar'],
    ] as const;
    for (const [role, nl, en] of words) {
      const email = `rol-${role}@example.org`;
      expect((await admin.post(`/api/v1/manage/${SCHELDE}/invitations`, { email, role })).statusCode).toBe(
        201,
      );
      const mail = await lastMailTo(email);
      expect(mail.body).toContain(`Je bent uitgenodigd als ${nl} bij Hogeschool Schelde`);
      expect(mail.body).toContain(`You are invited as ${en} at`);
      expect(mail.body.indexOf('Je bent uitgenodigd')).toBeLessThan(mail.body.indexOf('You are invited'));
      if (role === 'qa-reviewer') expect(mail.body).not.toContain('qa-reviewer');
    }
  });

  it('records invitations and removed roles with the role the administrator acted in', async () => {
    const admin = await staffClient('administrator');
    const email = 'tijdelijk@example.org';
    await admin.post(`/api/v1/manage/${SCHELDE}/invitations`, { email, role: 'assessor' });
    await new TestClient(t.app).post('/api/v1/invitations/accept', {
      token: tokenIn((await lastMailTo(email)).body),
      name: 'Tijs Tijdelijk',
      password: 'tijdelijk wachtwoord 1',
    });
    const members = (await admin.get(`/api/v1/manage/${SCHELDE}/members`)).json() as Array<{
      id: string;
      email: string;
    }>;
    const member = members.find((m) => m.email === email)!;
    expect((await admin.request('DELETE', `/api/v1/manage/${SCHELDE}/members/${member.id}`)).statusCode).toBe(
      204,
    );
    const records = await db()
      .selectFrom('audit_log')
      .select(['action', 'role'])
      .where('action', 'in', ['invitation.create', 'membership.remove'])
      .where('object_id', 'in', [member.id, ...(await invitationIds(email))])
      .execute();
    expect(records).toHaveLength(2);
    expect(records.every((r) => r.role === 'administrator')).toBe(true);
  });

  it('refuses in the language of the request: a member that does not exist, a link that does not work', async () => {
    const admin = await staffClient('administrator');
    const missing = await admin.request(
      'DELETE',
      `/api/v1/manage/${SCHELDE}/members/no-such-member`,
      undefined,
      {
        'accept-language': 'nl',
      },
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json().detail).toBe('Dit personeelslid bestaat niet.');
    const link = await new TestClient(t.app).request(
      'POST',
      '/api/v1/password-reset/confirm',
      { token: 'not-a-token', password: 'een nieuw wachtwoord' },
      { 'accept-language': 'nl' },
    );
    expect(link.statusCode).toBe(422);
    expect(link.json().errors[0]).toMatchObject({
      field: 'token',
      rule: 'token-invalid',
      message: expect.stringContaining('Deze link is niet meer geldig'),
    });
    const session = await new TestClient(t.app).request('GET', '/api/v1/session', undefined, {
      'accept-language': 'nl',
    });
    expect(session.statusCode).toBe(401);
    expect(session.json().detail).toBe('Je bent niet aangemeld.');
  });

  it('records each change in the audit log, which administrators browse and export', async () => {
    const admin = await staffClient('administrator');
    const entries = (await admin.get(`/api/v1/manage/${SCHELDE}/audit?action=membership.create`)).json();
    expect(entries.length).toBeGreaterThan(0);
    expect(entries[0]).toMatchObject({
      actor: { type: expect.any(String), label: expect.any(String) },
      action: 'membership.create',
      at: expect.stringMatching(/Z$/),
    });
    const csv = await admin.get(`/api/v1/manage/${SCHELDE}/audit?format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toBe(
      'at,actor_type,actor,role,action,object_type,object_id,before,after',
    );
    const outbox = (await admin.get(`/api/v1/manage/${SCHELDE}/outbox`)).json();
    expect(outbox.some((m: { recipient: string }) => m.recipient === 'ontwerper@example.org')).toBe(true);
  });

  async function staffClient(role: 'administrator'): Promise<TestClient> {
    const { createUser } = await import('../../src/accounts/users.ts');
    const { grantRole } = await import('../../src/accounts/memberships.ts');
    const email = `${role}-${Math.random().toString(36).slice(2)}@example.org`;
    await setUp(t.database.handle, async (cmd) => {
      const { tx } = cmd;
      const { user } = await createUser(tx, { email, name: `Test ${role}`, password: 'staff password 1' });
      const institution = await tx
        .selectFrom('institutions')
        .select('id')
        .where('slug', '=', SCHELDE)
        .executeTakeFirstOrThrow();
      await grantRole(cmd, { id: institution.id }, { userId: user.id, role });
    });
    const client = new TestClient(t.app);
    await client.signIn(email, 'staff password 1');
    return client;
  }
});

describe('route policies', () => {
  it('every route of the application declares who may call it', async () => {
    const kind = databaseKinds()[0]!;
    const t = await startTestApp(kind, { demo: false });
    const routes = registeredRoutes.get(t.app)!;
    expect(routes.length).toBeGreaterThan(30);
    const undeclared = routes.filter((r) => !r.policy);
    expect(undeclared).toEqual([]);
    await t.close();
  });

  it('a route without a policy stops the server from starting', async () => {
    const app = Fastify();
    installAuth(app, {} as never, {} as never);
    expect(() => app.get('/oops', async () => 'x')).toThrow(/declares no access policy/);
  });
});

describe('the outbox', () => {
  it('shows administrators only their institution’s mail, with link secrets hidden; operators read it all from the CLI', async () => {
    const t = await startTestApp(databaseKinds()[0]!);
    try {
      const learner = new TestClient(t.app);
      await learner.post('/api/v1/accounts', {
        email: 'victim@example.org',
        name: 'V',
        password: 'victim password 1',
      });
      const admin = new TestClient(t.app);
      const { createUser } = await import('../../src/accounts/users.ts');
      const { grantRole } = await import('../../src/accounts/memberships.ts');
      await setUp(t.database.handle, async (cmd) => {
        const { tx } = cmd;
        const { user } = await createUser(tx, {
          email: 'admin@outbox.example',
          name: 'A',
          password: 'admin password 1',
        });
        const institution = await tx
          .selectFrom('institutions')
          .select('id')
          .where('slug', '=', SCHELDE)
          .executeTakeFirstOrThrow();
        await grantRole(cmd, { id: institution.id }, { userId: user.id, role: 'administrator' });
      });
      await admin.signIn('admin@outbox.example', 'admin password 1');
      await admin.post(`/api/v1/manage/${SCHELDE}/invitations`, {
        email: 'new@example.org',
        role: 'assessor',
      });
      const outbox = (await admin.get(`/api/v1/manage/${SCHELDE}/outbox`)).json() as Array<{
        recipient: string;
        body: string;
      }>;
      expect(outbox.map((m) => m.recipient)).toEqual(['new@example.org']);
      expect(outbox[0]!.body).toContain('/account/invitation?token=…');
      expect(outbox[0]!.body).not.toMatch(/token=[A-Za-z0-9_-]{20,}/);
      const { runCli } = await import('../support/cli.ts');
      const cli = await runCli(['outbox', '--to', 'victim@example.org'], t.database.env);
      expect(cli.stdout).toMatch(/\/account\/verify\?token=[A-Za-z0-9_-]{20,}/);
    } finally {
      await t.close();
    }
  });
});
