import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import { TestClient } from '../support/http.ts';
import { createInvitation } from '../../src/accounts/invitations.ts';
import { createUser } from '../../src/accounts/users.ts';
import { THROTTLE_LIMITS } from '../../src/accounts/throttle-rules.ts';

const SCHELDE = 'hogeschool-schelde';
const OWNER = { email: 'eigenaar@example.org', name: 'Els Eigenaar', password: 'eigen sterk wachtwoord' };
const MINUTE = 60_000;

describe.each(databaseKinds())('account protection on $name', (kind) => {
  let t: TestApp;
  let addressCounter = 0;
  const db = () => t.database.handle.db;
  /** A client address of its own for each use, so that counts of one test never reach another. */
  const freshAddress = () => {
    const n = ++addressCounter;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };

  const signIn = (
    email: string,
    password: string,
    remoteAddress: string,
    lang = 'en',
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress,
      headers: { 'accept-language': lang },
      payload: { email, password },
    });
  const post = (url: string, payload: object, remoteAddress: string, lang = 'en') =>
    t.app.inject({ method: 'POST', url, remoteAddress, headers: { 'accept-language': lang }, payload });
  const mailsTo = (to: string) =>
    db().selectFrom('outbox').selectAll().where('recipient', '=', to).orderBy('created_at').execute();
  const tokenIn = (body: string) => /token=([A-Za-z0-9_%-]+)/.exec(body)![1]!;
  const countRows = async (table: 'audit_log' | 'users') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.database.handle.transaction((tx) => createUser(tx, OWNER));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Freezes the clock a few seconds into a fresh minute, so that a test's window cannot roll over. */
  const freezeClock = (offsetMinutes: number) => {
    const start = Math.ceil(Date.now() / MINUTE) * MINUTE + offsetMinutes * MINUTE + 5_000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    return start;
  };

  describe('sign-in', () => {
    it('refuses the 11th failure within a minute on one account from other addresses with 429 and Retry-After, a correct password too, and lets it in again after the window', async () => {
      const start = freezeClock(10);
      const person = { email: 'doelwit@example.org', name: 'D', password: 'doelwit wachtwoord 1' };
      await t.database.handle.transaction((tx) => createUser(tx, person));
      for (let i = 0; i < 10; i++) {
        expect((await signIn(person.email, `gok nummer ${i}`, freshAddress())).statusCode).toBe(401);
      }
      const blocked = await signIn(person.email, 'gok nummer 10', freshAddress(), 'nl');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['content-type']).toContain('application/problem+json');
      const retryAfter = Number(blocked.headers['retry-after']);
      expect(retryAfter).toBe(55);
      expect(blocked.json()).toMatchObject({ status: 429, code: 'too-many-requests' });
      expect(blocked.json().detail).toContain('Te veel mislukte aanmeldpogingen');
      const english = await signIn(person.email, 'gok nummer 11', freshAddress(), 'en');
      expect(english.json().detail).toContain('Too many failed sign-in attempts');

      // The right password does not get through a block: otherwise it would be no block.
      const right = await signIn(person.email, person.password, freshAddress());
      expect(right.statusCode).toBe(429);
      expect(right.cookies.find((c) => c.name === 'stapel_session')).toBeUndefined();

      vi.setSystemTime(start + retryAfter * 1000);
      expect((await signIn(person.email, person.password, freshAddress())).statusCode).toBe(200);
    });

    it('refuses the 11th failure within a minute from one address over different accounts, the owner’s right password included', async () => {
      freezeClock(20);
      const address = freshAddress();
      for (let i = 0; i < 10; i++) {
        expect((await signIn(`onbekend-${i}@example.org`, 'wrong password!', address)).statusCode).toBe(401);
      }
      const blocked = await signIn('nog-een@example.org', 'wrong password!', address);
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await signIn(OWNER.email, OWNER.password, address)).statusCode).toBe(429);
      // Another address is not held back by this one.
      expect((await signIn(OWNER.email, OWNER.password, freshAddress())).statusCode).toBe(200);
    });

    it('says the same about an unknown address as about a known one, blocked or not', async () => {
      freezeClock(30);
      const answers: Record<string, LightMyRequestResponse[]> = { known: [], unknown: [] };
      const person = { email: 'bekend@example.org', name: 'B', password: 'bekend wachtwoord 1' };
      await t.database.handle.transaction((tx) => createUser(tx, person));
      for (const [which, email] of [
        ['known', person.email],
        ['unknown', 'niemand-hier@example.org'],
      ] as const) {
        for (let i = 0; i < 11; i++)
          answers[which]!.push(await signIn(email, 'wrong guess 1', freshAddress()));
      }
      const shape = (r: LightMyRequestResponse) => [r.statusCode, r.body, r.headers['retry-after']];
      expect(answers.known!.map(shape)).toEqual(answers.unknown!.map(shape));
      expect(answers.known!.at(-1)!.statusCode).toBe(429);
    });

    it('counts a correct sign-in as no failure', async () => {
      freezeClock(40);
      const address = freshAddress();
      for (let i = 0; i < 15; i++)
        expect((await signIn(OWNER.email, OWNER.password, address)).statusCode).toBe(200);
    });

    it('counts every failure of parallel requests (no lost updates), and lets no parallel guess past the limit', async () => {
      freezeClock(50);
      const person = { email: 'parallel@example.org', name: 'P', password: 'parallel wachtwoord 1' };
      await t.database.handle.transaction((tx) => createUser(tx, person));
      const first = await Promise.all(
        Array.from({ length: 10 }, (_, i) => signIn(person.email, `parallel gok ${i}`, freshAddress())),
      );
      expect(first.map((r) => r.statusCode)).toEqual(Array(10).fill(401));
      const key = `${THROTTLE_LIMITS.signInAccount.id}:${createHash('sha256').update(person.email).digest('hex')}`;
      const counter = await db()
        .selectFrom('throttle_counters')
        .select('count')
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      expect(Number(counter.count)).toBe(10);
      expect((await signIn(person.email, person.password, freshAddress())).statusCode).toBe(429);

      const other = { email: 'parallel-2@example.org', name: 'P', password: 'parallel wachtwoord 2' };
      await t.database.handle.transaction((tx) => createUser(tx, other));
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, i) => signIn(other.email, `burst gok ${i}`, freshAddress())),
      );
      const statuses = burst.map((r) => r.statusCode).sort();
      expect(statuses).toEqual([...Array(10).fill(401), ...Array(10).fill(429)]);
    });
  });

  describe('sign-up', () => {
    it('answers a known address exactly as a new one, signs nobody in, and e-mails the owner instead', async () => {
      const auditBefore = await countRows('audit_log');
      const usersBefore = await countRows('users');
      const known = await post(
        '/api/v1/accounts',
        { email: 'Eigenaar@Example.org', name: 'Indringer', password: 'indringer wachtwoord' },
        freshAddress(),
        'nl',
      );
      const fresh = await post(
        '/api/v1/accounts',
        { email: 'nieuweling@example.org', name: 'Nina Nieuw', password: 'nieuweling wachtwoord' },
        freshAddress(),
        'nl',
      );
      expect(known.statusCode).toBe(202);
      expect(fresh.statusCode).toBe(202);
      expect(known.body).toBe(fresh.body);
      expect(known.json()).toEqual({ status: 'check-email', message: expect.stringContaining('mailbox') });
      for (const header of ['set-cookie', 'content-type', 'content-length'])
        expect(known.headers[header], header).toEqual(fresh.headers[header]);
      expect(known.headers['set-cookie']).toBeUndefined();

      const ownerMail = (await mailsTo(OWNER.email)).at(-1)!;
      expect(ownerMail.subject).toContain('Je hebt al een account');
      expect(ownerMail.body).toContain('Iemand probeerde een Stapel-account aan te maken');
      expect(ownerMail.body).toContain('Someone tried to create a Stapel account');
      expect(ownerMail.body).toContain('/account/forgot-password');
      expect(ownerMail.body).not.toContain('token=');
      // The existing account is exactly as it was: one new user (the new address), one audit record.
      expect(await countRows('users')).toBe(usersBefore + 1);
      expect(await countRows('audit_log')).toBe(auditBefore + 1);
      expect((await signIn(OWNER.email, 'indringer wachtwoord', freshAddress())).statusCode).toBe(401);
      expect((await signIn(OWNER.email, OWNER.password, freshAddress())).statusCode).toBe(200);

      // The new address confirms with the link, which signs it in.
      const verifyMail = (await mailsTo('nieuweling@example.org')).at(-1)!;
      const client = new TestClient(t.app);
      const verified = await client.post('/api/v1/accounts/verify-email', {
        token: tokenIn(verifyMail.body),
      });
      expect(verified.statusCode).toBe(200);
      expect(verified.json()).toMatchObject({ user: { emailVerified: true }, csrfToken: expect.any(String) });
      expect((await client.get('/api/v1/session')).json().user.email).toBe('nieuweling@example.org');
    });

    it('limits sign-ups per client address and per e-mail address', async () => {
      const address = freshAddress();
      const limit = THROTTLE_LIMITS.signUpAddress.limit;
      for (let i = 0; i < limit; i++) {
        const res = await post(
          '/api/v1/accounts',
          { email: `veel-${i}@example.org`, name: 'V', password: 'een lang wachtwoord' },
          address,
        );
        expect(res.statusCode).toBe(202);
      }
      const refused = await post(
        '/api/v1/accounts',
        { email: 'een-te-veel@example.org', name: 'V', password: 'een lang wachtwoord' },
        address,
        'nl',
      );
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json().detail).toContain('Te veel aanvragen voor een account');

      const target = 'brievenbus@example.org';
      for (let i = 0; i < THROTTLE_LIMITS.signUpEmail.limit; i++) {
        const res = await post(
          '/api/v1/accounts',
          { email: target, name: 'X', password: 'een lang wachtwoord' },
          freshAddress(),
        );
        expect(res.statusCode).toBe(202);
      }
      const mailBomb = await post(
        '/api/v1/accounts',
        { email: target, name: 'X', password: 'een lang wachtwoord' },
        freshAddress(),
      );
      expect(mailBomb.statusCode).toBe(429);
    });
  });

  describe('password reset', () => {
    const person = { email: 'herstel@example.org', name: 'H', password: 'herstel wachtwoord 1' };
    beforeAll(async () => {
      await t.database.handle.transaction((tx) => createUser(tx, person));
    });
    const requestLinks = async (count: number) => {
      const tokens: string[] = [];
      for (let i = 0; i < count; i++) {
        expect(
          (await post('/api/v1/password-reset', { email: person.email }, freshAddress())).statusCode,
        ).toBe(202);
        tokens.push(tokenIn((await mailsTo(person.email)).at(-1)!.body));
      }
      return tokens;
    };
    const confirm = (token: string, password: string) =>
      post('/api/v1/password-reset/confirm', { token, password }, freshAddress());

    it('ends the older link once the newer one is used', async () => {
      const [older, newer] = await requestLinks(2);
      expect((await confirm(newer!, 'nieuw wachtwoord een')).statusCode).toBe(204);
      const stale = await confirm(older!, 'nieuw wachtwoord twee');
      expect(stale.statusCode).toBe(422);
      expect(stale.json().errors[0]).toMatchObject({ field: 'token', rule: 'token-invalid' });
      expect((await signIn(person.email, 'nieuw wachtwoord een', freshAddress())).statusCode).toBe(200);
    });

    it('ends the newer link once the older one is used', async () => {
      const [older, newer] = await requestLinks(2);
      expect((await confirm(older!, 'nieuw wachtwoord drie')).statusCode).toBe(204);
      expect((await confirm(newer!, 'nieuw wachtwoord vier')).statusCode).toBe(422);
      expect((await signIn(person.email, 'nieuw wachtwoord drie', freshAddress())).statusCode).toBe(200);
    });

    it('keeps the link when the new password is refused', async () => {
      const [token] = await requestLinks(1);
      expect((await confirm(token!, 'wachtwoord')).statusCode).toBe(422);
      expect((await confirm(token!, 'nieuw wachtwoord vijf')).statusCode).toBe(204);
    });

    it('limits reset requests per target e-mail address and per client address', async () => {
      const target = 'veel-resets@example.org';
      for (let i = 0; i < THROTTLE_LIMITS.resetEmail.limit; i++) {
        expect((await post('/api/v1/password-reset', { email: target }, freshAddress())).statusCode).toBe(
          202,
        );
      }
      const refused = await post('/api/v1/password-reset', { email: target }, freshAddress(), 'nl');
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.json().detail).toContain('Te veel aanvragen voor een nieuw wachtwoord');

      const address = freshAddress();
      for (let i = 0; i < THROTTLE_LIMITS.resetAddress.limit; i++) {
        const res = await post('/api/v1/password-reset', { email: `wie-${i}@example.org` }, address);
        expect(res.statusCode).toBe(202);
      }
      expect((await post('/api/v1/password-reset', { email: 'nog@example.org' }, address)).statusCode).toBe(
        429,
      );
    });
  });

  describe('password policy', () => {
    const refusals = [
      { password: 'wachtwoord', rule: 'password-common', nl: 'veelgebruikte', en: 'commonly used' },
      { password: 'Welkom2024', rule: 'password-common', nl: 'veelgebruikte', en: 'commonly used' },
      { password: 'AZERTYUIOP', rule: 'password-common', nl: 'veelgebruikte', en: 'commonly used' },
      { password: '     ', rule: 'password-blank', nl: 'alleen spaties', en: 'only spaces' },
      { password: '            ', rule: 'password-blank', nl: 'alleen spaties', en: 'only spaces' },
    ];
    const passwordError = (res: LightMyRequestResponse) =>
      (res.json().errors as Array<{ field: string; rule: string; message: string }>).find(
        (e) => e.field === 'password',
      );

    it.each(refusals)('refuses "$password" at sign-up, in Dutch and English', async (refusal) => {
      const usersBefore = await countRows('users');
      for (const lang of ['nl', 'en'] as const) {
        const res = await post(
          '/api/v1/accounts',
          {
            email: `beleid-${refusals.indexOf(refusal)}-${lang}@example.org`,
            name: 'B',
            password: refusal.password,
          },
          freshAddress(),
          lang,
        );
        expect(res.statusCode).toBe(422);
        expect(passwordError(res)).toMatchObject({
          rule: refusal.rule,
          message: expect.stringContaining(refusal[lang]),
        });
      }
      expect(await countRows('users')).toBe(usersBefore);
    });

    let resetToken: string | undefined;
    // A refused password leaves the link as it was, so one link serves every case.
    const resetLink = async () => {
      if (resetToken) return resetToken;
      const email = 'beleid-reset@example.org';
      await t.database.handle.transaction((tx) =>
        createUser(tx, { email, name: 'R', password: 'beleid reset 1' }),
      );
      await post('/api/v1/password-reset', { email }, freshAddress());
      resetToken = tokenIn((await mailsTo(email)).at(-1)!.body);
      return resetToken;
    };

    it.each(refusals)('refuses "$password" for a reset, in Dutch and English', async (refusal) => {
      const token = await resetLink();
      for (const lang of ['nl', 'en'] as const) {
        const res = await post(
          '/api/v1/password-reset/confirm',
          { token, password: refusal.password },
          freshAddress(),
          lang,
        );
        expect(res.statusCode).toBe(422);
        expect(passwordError(res)).toMatchObject({
          rule: refusal.rule,
          message: expect.stringContaining(refusal[lang]),
        });
      }
    });

    it.each(refusals)(
      'refuses "$password" when accepting an invitation, in Dutch and English',
      async (refusal) => {
        const email = `uitgenodigd-${refusals.indexOf(refusal)}@example.org`;
        const { token } = await t.database.handle.transaction(async (tx) => {
          const institution = await tx
            .selectFrom('institutions')
            .select(['id', 'slug'])
            .where('slug', '=', SCHELDE)
            .executeTakeFirstOrThrow();
          return createInvitation(tx, { kind: 'system', label: 'test' }, institution, {
            email,
            role: 'designer',
          });
        });
        for (const lang of ['nl', 'en'] as const) {
          const res = await post(
            '/api/v1/invitations/accept',
            { token, name: 'Uma Uitgenodigd', password: refusal.password },
            freshAddress(),
            lang,
          );
          expect(res.statusCode).toBe(422);
          expect(passwordError(res)).toMatchObject({
            rule: refusal.rule,
            message: expect.stringContaining(refusal[lang]),
          });
        }
        const accepted = await post(
          '/api/v1/invitations/accept',
          { token, name: 'Uma Uitgenodigd', password: 'vier losse woorden hier' },
          freshAddress(),
        );
        expect(accepted.statusCode).toBe(200);
      },
    );
  });
});

