import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/databases.ts';
import { TestClient } from '../support/http.ts';
import { setUp } from '../support/set-up.ts';
import { insertEdition, insertEnrolment } from '../support/cohort.ts';
import { createUser } from '../../src/accounts/users.ts';
import { grantRole } from '../../src/accounts/memberships.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { platformVerifier } from '../../src/verification/platform-verifier.ts';
import { erasedIdentity, scrubText } from '../../src/privacy/pseudonym.ts';
import {
  awardTo,
  lastMailTo,
  patch,
  signedUpLearner,
  startOwnDataApp,
  walletRowsFor,
  type OwnDataApp,
} from './own-data-fixture.ts';

const IMPORTED = fs.readFileSync(new URL('../fixtures/privacy/imported-badge.json', import.meta.url), 'utf8');
const PASSWORD = 'correct horse battery';
const EMAIL = 'lien.lerende@example.org';
const FORMER_NAME = 'Lien Leerling';
const NAME = 'Lien Lerende';

/** Every row of every table, as text per table and column: where a name or an address could hide. */
async function everyText(t: OwnDataApp): Promise<Array<{ table: string; column: string; text: string }>> {
  const handle = t.fixture.db.handle;
  const tables =
    handle.dialect === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(handle.db)
      : await sql<{ name: string }>`select name from sqlite_master
          where type = 'table' and name not like 'sqlite_%'`.execute(handle.db);
  const found: Array<{ table: string; column: string; text: string }> = [];
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(handle.db);
    for (const row of rows.rows)
      for (const [column, value] of Object.entries(row))
        if (typeof value === 'string') found.push({ table: name, column, text: value.toLowerCase() });
  }
  return found;
}

