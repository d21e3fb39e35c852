import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { TestClient } from '../support/http.ts';
import { setUp } from '../support/set-up.ts';
import { changePassword } from '../../src/accounts/profile.ts';
import { hashPassword } from '../../src/accounts/passwords.ts';
import {
  awardTo,
  lastMailTo,
  patch,
  signedUpLearner,
  startOwnDataApp,
  tokenIn,
  type OwnDataApp,
} from '../privacy/own-data-fixture.ts';

const PASSWORD = 'correct horse battery';

describe.each(databaseKinds())('the account’s own profile on $name', (kind) => {
  let t: OwnDataApp;
  const audit = (action: string, objectId: string) =>
    t
      .db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .where('object_id', '=', objectId)
      .execute();

  beforeAll(async () => {
    t = await startOwnDataApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('shows the profile and renames the account with the sign-up name rules, audited', async () => {
    const client = await signedUpLearner(t, {
      email: 'naam@example.org',
      name: 'Nora Naam',
      password: PASSWORD,
    });
    const profile = await client.get('/api/v1/me/profile');
    expect(profile.statusCode).toBe(200);
    expect(profile.json()).toMatchObject({
      name: 'Nora Naam',
      email: 'naam@example.org',
      emailVerified: true,
      pendingEmail: null,
      memberships: [],
    });
    expect(profile.json().since).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);

    const blank = await patch(client, '/api/v1/me/profile', { name: '   ' });
    expect(blank.statusCode).toBe(422);
    expect(blank.json().errors[0]).toMatchObject({ field: 'name', rule: 'name-required' });
    const hidden = await patch(client, '/api/v1/me/profile', { name: 'Nora\u202EmaaN' });
    expect(hidden.statusCode).toBe(422);

    const renamed = await patch(client, '/api/v1/me/profile', { name: '  Nora Nieuw ' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Nora Nieuw');
    const [entry] = await audit('account.rename', profile.json().id);
    expect(JSON.parse(entry!.before!)).toEqual({ name: 'Nora Naam' });
    expect(JSON.parse(entry!.after!)).toEqual({ name: 'Nora Nieuw' });
    expect((await new TestClient(t.app).get('/api/v1/me/profile')).statusCode).toBe(401);
  });

  it('changes the address only once the link sent to the new one is opened; the old one hears of it', async () => {
    const client = await signedUpLearner(t, {
      email: 'oud@example.org',
      name: 'Olga Oud',
      password: PASSWORD,
    });
    // A credential awarded to the old address directly (no enrolment) must stay the account's.
    await awardTo(t, 'oud@example.org', 'Olga Oud');
    expect((await client.get('/api/v1/me/credentials')).json()).toHaveLength(1);

    const wrong = await client.post('/api/v1/me/email', {
      email: 'nieuw@example.org',
      password: 'not it at all',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'password', rule: 'password-wrong' });
    const same = await client.post(
      '/api/v1/me/email',
      { email: 'OUD@example.org', password: PASSWORD },
      { 'accept-language': 'nl' },
    );
    expect(same.statusCode).toBe(422);
    expect(same.json().errors[0].message).toBe('Dit is al het e-mailadres van je account.');
    await signedUpLearner(t, { email: 'bezet@example.org', name: 'Bert Bezet', password: PASSWORD });
    const taken = await client.post('/api/v1/me/email', { email: 'bezet@example.org', password: PASSWORD });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().detail).toBe(
      'Another account already has this e-mail address. Choose another address.',
    );
    const bad = await client.post('/api/v1/me/email', { email: 'no-address', password: PASSWORD });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ field: 'email', rule: 'email-format' });

    const asked = await client.post('/api/v1/me/email', { email: 'Nieuw@Example.org', password: PASSWORD });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ pendingEmail: 'nieuw@example.org' });
    expect((await client.get('/api/v1/me/profile')).json()).toMatchObject({
      email: 'oud@example.org',
      pendingEmail: 'nieuw@example.org',
    });
    const notice = await lastMailTo(t.db(), 'oud@example.org');
    expect(notice.body).toContain('nieuw@example.org');
    expect(notice.body).toContain('/account/forgot-password');
    const link = await lastMailTo(t.db(), 'nieuw@example.org');
    expect(link.body).toContain('/account/verify?token=');
    expect(link.body).toContain('change=email');
    // Until the link is opened, the old address is the account's.
    expect((await new TestClient(t.app).signIn('oud@example.org', PASSWORD)).statusCode).toBe(200);
    expect((await new TestClient(t.app).signIn('nieuw@example.org', PASSWORD)).statusCode).toBe(401);

    // Asking again replaces the first link.
    await client.post('/api/v1/me/email', { email: 'nieuwer@example.org', password: PASSWORD });
    const replaced = await new TestClient(t.app).post('/api/v1/me/email/confirm', {
      token: tokenIn(link.body),
    });
    expect(replaced.statusCode).toBe(422);
    expect(replaced.json().errors[0]).toMatchObject({ field: 'token', rule: 'token-invalid' });

    const latest = await lastMailTo(t.db(), 'nieuwer@example.org');
    // Another browser opens it: no session needed.
    const confirmed = await new TestClient(t.app).post('/api/v1/me/email/confirm', {
      token: tokenIn(latest.body),
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json().user).toMatchObject({ email: 'nieuwer@example.org', emailVerified: true });
    expect((await client.get('/api/v1/me/profile')).json()).toMatchObject({
      email: 'nieuwer@example.org',
      pendingEmail: null,
    });
    expect((await new TestClient(t.app).signIn('oud@example.org', PASSWORD)).statusCode).toBe(401);
    expect((await new TestClient(t.app).signIn('nieuwer@example.org', PASSWORD)).statusCode).toBe(200);
    // The credential awarded to the old address is still theirs.
    const mine = (await client.get('/api/v1/me/credentials')).json();
    expect(mine).toHaveLength(1);
    const userId = confirmed.json().user.id;
    const [entry] = await audit('account.change-email', userId);
    expect(JSON.parse(entry!.before!)).toEqual({ email: 'oud@example.org' });
    expect(JSON.parse(entry!.after!)).toEqual({ email: 'nieuwer@example.org', learnerMoved: true });
    expect(await audit('account.request-email-change', userId)).toHaveLength(2);

    const again = await new TestClient(t.app).post('/api/v1/me/email/confirm', {
      token: tokenIn(latest.body),
    });
    expect(again.statusCode).toBe(422);
  });

  it('refuses an expired link and an address another account took meanwhile, in Dutch and English', async () => {
    const client = await signedUpLearner(t, {
      email: 'traag@example.org',
      name: 'Tom Traag',
      password: PASSWORD,
    });
    await client.post('/api/v1/me/email', { email: 'later@example.org', password: PASSWORD });
    const link = await lastMailTo(t.db(), 'later@example.org');
    await t
      .db()
      .updateTable('user_tokens')
      .set({ expires_at: '2000-01-01T00:00:00.000Z' })
      .where('purpose', '=', 'change-email')
      .where('used_at', 'is', null)
      .execute();
    const expired = await new TestClient(t.app).post(
      '/api/v1/me/email/confirm',
      { token: tokenIn(link.body) },
      { 'accept-language': 'nl' },
    );
    expect(expired.statusCode).toBe(422);
    expect(expired.json().detail).toContain('niet meer geldig');

    await client.post('/api/v1/me/email', { email: 'snel@example.org', password: PASSWORD });
    const second = await lastMailTo(t.db(), 'snel@example.org');
    await signedUpLearner(t, { email: 'snel@example.org', name: 'Sara Snel', password: PASSWORD });
    const raced = await new TestClient(t.app).post('/api/v1/me/email/confirm', {
      token: tokenIn(second.body),
    });
    expect(raced.statusCode).toBe(409);
    expect(raced.json().detail).toContain('Another account');
    expect((await client.get('/api/v1/me/profile')).json().email).toBe('traag@example.org');
  });

  it('changes the password with the rules, ends the other sessions, keeps this one, and sends a notice', async () => {
    const client = await signedUpLearner(t, { email: 'pw@example.org', name: 'Piet Pw', password: PASSWORD });
    const other = new TestClient(t.app);
    await other.signIn('pw@example.org', PASSWORD);
    const weak = await client.post('/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0]).toMatchObject({ field: 'newPassword', rule: 'password-too-short' });
    const wrong = await client.post('/api/v1/me/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new secret',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'currentPassword', rule: 'password-wrong' });

    const changed = await client.post('/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new secret',
    });
    expect(changed.statusCode).toBe(204);
    expect((await client.get('/api/v1/me/profile')).statusCode).toBe(200);
    expect((await other.get('/api/v1/session')).statusCode).toBe(401);
    expect((await new TestClient(t.app).signIn('pw@example.org', PASSWORD)).statusCode).toBe(401);
    expect((await new TestClient(t.app).signIn('pw@example.org', 'a brand new secret')).statusCode).toBe(200);
    expect((await lastMailTo(t.db(), 'pw@example.org')).subject).toContain('Je wachtwoord is gewijzigd');
    const id = (await client.get('/api/v1/me/profile')).json().id;
    expect(await audit('account.change-password', id)).toHaveLength(1);
  });

  it('refuses an address change that would leave credentials behind on the old address, at request and at confirmation', async () => {
    const client = await signedUpLearner(t, {
      email: 'twee@example.org',
      name: 'Tine Twee',
      password: PASSWORD,
    });
    const userId = (await client.get('/api/v1/me/profile')).json().id;
    await awardTo(t, 'twee@example.org', 'Tine Twee');
    // Credentials awarded to the new address before the change: a learner record of its own.
    await awardTo(t, 'tweede@example.org', 'Tine Twee');
    const refused = await client.post(
      '/api/v1/me/email',
      { email: 'tweede@example.org', password: PASSWORD },
      { 'accept-language': 'nl' },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('vraag de instelling die ze uitreikte om ze samen te voegen');
    const english = await client.post('/api/v1/me/email', {
      email: 'tweede@example.org',
      password: PASSWORD,
    });
    expect(english.json().detail).toContain('ask the institution that issued them to merge them');
    expect((await client.get('/api/v1/me/profile')).json().pendingEmail).toBeNull();
    expect(await audit('account.request-email-change', userId)).toHaveLength(0);

    // A credential awarded to the new address while the link waits: refused when the link is opened.
    const asked = await client.post('/api/v1/me/email', { email: 'derde@example.org', password: PASSWORD });
    expect(asked.statusCode).toBe(202);
    const link = await lastMailTo(t.db(), 'derde@example.org');
    await awardTo(t, 'derde@example.org', 'Tine Twee');
    const late = await new TestClient(t.app).post('/api/v1/me/email/confirm', { token: tokenIn(link.body) });
    expect(late.statusCode).toBe(409);
    expect(late.json().detail).toContain('Credentials were already issued to this e-mail address');
    expect((await client.get('/api/v1/me/profile')).json().email).toBe('twee@example.org');
    // Both records stay where they were: nobody who confirms the old address later becomes their holder.
    const records = await t
      .db()
      .selectFrom('learners')
      .select('email')
      .where('email', 'in', ['twee@example.org', 'derde@example.org'])
      .execute();
    expect(records.map((r) => r.email).sort()).toEqual(['derde@example.org', 'twee@example.org']);
    expect((await client.get('/api/v1/me/credentials')).json()).toHaveLength(1);
  });

  it('ends a reset link and the other links once a new address is confirmed', async () => {
    const client = await signedUpLearner(t, {
      email: 'verhuis@example.org',
      name: 'Vera Verhuis',
      password: PASSWORD,
    });
    await new TestClient(t.app).post('/api/v1/password-reset', { email: 'verhuis@example.org' });
    const reset = await lastMailTo(t.db(), 'verhuis@example.org');
    expect(reset.body).toContain('token=');
    await client.post('/api/v1/me/email', { email: 'verhuisd@example.org', password: PASSWORD });
    const link = await lastMailTo(t.db(), 'verhuisd@example.org');
    const confirmed = await new TestClient(t.app).post('/api/v1/me/email/confirm', {
      token: tokenIn(link.body),
    });
    expect(confirmed.statusCode).toBe(200);
    // The reset link went to an address the account no longer has: it grants nothing any more.
    const late = await new TestClient(t.app).post('/api/v1/password-reset/confirm', {
      token: tokenIn(reset.body),
      password: 'taken over at last',
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors[0]).toMatchObject({ field: 'token', rule: 'token-invalid' });
    expect((await new TestClient(t.app).signIn('verhuisd@example.org', PASSWORD)).statusCode).toBe(200);
  });

  it('ends every mailed link and a waiting address change when the password changes', async () => {
    // An address never confirmed: its confirmation link is still out.
    const client = new TestClient(t.app);
    await client.post('/api/v1/accounts', {
      email: 'slot@example.org',
      name: 'Sam Slot',
      password: PASSWORD,
    });
    const verify = await lastMailTo(t.db(), 'slot@example.org');
    expect((await client.signIn('slot@example.org', PASSWORD)).statusCode).toBe(200);
    await new TestClient(t.app).post('/api/v1/password-reset', { email: 'slot@example.org' });
    const reset = await lastMailTo(t.db(), 'slot@example.org');
    await client.post('/api/v1/me/email', { email: 'indringer@example.org', password: PASSWORD });
    const change = await lastMailTo(t.db(), 'indringer@example.org');

    const changed = await client.post('/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a fresh start now',
    });
    expect(changed.statusCode).toBe(204);
    expect((await client.get('/api/v1/me/profile')).json().pendingEmail).toBeNull();
    const visitor = new TestClient(t.app);
    const resetLate = await visitor.post('/api/v1/password-reset/confirm', {
      token: tokenIn(reset.body),
      password: 'the old way back in',
    });
    expect(resetLate.statusCode).toBe(422);
    const changeLate = await visitor.post('/api/v1/me/email/confirm', { token: tokenIn(change.body) });
    expect(changeLate.statusCode).toBe(422);
    const verifyLate = await visitor.post('/api/v1/accounts/verify-email', { token: tokenIn(verify.body) });
    expect(verifyLate.statusCode).toBe(422);
    expect((await new TestClient(t.app).signIn('slot@example.org', 'a fresh start now')).statusCode).toBe(
      200,
    );
  });

  it('ends a waiting address change when the password is reset from a link', async () => {
    const client = await signedUpLearner(t, {
      email: 'terug@example.org',
      name: 'Toon Terug',
      password: PASSWORD,
    });
    // Someone who knew the old password asked to move the account to their address.
    await client.post('/api/v1/me/email', { email: 'kaper@example.org', password: PASSWORD });
    const change = await lastMailTo(t.db(), 'kaper@example.org');
    await new TestClient(t.app).post('/api/v1/password-reset', { email: 'terug@example.org' });
    const reset = await lastMailTo(t.db(), 'terug@example.org');
    const done = await new TestClient(t.app).post('/api/v1/password-reset/confirm', {
      token: tokenIn(reset.body),
      password: 'mine again for good',
    });
    expect(done.statusCode).toBe(204);
    const hijack = await new TestClient(t.app).post('/api/v1/me/email/confirm', {
      token: tokenIn(change.body),
    });
    expect(hijack.statusCode).toBe(422);
    expect((await new TestClient(t.app).signIn('terug@example.org', 'mine again for good')).statusCode).toBe(
      200,
    );
    const profile = await t
      .db()
      .selectFrom('users')
      .select(['email', 'pending_email'])
      .where('email', '=', 'terug@example.org')
      .executeTakeFirstOrThrow();
    expect(profile.pending_email).toBeNull();
  });

  it('stores the password hash made before the command, without hashing inside it', async () => {
    const client = await signedUpLearner(t, {
      email: 'hash@example.org',
      name: 'Hans Hash',
      password: PASSWORD,
    });
    const userId = (await client.get('/api/v1/me/profile')).json().id;
    const newPasswordHash = await hashPassword('hashed before the command');
    await setUp(t.fixture.db.handle, (cmd) =>
      changePassword(cmd, userId, {
        newPassword: 'hashed before the command',
        newPasswordHash,
        publicUrl: 'https://stapel.example',
      }),
    );
    const row = await t
      .db()
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toBe(newPasswordHash);
  });

  it('counts wrong passwords like sign-in attempts and refuses with 429 beyond the limit', async () => {
    const client = await signedUpLearner(t, {
      email: 'raden@example.org',
      name: 'Rik Raden',
      password: PASSWORD,
    });
    // Earlier tests' failed sign-ins from the same client address count too: start from a clean window.
    await t.db().deleteFrom('throttle_counters').execute();
    const answers: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await client.post('/api/v1/me/password', {
        currentPassword: `guess number ${i}`,
        newPassword: 'a brand new secret',
      });
      answers.push(res.statusCode);
    }
    expect(answers.slice(0, 10).every((s) => s === 422)).toBe(true);
    expect(answers[10]).toBe(429);
    const right = await client.post('/api/v1/me/email', { email: 'x@example.org', password: PASSWORD });
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBeDefined();
  });
});
