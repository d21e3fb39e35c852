import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/accounts/users.ts';
import { academicYearOf } from '../../src/catalogue/rules.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

const SCHELDE = 'hogeschool-schelde';
const LEIE = 'universiteit-leie';
const DAY = 86_400_000;
const PASSWORD = 'a long enough passphrase';

interface Learner {
  email: string;
  userId: string;
  headers: { cookie: string; 'x-csrf-token': string };
}

/** ISO instant and YYYY-MM-DD day relative to now. */
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
const day = (days: number) => at(days).slice(0, 10);

describe.each(databaseKinds())('editions and enrolment on $name', (kind) => {
  let t: TestApp;
  const db = () => t.database.handle.db;
  const staff = (slug = SCHELDE) => ({ authorization: `Bearer ${t.tokens[slug]}` });

  const newLearner = async (name: string, options: { verified?: boolean } = {}): Promise<Learner> => {
    const email = `${name}-${randomBytes(4).toString('hex')}@example.org`;
    const { user } = await t.database.handle.transaction((tx) =>
      createUser(tx, { email, name, password: PASSWORD }),
    );
    if (options.verified !== false) {
      await db()
        .updateTable('users')
        .set({ email_verified_at: new Date().toISOString() })
        .where('id', '=', user.id)
        .execute();
    }
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'stapel_session')!;
    return {
      email,
      userId: user.id,
      headers: { cookie: `stapel_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken },
    };
  };

  let editionSeq = 0;
  /** An edition open for enrolment now, starting in two weeks. */
  const openEdition = (microCredential: string, extra: Record<string, unknown> = {}) => ({
    code: `${microCredential}-T${++editionSeq}`,
    microCredential,
    startsOn: day(14),
    endsOn: day(60),
    enrolmentOpensAt: at(-1),
    enrolmentClosesAt: at(7),
    capacity: 10,
    location: 'Kaaistraat 12, Antwerpen',
    ...extra,
  });
  const createEdition = async (body: Record<string, unknown>, slug = SCHELDE) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${slug}/editions`,
      headers: staff(slug),
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; code: string; price: { cents: number } };
  };
  const enrol = (
    learner: Learner,
    editionId: string,
    body: Record<string, unknown> = { confirmPrerequisites: true },
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/editions/${editionId}/enrolments`,
      headers: learner.headers,
      payload: body,
    });
  const decide = (editionCode: string, id: string, body: Record<string, unknown>, slug = SCHELDE) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${slug}/editions/${editionCode}/enrolments/${id}/decision`,
      headers: staff(slug),
      payload: body,
    });
  const auditOf = (objectId: string) =>
    db()
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('object_id', '=', objectId)
      .orderBy('at')
      .execute();
  const auditCount = async () =>
    Number(
      (
        await db()
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const mailTo = (email: string) =>
    db()
      .selectFrom('outbox')
      .select(['subject', 'body'])
      .where('recipient', '=', email)
      .orderBy('created_at')
      .execute();
  const statusOf = async (id: string) =>
    (await db().selectFrom('enrolments').select('status').where('id', '=', id).executeTakeFirstOrThrow())
      .status;

  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('editions', () => {
    it('prices a form A edition from the decree table of the academic year it starts in', async () => {
      const before = await auditCount();
      const edition = await createEdition({
        code: 'MC-DATA-2022',
        microCredential: 'MC-DATA',
        startsOn: '2022-02-07',
        endsOn: '2022-05-31',
        enrolmentOpensAt: '2021-11-01T08:00:00+01:00',
        enrolmentClosesAt: '2022-01-31T23:00:00Z',
        capacity: 25,
        location: 'Kaaistraat 12, Antwerpen',
      });
      expect(edition).toMatchObject({
        code: 'MC-DATA-2022',
        microCredential: { code: 'MC-DATA', version: 1, form: 'regular', ects: 6 },
        academicYear: '2021-22',
        price: { cents: 24790 + 6 * 1190, currency: 'EUR', basis: 'decree' },
        // Defaults from the micro-credential
        mode: 'blended',
        language: 'nl',
        enrolmentOpensAt: '2021-11-01T07:00:00.000Z',
        capacity: 25,
        placesLeft: 25,
        enrolmentOpen: false,
      });
      expect(await auditOf(edition.id)).toEqual([{ action: 'edition.create', actor_type: 'token' }]);
      expect(await auditCount()).toBe(before + 1);
      const got = await t.app.inject({
        url: `/api/v1/manage/${SCHELDE}/editions/MC-DATA-2022`,
        headers: staff(),
      });
      expect(got.json()).toMatchObject({ id: edition.id, price: { cents: 31930 } });
      const list = await t.app.inject({ url: `/api/v1/manage/${SCHELDE}/editions`, headers: staff() });
      expect(list.json().map((e: { code: string }) => e.code)).toContain('MC-DATA-2022');
    });

    it('prices a form B edition at the amount the institution set', async () => {
      const edition = await createEdition(openEdition('PV-LEAN', { mode: 'online', location: undefined }));
      expect(edition).toMatchObject({
        price: { cents: 45000, basis: 'institution' },
        mode: 'online',
        location: null,
        academicYear: academicYearOf(new Date(`${day(14)}T00:00:00Z`)),
      });
    });

    it('refuses bad dates, naming each field, and changes nothing', async () => {
      const before = await auditCount();
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/manage/${SCHELDE}/editions`,
        headers: staff(),
        payload: openEdition('PV-LEAN', {
          code: 'BAD-DATES',
          startsOn: day(30),
          endsOn: day(20),
          enrolmentClosesAt: at(40),
          capacity: 0,
        }),
      });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(
        res
          .json()
          .errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`)
          .sort(),
      ).toEqual([
        'capacity:capacity-minimum',
        'endsOn:edition-dates-order',
        'enrolmentClosesAt:enrolment-window-after-end',
      ]);
      expect(
        await db().selectFrom('editions').select('id').where('code', '=', 'BAD-DATES').execute(),
      ).toEqual([]);
      expect(await auditCount()).toBe(before);
    });

    it('refuses a form A edition in an academic year without decree amounts, saying how to enter them', async () => {
      const before = await auditCount();
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/manage/${SCHELDE}/editions`,
        headers: staff(),
        payload: {
          code: 'MC-DATA-2031',
          microCredential: 'MC-DATA',
          startsOn: '2031-10-01',
          endsOn: '2031-12-20',
          enrolmentOpensAt: '2031-06-01T08:00:00Z',
          enrolmentClosesAt: '2031-09-15T22:00:00Z',
          capacity: 20,
          location: 'Kaaistraat 12, Antwerpen',
        },
      });
      expect(res.statusCode).toBe(422);
      const [problem] = res.json().errors;
      expect(problem).toMatchObject({ field: 'startsOn', rule: 'decree-year-missing' });
      expect(problem.message).toContain('stapel tuition set --year 2031-32');
      expect(await auditCount()).toBe(before);
    });

    it('offers only published micro-credentials, and each edition code once', async () => {
      const draft = await t.app.inject({
        method: 'POST',
        url: `/api/v1/manage/${SCHELDE}/editions`,
        headers: staff(),
        payload: openEdition('PV-VR'),
      });
      expect(draft.statusCode).toBe(422);
      expect(draft.json().errors[0]).toMatchObject({
        field: 'microCredential',
        rule: 'micro-credential-not-published',
      });
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/v1/manage/${SCHELDE}/editions`,
        headers: staff(),
        payload: openEdition('PV-LEAN', { code: 'MC-DATA-2022' }),
      });
      expect(again.statusCode).toBe(409);
    });

    it('lists open and upcoming editions publicly, with price, places left and window', async () => {
      const open = await createEdition(openEdition('PV-LEAN', { capacity: 3 }));
      const upcoming = await createEdition(
        openEdition('PV-LEAN', { enrolmentOpensAt: at(3), enrolmentClosesAt: at(10), startsOn: day(20) }),
      );
      const closed = await createEdition(
        openEdition('PV-LEAN', { enrolmentOpensAt: at(-10), enrolmentClosesAt: at(-1) }),
      );
      const res = await t.app.inject(`/api/v1/institutions/${SCHELDE}/micro-credentials/PV-LEAN/editions`);
      expect(res.statusCode).toBe(200);
      const list = res.json() as Array<{ id: string }>;
      const ids = list.map((e) => e.id);
      expect(ids).toContain(open.id);
      expect(ids).toContain(upcoming.id);
      expect(ids).not.toContain(closed.id);
      expect(list.find((e) => e.id === open.id)).toMatchObject({
        placesLeft: 3,
        capacity: 3,
        enrolmentOpen: true,
        price: { cents: 45000, currency: 'EUR' },
        institution: { slug: SCHELDE },
        microCredential: { code: 'PV-LEAN', title: { nl: 'Lean werken in de zorg' } },
      });
      expect(list.find((e) => e.id === upcoming.id)).toMatchObject({ enrolmentOpen: false });
      const draft = await t.app.inject(`/api/v1/institutions/${SCHELDE}/micro-credentials/PV-VR/editions`);
      expect(draft.statusCode).toBe(404);
    });

    it('shows an edition’s prerequisites and the reductions a learner may ask for', async () => {
      const edition = await createEdition(openEdition('MC-DATA'));
      const res = await t.app.inject(`/api/v1/editions/${edition.id}`);
      expect(res.statusCode).toBe(200);
      const detail = res.json();
      expect(detail.prerequisites.nl).toBeTruthy();
      const jobSeeker = detail.reductions.find((r: { code: string }) => r.code === 'werkzoekende');
      expect(jobSeeker).toMatchObject({
        percent: 50,
        scope: 'platform',
        amountDueCents: Math.round(edition.price.cents / 2),
      });
      expect((await t.app.inject('/api/v1/editions/no-such-edition')).statusCode).toBe(404);
    });
  });

  describe('enrolment', () => {
    it('needs the prerequisites confirmed when the micro-credential states them', async () => {
      const edition = await createEdition(openEdition('MC-DATA'));
      const ann = await newLearner('ann');
      const before = await auditCount();
      const refused = await enrol(ann, edition.id, { confirmPrerequisites: false });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().errors[0]).toMatchObject({
        field: 'confirmPrerequisites',
        rule: 'prerequisites-not-confirmed',
      });
      expect(await auditCount()).toBe(before);
      const ok = await enrol(ann, edition.id, { confirmPrerequisites: true });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({
        status: 'pending',
        waitlistPosition: null,
        amountDueCents: edition.price.cents,
      });
      expect(await auditOf(ok.json().id)).toEqual([{ action: 'enrolment.enrol', actor_type: 'user' }]);
      const twice = await enrol(ann, edition.id);
      expect(twice.statusCode).toBe(409);
      expect(await auditCount()).toBe(before + 1);
    });

    it('refuses an account whose e-mail address is not verified, and anyone not signed in', async () => {
      const edition = await createEdition(openEdition('PV-LEAN'));
      const bob = await newLearner('bob', { verified: false });
      const before = await auditCount();
      const res = await enrol(bob, edition.id);
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toMatch(/confirm your e-mail address/i);
      const anonymous = await t.app.inject({
        method: 'POST',
        url: `/api/v1/editions/${edition.id}/enrolments`,
        payload: { confirmPrerequisites: true },
      });
      expect(anonymous.statusCode).toBe(401);
      const token = await t.app.inject({
        method: 'POST',
        url: `/api/v1/editions/${edition.id}/enrolments`,
        headers: staff(),
        payload: { confirmPrerequisites: true },
      });
      expect(token.statusCode).toBe(401);
      const noCsrf = await t.app.inject({
        method: 'POST',
        url: `/api/v1/editions/${edition.id}/enrolments`,
        headers: { cookie: bob.headers.cookie },
        payload: { confirmPrerequisites: true },
      });
      expect(noCsrf.statusCode).toBe(403);
      expect(await auditCount()).toBe(before);
      expect(
        await db().selectFrom('enrolments').select('id').where('edition_id', '=', edition.id).execute(),
      ).toEqual([]);
    });

    it('refuses enrolment outside the window', async () => {
      const later = await createEdition(
        openEdition('PV-LEAN', { enrolmentOpensAt: at(2), enrolmentClosesAt: at(9) }),
      );
      const past = await createEdition(
        openEdition('PV-LEAN', { enrolmentOpensAt: at(-9), enrolmentClosesAt: at(-2) }),
      );
      const cleo = await newLearner('cleo');
      const before = await auditCount();
      const early = await enrol(cleo, later.id);
      expect(early.statusCode).toBe(409);
      expect(early.json().detail).toMatch(/opens at/);
      const late = await enrol(cleo, past.id);
      expect(late.statusCode).toBe(409);
      expect(late.json().detail).toMatch(/closed at/);
      expect(await auditCount()).toBe(before);
    });

    it('fills the capacity, keeps a waiting list, and moves it up when staff refuse or a learner cancels', async () => {
      const edition = await createEdition(openEdition('PV-LEAN', { capacity: 2 }));
      const [a, b, c, d] = await Promise.all(['alice', 'bram', 'chloe', 'dirk'].map((n) => newLearner(n)));
      const ids: Record<string, string> = {};
      for (const [name, learner] of Object.entries({ a, b, c, d })) {
        const res = await enrol(learner!, edition.id);
        expect(res.statusCode, res.body).toBe(201);
        ids[name] = res.json().id;
      }
      const mine = await t.app.inject({ url: '/api/v1/me/enrolments', headers: c!.headers });
      expect(mine.json()).toEqual([
        expect.objectContaining({
          id: ids.c,
          status: 'waitlisted',
          waitlistPosition: 1,
          amountDueCents: 45000,
          edition: expect.objectContaining({ id: edition.id, code: edition.code }),
          microCredential: expect.objectContaining({
            code: 'PV-LEAN',
            title: expect.objectContaining({ nl: 'Lean werken in de zorg' }),
          }),
        }),
      ]);
      const list = await t.app.inject({
        url: `/api/v1/manage/${SCHELDE}/editions/${edition.code}/enrolments`,
        headers: staff(),
      });
      expect(
        list
          .json()
          .map((e: { status: string; waitlistPosition: number | null }) => [e.status, e.waitlistPosition]),
      ).toEqual([
        ['pending', null],
        ['pending', null],
        ['waitlisted', 1],
        ['waitlisted', 2],
      ]);
      const pub = await t.app.inject(`/api/v1/editions/${edition.id}`);
      expect(pub.json()).toMatchObject({ placesLeft: 0, waitlisted: 2 });

      // A refusal needs a reason; without one nothing changes.
      let before = await auditCount();
      const noReason = await decide(edition.code, ids.a!, { decision: 'refuse' });
      expect(noReason.statusCode).toBe(422);
      expect(noReason.json().errors[0]).toMatchObject({ field: 'reason', rule: 'decision-reason-required' });
      expect(await auditCount()).toBe(before);

      // Refusing frees a place: the longest-waiting learner moves up, and both are told by e-mail.
      const refused = await decide(edition.code, ids.a!, {
        decision: 'refuse',
        reason: 'No place in the ward rota.',
      });
      expect(refused.statusCode, refused.body).toBe(200);
      expect(refused.json()).toMatchObject({
        status: 'refused',
        decisionReason: 'No place in the ward rota.',
      });
      expect(await statusOf(ids.c!)).toBe('pending');
      expect(await auditOf(ids.a!)).toEqual([
        { action: 'enrolment.enrol', actor_type: 'user' },
        { action: 'enrolment.refuse', actor_type: 'token' },
      ]);
      expect(await auditOf(ids.c!)).toEqual([
        { action: 'enrolment.enrol', actor_type: 'user' },
        { action: 'enrolment.promote', actor_type: 'system' },
      ]);
      expect(await auditCount()).toBe(before + 2);
      const [refusalMail] = await mailTo(a!.email);
      expect(refusalMail!.subject).toContain('refused');
      expect(refusalMail!.body).toContain('No place in the ward rota.');
      expect((await mailTo(c!.email)).map((m) => m.subject)).toEqual([
        expect.stringContaining('place came free'),
      ]);
      const dirk = await t.app.inject({ url: '/api/v1/me/enrolments', headers: d!.headers });
      expect(dirk.json()[0]).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });

      // Accepting: the learner is told, with the amount due; deciding twice is refused.
      before = await auditCount();
      const accepted = await decide(edition.code, ids.b!, { decision: 'accept' });
      expect(accepted.json()).toMatchObject({ status: 'accepted' });
      const [acceptMail] = await mailTo(b!.email);
      expect(acceptMail!.subject).toContain('accepted');
      expect(acceptMail!.body).toContain('€450.00');
      expect((await decide(edition.code, ids.b!, { decision: 'accept' })).statusCode).toBe(409);
      expect((await decide(edition.code, ids.a!, { decision: 'accept' })).statusCode).toBe(409);
      expect(await auditCount()).toBe(before + 1);

      // Nobody cancels someone else's enrolment.
      const other = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/enrolments/${ids.b}`,
        headers: d!.headers,
      });
      expect(other.statusCode).toBe(404);

      // Cancelling an accepted place moves the waiting list up too.
      before = await auditCount();
      const cancelled = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/me/enrolments/${ids.b}`,
        headers: b!.headers,
      });
      expect(cancelled.statusCode, cancelled.body).toBe(200);
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', amountDueCents: 0 });
      expect(await statusOf(ids.d!)).toBe('pending');
      expect(await auditOf(ids.b!)).toEqual([
        { action: 'enrolment.enrol', actor_type: 'user' },
        { action: 'enrolment.accept', actor_type: 'token' },
        { action: 'enrolment.cancel', actor_type: 'user' },
      ]);
      expect(await auditCount()).toBe(before + 2);
      expect((await mailTo(d!.email)).map((m) => m.subject)).toEqual([
        expect.stringContaining('place came free'),
      ]);
      expect(
        (await t.app.inject({ method: 'DELETE', url: `/api/v1/me/enrolments/${ids.b}`, headers: b!.headers }))
          .statusCode,
      ).toBe(409);

      // Coming back after a cancellation reuses the enrolment; after a refusal not.
      const back = await enrol(b!, edition.id);
      expect(back.statusCode).toBe(201);
      expect(back.json()).toMatchObject({ id: ids.b, status: 'waitlisted', waitlistPosition: 1 });
      expect((await enrol(a!, edition.id)).statusCode).toBe(409);
    });

    it('moves the waiting list up when staff raise the capacity, and refuses a capacity below the places taken', async () => {
      const body = openEdition('PV-LEAN', { capacity: 1 });
      const edition = await createEdition(body);
      const [e, f] = await Promise.all(['eva', 'filip'].map((n) => newLearner(n)));
      await enrol(e!, edition.id);
      const waiting = (await enrol(f!, edition.id)).json();
      expect(waiting.status).toBe('waitlisted');
      const { code: _code, microCredential: _mc, ...update } = body;
      const url = `/api/v1/manage/${SCHELDE}/editions/${edition.code}`;
      const raised = await t.app.inject({
        method: 'PUT',
        url,
        headers: staff(),
        payload: { ...update, capacity: 2 },
      });
      expect(raised.statusCode, raised.body).toBe(200);
      expect(raised.json()).toMatchObject({ capacity: 2, placesLeft: 0, waitlisted: 0 });
      expect(await statusOf(waiting.id)).toBe('pending');
      expect((await mailTo(f!.email)).length).toBe(1);
      const before = await auditCount();
      const lowered = await t.app.inject({
        method: 'PUT',
        url,
        headers: staff(),
        payload: { ...update, capacity: 1 },
      });
      expect(lowered.statusCode).toBe(422);
      expect(lowered.json().errors[0]).toMatchObject({ field: 'capacity', rule: 'capacity-below-held' });
      expect(await auditCount()).toBe(before);
    });

    it('works out the amount due with a reduction', async () => {
      const edition = await createEdition(openEdition('PV-LEAN'));
      const gert = await newLearner('gert');
      const unknown = await enrol(gert, edition.id, {
        confirmPrerequisites: true,
        reduction: 'no-such-reduction',
      });
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json().errors[0]).toMatchObject({ field: 'reduction', rule: 'reduction-unknown' });
      const res = await enrol(gert, edition.id, { confirmPrerequisites: true, reduction: 'werkzoekende' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        amountDueCents: 22500,
        reduction: { code: 'werkzoekende', percent: 50 },
      });
      const mine = await t.app.inject({ url: '/api/v1/me/enrolments', headers: gert.headers });
      expect(mine.json()[0]).toMatchObject({ amountDueCents: 22500, edition: { price: { cents: 45000 } } });
    });

    it('lets staff add reductions of their own institution only', async () => {
      const before = await auditCount();
      const created = await t.app.inject({
        method: 'POST',
        url: `/api/v1/manage/${SCHELDE}/reductions`,
        headers: staff(),
        payload: { code: 'mantelzorger', label: { nl: 'Mantelzorger', en: 'Informal carer' }, percent: 30 },
      });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ code: 'mantelzorger', percent: 30, scope: 'institution' });
      expect(await auditCount()).toBe(before + 1);
      const dup = await t.app.inject({
        method: 'POST',
        url: `/api/v1/manage/${SCHELDE}/reductions`,
        headers: staff(),
        payload: { code: 'mantelzorger', label: { nl: 'Mantelzorger', en: 'Informal carer' }, percent: 30 },
      });
      expect(dup.statusCode).toBe(409);
      const bad = await t.app.inject({
        method: 'POST',
        url: `/api/v1/manage/${SCHELDE}/reductions`,
        headers: staff(),
        payload: { code: 'free', label: { nl: 'Gratis', en: 'Free' }, percent: 120 },
      });
      expect(bad.statusCode).toBe(422);
      const schelde = (
        await t.app.inject({ url: `/api/v1/manage/${SCHELDE}/reductions`, headers: staff() })
      ).json();
      expect(schelde.map((r: { code: string }) => r.code)).toEqual(
        expect.arrayContaining(['mantelzorger', 'werkzoekende']),
      );
      const leie = (
        await t.app.inject({ url: `/api/v1/manage/${LEIE}/reductions`, headers: staff(LEIE) })
      ).json();
      expect(leie.map((r: { code: string }) => r.code)).not.toContain('mantelzorger');

      // A Leie edition does not offer Schelde's reduction.
      const edition = await createEdition(openEdition('PV-KLIMAAT', { location: 'Gent' }), LEIE);
      const hanne = await newLearner('hanne');
      const beforeEnrol = await auditCount();
      const res = await enrol(hanne, edition.id, { confirmPrerequisites: true, reduction: 'mantelzorger' });
      expect(res.statusCode).toBe(422);
      expect(await auditCount()).toBe(beforeEnrol);
    });

    it('hides one institution’s editions and enrolments from another institution’s staff and from learners', async () => {
      const edition = await createEdition(openEdition('PV-LEAN'));
      const ine = await newLearner('ine');
      const enrolment = (await enrol(ine, edition.id)).json();
      const before = await auditCount();
      const base = `/api/v1/manage/${SCHELDE}/editions`;
      for (const [method, url, payload] of [
        ['GET', base, undefined],
        ['POST', base, openEdition('PV-LEAN')],
        ['GET', `${base}/${edition.code}`, undefined],
        ['GET', `${base}/${edition.code}/enrolments`, undefined],
        ['POST', `${base}/${edition.code}/enrolments/${enrolment.id}/decision`, { decision: 'accept' }],
        ['GET', `/api/v1/manage/${SCHELDE}/reductions`, undefined],
      ] as const) {
        const asLeie = await t.app.inject({
          method,
          url,
          headers: staff(LEIE),
          ...(payload ? { payload } : {}),
        });
        expect(asLeie.statusCode, `${method} ${url}`).toBe(404);
        const asLearner = await t.app.inject({
          method,
          url,
          headers: ine.headers,
          ...(payload ? { payload } : {}),
        });
        expect(asLearner.statusCode, `${method} ${url}`).toBe(404);
      }
      // Leie's staff on their own institution cannot reach Schelde's edition by its code either.
      const own = await t.app.inject({
        url: `/api/v1/manage/${LEIE}/editions/${edition.code}`,
        headers: staff(LEIE),
      });
      expect(own.statusCode).toBe(404);
      const decision = await decide(edition.code, enrolment.id, { decision: 'accept' }, LEIE);
      expect(decision.statusCode).toBe(404);
      expect(await auditCount()).toBe(before);
      expect(await statusOf(enrolment.id)).toBe('pending');
    });
  });

  describe('the contract', () => {
    it('documents a response schema for every 2xx answer of every enrolment route', async () => {
      const doc = (await t.app.inject('/api/openapi.json')).json() as {
        paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown> }>>;
      };
      const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods)
          .filter(([, operation]) => operation.tags?.includes('enrolment'))
          .map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
      );
      expect(routes.length).toBe(13);
      const undocumented = routes
        .filter(({ operation }) => {
          const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2/.test(status));
          return (
            success.length === 0 ||
            success.some(([, response]) => {
              const schema = (response as { content?: Record<string, { schema?: unknown }> }).content?.[
                'application/json'
              ]?.schema;
              return schema === undefined;
            })
          );
        })
        .map(({ route }) => route);
      expect(undocumented).toEqual([]);
    });

    it('refuses in the language of the request', async () => {
      const edition = await createEdition(openEdition('PV-LEAN'));
      const noor = await newLearner('noor');
      expect((await enrol(noor, edition.id)).statusCode).toBe(201);
      const twice = (lang: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/editions/${edition.id}/enrolments`,
          headers: { ...noor.headers, 'accept-language': lang },
          payload: { confirmPrerequisites: true },
        });
      const dutch = await twice('nl');
      expect(dutch.statusCode).toBe(409);
      expect(dutch.json().detail).toBe(`Je bent al ingeschreven voor ${edition.code} (in behandeling).`);
      const english = await twice('en');
      expect(english.json().detail).toBe(`You are already enrolled in ${edition.code} (pending).`);
      const tooLow = await t.app.inject({
        method: 'POST',
        url: `/api/v1/manage/${SCHELDE}/editions`,
        headers: { ...staff(), 'accept-language': 'nl' },
        payload: openEdition('PV-LEAN', { capacity: 0 }),
      });
      expect(tooLow.statusCode).toBe(422);
      expect(tooLow.json().detail).toMatch(/^Editie .* voldoet niet aan de regels\.$/);
      expect(tooLow.json().errors[0]).toMatchObject({
        field: 'capacity',
        rule: 'capacity-minimum',
        message: 'Een editie heeft minstens 1 plaats.',
      });
    });

    it('records the role staff act in, and tells the learner in both languages', async () => {
      const edition = await createEdition(openEdition('PV-LEAN'));
      const rik = await newLearner('rik');
      const enrolment = (await enrol(rik, edition.id)).json() as { id: string };
      const refused = await decide(edition.code, enrolment.id, { decision: 'refuse', reason: 'Vol.' });
      expect(refused.statusCode, refused.body).toBe(200);
      const records = await db()
        .selectFrom('audit_log')
        .select(['action', 'role'])
        .where((eb) => eb.or([eb('object_id', '=', enrolment.id), eb('object_id', '=', edition.id)]))
        .orderBy('at')
        .execute();
      expect(records).toEqual([
        { action: 'edition.create', role: 'registrar' },
        { action: 'enrolment.enrol', role: null },
        { action: 'enrolment.refuse', role: 'registrar' },
      ]);
      expect(await mailTo(rik.email)).toEqual([
        {
          subject: `Inschrijving geweigerd — Enrolment refused: ${edition.code}`,
          body: `Dag rik,\n\nJe inschrijving voor Lean werken in de zorg (${edition.code}) is geweigerd.\nReden: Vol.\n\nYour enrolment in Lean management in healthcare (${edition.code}) has been refused.\nReason: Vol.`,
        },
      ]);
    });
  });
});