describe.each(databaseKinds())('erasing one’s own account on $name', (kind) => {
  let t: OwnDataApp;
  let client: TestClient;
  let userId: string;
  let downloaded: Record<string, unknown>;
  let credentialId: string;

  beforeAll(async () => {
    t = await startOwnDataApp(kind);
    client = await signedUpLearner(t, { email: EMAIL, name: FORMER_NAME, password: PASSWORD });
    await patch(client, '/api/v1/me/profile', { name: NAME });
    userId = (await client.get('/api/v1/me/profile')).json().id;
    const edition = await insertEdition(t.fixture.db.handle, 'PV-LEAN-E', 'PV-LEAN', 'hogeschool-schelde');
    await insertEnrolment(t.fixture.db.handle, edition, EMAIL);
    await t
      .db()
      .updateTable('enrolments')
      .set({
        decision_reason: `Aanvaard: ${NAME} heeft de voorkennis`,
        prerequisites_confirmed_at: '2025-01-01T00:00:00.000Z',
      })
      .where('user_id', '=', userId)
      .execute();
    const awarded = await awardTo(t, EMAIL, NAME);
    downloaded = (await client.get('/api/v1/me/credentials')).json()[0].document;
    expect(downloaded.id).toBe(awarded.credentials[0]!.id);
    const credential = await t
      .db()
      .selectFrom('credentials')
      .select('id')
      .where('credential_url', '=', awarded.credentials[0]!.id)
      .executeTakeFirstOrThrow();
    await walletRowsFor(t.db(), userId, credential.id, IMPORTED);
    credentialId = credential.id;
    // Texts that name the person by name alone, in rows that are not theirs and in their credential row.
    const otherEdition = await insertEdition(
      t.fixture.db.handle,
      'PV-LEAN-F',
      'PV-LEAN',
      'hogeschool-schelde',
    );
    const otherEnrolment = await insertEnrolment(t.fixture.db.handle, otherEdition, 'buur@example.org');
    await t
      .db()
      .updateTable('enrolments')
      .set({ decision_reason: `Samen met ${FORMER_NAME} in januari ingeschreven` })
      .where('id', '=', otherEnrolment)
      .execute();
    await t
      .db()
      .updateTable('credentials')
      .set({ status_reason: `Nagekeken op vraag van ${NAME.toUpperCase()}` })
      .where('id', '=', credential.id)
      .execute();
    await setUp(t.fixture.db.handle, async (cmd) => {
      await cmd.mail.send({
        to: 'coordinator@example.org',
        subject: `Nieuwe inschrijving: ${NAME}`,
        body: `${FORMER_NAME} schreef zich in voor PV-LEAN-E.`,
      });
      await cmd.audit({
        action: 'enrolment.decide',
        objectType: 'enrolment',
        objectId: otherEnrolment,
        after: { status: 'accepted', reason: `Samen met ${NAME}` },
      });
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a wrong password or confirmation, and staff while they hold a role, writing nothing', async () => {
    await setUp(t.fixture.db.handle, async (cmd) => {
      const { user } = await createUser(cmd.tx, {
        email: 'staf@example.org',
        name: 'Stef Staf',
        password: PASSWORD,
      });
      await grantRole(cmd, await getInstitution(cmd.tx, 'hogeschool-schelde'), {
        userId: user.id,
        role: 'designer',
      });
    });
    const before = await t.db().selectFrom('audit_log').select('id').execute();
    const wrong = await client.post('/api/v1/me/erase', { password: 'not my password', confirmation: EMAIL });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'password', rule: 'password-wrong' });
    const typo = await client.post(
      '/api/v1/me/erase',
      { password: PASSWORD, confirmation: 'lien@example.org' },
      { 'accept-language': 'nl' },
    );
    expect(typo.statusCode).toBe(422);
    expect(typo.json().errors[0]).toMatchObject({ field: 'confirmation', rule: 'erase-confirmation-wrong' });
    expect(typo.json().errors[0].message).toContain('Typ het e-mailadres');

    const staff = new TestClient(t.app);
    await staff.signIn('staf@example.org', PASSWORD);
    const refused = await staff.post(
      '/api/v1/me/erase',
      { password: PASSWORD, confirmation: 'staf@example.org' },
      { 'accept-language': 'nl' },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('Vraag een beheerder');
    const english = await staff.post('/api/v1/me/erase', {
      password: PASSWORD,
      confirmation: 'staf@example.org',
    });
    expect(english.json().detail).toContain('Ask an administrator');
    expect(await t.db().selectFrom('audit_log').select('id').execute()).toHaveLength(before.length);
    expect((await client.get('/api/v1/me/profile')).statusCode).toBe(200);
  });

  it('erases name and address everywhere, keeps the issued credential valid, and signs out', async () => {
    const credentialsBefore = await t.db().selectFrom('credentials').selectAll().orderBy('id').execute();
    const listsBefore = await t.db().selectFrom('status_lists').selectAll().orderBy('id').execute();
    const other = new TestClient(t.app);
    await other.signIn(EMAIL, PASSWORD);

    const erased = await client.post('/api/v1/me/erase', {
      password: PASSWORD,
      confirmation: ` ${EMAIL.toUpperCase()} `,
    });
    expect(erased.statusCode).toBe(200);
    expect(erased.json().erasedAt).toMatch(/Z$/);
    const cookie = erased.cookies.find((c) => c.name === 'stapel_session');
    expect(cookie?.value).toBe('');
    expect((await client.get('/api/v1/session')).statusCode).toBe(401);
    expect((await other.get('/api/v1/session')).statusCode).toBe(401);
    expect((await new TestClient(t.app).signIn(EMAIL, PASSWORD)).statusCode).toBe(401);

    const pseudonym = erasedIdentity(userId);
    const user = await t
      .db()
      .selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(user).toMatchObject({
      email: pseudonym.emails[0],
      name: pseudonym.names[0],
      password_hash: null,
      pending_email: null,
    });
    expect(user.erased_at).not.toBeNull();
    const learner = await t
      .db()
      .selectFrom('learners')
      .selectAll()
      .where('email', '=', pseudonym.emails[0]!)
      .executeTakeFirstOrThrow();
    expect(learner.name).toBeNull();
    const enrolment = await t
      .db()
      .selectFrom('enrolments')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(enrolment).toMatchObject({
      decision_reason: null,
      prerequisites_confirmed_at: null,
      reduction_id: null,
    });

    for (const table of [
      'credential_shares',
      'collections',
      'imported_credentials',
      'sessions',
      'user_tokens',
    ] as const)
      expect(
        await t.db().selectFrom(table).select('user_id').where('user_id', '=', userId).execute(),
      ).toEqual([]);
    expect(await t.db().selectFrom('collection_items').selectAll().execute()).toEqual([]);

    // No table holds the address or either name any more, except the signed credential documents.
    const leftovers = (await everyText(t)).filter(
      (cell) =>
        [EMAIL, NAME.toLowerCase(), FORMER_NAME.toLowerCase()].some((needle) => cell.text.includes(needle)) &&
        !(cell.table === 'credentials' && cell.column === 'document'),
    );
    expect(leftovers.map((c) => `${c.table}.${c.column}`)).toEqual([]);

    // The institution's record stands: credential rows (but for the words of a status reason) and status
    // lists byte for byte as before.
    const credentialsAfter = await t.db().selectFrom('credentials').selectAll().orderBy('id').execute();
    const withoutReason = (rows: typeof credentialsAfter) => rows.map(({ status_reason: _, ...row }) => row);
    expect(withoutReason(credentialsAfter)).toEqual(withoutReason(credentialsBefore));
    expect(credentialsAfter.find((c) => c.id === credentialId)!.status_reason).toBe(
      `Nagekeken op vraag van ${pseudonym.names[0]}`,
    );
    // Others' texts keep their words: only the name went.
    const neighbour = await t
      .db()
      .selectFrom('enrolments as n')
      .innerJoin('users as u', 'u.id', 'n.user_id')
      .select('n.decision_reason')
      .where('u.email', '=', 'buur@example.org')
      .executeTakeFirstOrThrow();
    expect(neighbour.decision_reason).toBe(`Samen met ${pseudonym.names[0]} in januari ingeschreven`);
    expect(await t.db().selectFrom('status_lists').selectAll().orderBy('id').execute()).toEqual(listsBefore);
    const verifier = platformVerifier(t.fixture.db.handle, t.fixture.context.settings);
    const result = await verifier.verify(downloaded);
    expect(result.verified).toBe(true);

    // The audit log keeps what happened under the pseudonym.
    const label = `${pseudonym.names[0]} <${pseudonym.emails[0]}>`;
    const entries = await t.db().selectFrom('audit_log').selectAll().where('actor_id', '=', userId).execute();
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['account.rename', 'account.erase']));
    expect(entries.every((e) => e.actor_label === label)).toBe(true);
    const rename = entries.find((e) => e.action === 'account.rename')!;
    expect(JSON.parse(rename.after!)).toEqual({ name: pseudonym.names[0] });
    const erase = entries.find((e) => e.action === 'account.erase')!;
    expect(JSON.parse(erase.after!)).toMatchObject({ shares: 1, collections: 1, importedCredentials: 1 });
    // And mail to the erased address is gone with it.
    await expect(lastMailTo(t.db(), EMAIL)).rejects.toThrow();
  });
});

describe('the pseudonym of an erased account', () => {
  it('replaces every address (any case) and name, longest name first', () => {
    const who = { emails: ['lien@example.be'], names: ['Lien', 'Lien Lerende'] };
    expect(scrubText('Lien Lerende <LIEN@example.be>, Lien', who, erasedIdentity('7'))).toBe(
      'erased-7 <erased-7@erased.invalid>, erased-7',
    );
  });

  it('replaces a name only as a whole word', () => {
    const who = { emails: [], names: ['Jan', 'Élise'] };
    expect(scrubText('Jan en élise, in januari; Janssens en Élisebeth', who, erasedIdentity('7'))).toBe(
      'erased-7 en erased-7, in januari; Janssens en Élisebeth',
    );
  });
});