describe('behind a reverse proxy', () => {
  it('counts sign-in failures per forwarded client address when STAPEL_TRUST_PROXY names the hops', async () => {
    const { buildApp } = await import('../../src/app.ts');
    const { loadConfig } = await import('../../src/core/config.ts');
    const database = await databaseKinds()[0]!.open();
    const config = loadConfig({
      ...database.env,
      PORT: '0',
      STAPEL_LOG_LEVEL: 'silent',
      STAPEL_TRUST_PROXY: '1',
    });
    const app = await buildApp({ config, database: database.handle, logger: false, webRoot: '/nonexistent' });
    // Windows are fixed minutes: eleven attempts that straddle a minute would start a new count.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Math.ceil(Date.now() / MINUTE) * MINUTE + 5_000);
    try {
      const attempt = (client: string, i: number) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/session',
          remoteAddress: '10.9.9.9',
          headers: { 'x-forwarded-for': client },
          payload: { email: `proxy-${i}@example.org`, password: 'wrong password!' },
        });
      for (let i = 0; i < 10; i++) expect((await attempt('203.0.113.7', i)).statusCode).toBe(401);
      expect((await attempt('203.0.113.7', 10)).statusCode).toBe(429);
      // Another client behind the same proxy is not held back.
      expect((await attempt('203.0.113.8', 11)).statusCode).toBe(401);
    } finally {
      vi.useRealTimers();
      await app.close();
      await database.dispose();
    }
  });
});
