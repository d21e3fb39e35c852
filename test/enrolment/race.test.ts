import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/accounts/users.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestApp, type TestApp } from '../support/app.ts';

const SCHELDE = 'hogeschool-schelde';
const DAY = 86_400_000;
const PASSWORD = 'a long enough passphrase';
const LEARNERS = 10;

const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

// On PostgreSQL the requests run in truly parallel serializable transactions; SQLite serialises writers,
// so there the same test shows the rule holds without that machinery.
describe.each(databaseKinds())('learners racing for the last place on $name', (kind) => {
  let t: TestApp;
  let base: string;
  const db = () => t.database.handle.db;

  const signIn = async (name: string) => {
    const email = `${name}@race.example.org`;
    const { user } = await t.database.handle.transaction((tx) =>
      createUser(tx, { email, name, password: PASSWORD }),
    );
    await db()
      .updateTable('users')
      .set({ email_verified_at: new Date().toISOString() })
      .where('id', '=', user.id)
      .execute();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { email, password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'stapel_session')!;
    return { cookie: `stapel_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken as string };
  };

  const post = (url: string, headers: Record<string, string>, body: unknown) =>
    fetch(`${base}${url}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const held = async (editionId: string) =>
    db()
      .selectFrom('enrolments')
      .select(['id', 'status'])
      .where('edition_id', '=', editionId)
      .where('status', 'in', ['pending', 'accepted'])
      .execute();

  const warmPool = () =>
    Promise.all(
      Array.from({ length: LEARNERS }, () =>
        t.database.handle.db.transaction().execute(async (tx) => {
          await tx.selectFrom('editions').select('id').execute();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }),
      ),
    );

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives one place to exactly one of many learners enrolling at the same moment', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/manage/${SCHELDE}/editions`,
      headers: { authorization: `Bearer ${t.tokens[SCHELDE]}` },
      payload: {
        code: 'PV-LEAN-RACE',
        microCredential: 'PV-LEAN',
        startsOn: at(14).slice(0, 10),
        endsOn: at(60).slice(0, 10),
        enrolmentOpensAt: at(-1),
        enrolmentClosesAt: at(7),
        capacity: 1,
        mode: 'online',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const edition = created.json() as { id: string };
    const learners = await Promise.all(Array.from({ length: LEARNERS }, (_, i) => signIn(`racer-${i}`)));

    // Open every pool connection first, so that no request waits for a connect while the others run.
    await warmPool();
    const responses = await Promise.all(
      learners.map((headers) =>
        post(`/api/v1/editions/${edition.id}/enrolments`, headers, { confirmPrerequisites: true }),
      ),
    );
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as Array<{
      id: string;
      status: string;
      waitlistPosition: number | null;
    }>;
    expect(responses.map((r) => r.status)).toEqual(Array(LEARNERS).fill(201));
    expect(bodies.filter((b) => b.status === 'pending')).toHaveLength(1);
    expect(bodies.filter((b) => b.status === 'waitlisted')).toHaveLength(LEARNERS - 1);
    expect(await held(edition.id)).toHaveLength(1);

    const list = await t.app.inject({
      url: `/api/v1/manage/${SCHELDE}/editions/PV-LEAN-RACE/enrolments`,
      headers: { authorization: `Bearer ${t.tokens[SCHELDE]}` },
    });
    const positions = (list.json() as Array<{ waitlistPosition: number | null }>)
      .map((e) => e.waitlistPosition)
      .filter((p) => p !== null)
      .sort((a, b) => a - b);
    expect(positions).toEqual(Array.from({ length: LEARNERS - 1 }, (_, i) => i + 1));
    const audits = await db()
      .selectFrom('audit_log')
      .select('object_id')
      .where('action', '=', 'enrolment.enrol')
      .where(
        'object_id',
        'in',
        bodies.map((b) => b.id),
      )
      .execute();
    // Retried transactions leave no trace: one record per enrolment, not one per attempt.
    expect(audits).toHaveLength(LEARNERS);

    // The holder cancels while more learners arrive: the place still goes to exactly one learner.
    const holder = bodies.findIndex((b) => b.status === 'pending');
    const newcomers = await Promise.all(Array.from({ length: 4 }, (_, i) => signIn(`late-${i}`)));
    await warmPool();
    const cancel = fetch(`${base}/api/v1/me/enrolments/${bodies[holder]!.id}`, {
      method: 'DELETE',
      headers: learners[holder]!,
    });
    const late = newcomers.map((headers) =>
      post(`/api/v1/editions/${edition.id}/enrolments`, headers, { confirmPrerequisites: true }),
    );
    const settled = await Promise.all([cancel, ...late]);
    expect(settled.map((r) => r.status)).toEqual([200, 201, 201, 201, 201]);
    const holders = await held(edition.id);
    expect(holders).toHaveLength(1);
    // The longest-waiting learner of the first crowd moved up, not a newcomer.
    const firstInLine = (list.json() as Array<{ id: string; waitlistPosition: number | null }>).find(
      (e) => e.waitlistPosition === 1,
    );
    expect(holders[0]!.id).toBe(firstInLine!.id);
  });
});
