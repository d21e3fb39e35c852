import { randomBytes, randomUUID } from 'node:crypto';
import { setUp } from './set-up.ts';
import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../../src/core/database.ts';
import type { Role } from '../../src/core/actor.ts';
import { grantRole } from '../../src/accounts/memberships.ts';
import { createUser } from '../../src/accounts/users.ts';
import { getInstitution } from '../../src/institutions/store.ts';
import { TestClient } from './http.ts';

export const LEARNER_PASSWORD = 'learner password 1';
const STAFF_PASSWORD = 'staff password 1';

/** An edition of the published version of a micro-credential, inserted directly (dates in the past). */
export async function insertEdition(
  database: DatabaseHandle,
  code: string,
  microCredential: string,
  slug: string,
): Promise<string> {
  const version = await database.db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('institutions as i', 'i.id', 'm.institution_id')
    .select(['v.id', 'i.id as institution_id'])
    .where('m.code', '=', microCredential)
    .where('i.slug', '=', slug)
    .where('v.status', '=', 'published')
    .executeTakeFirstOrThrow();
  const id = randomUUID();
  await database.db
    .insertInto('editions')
    .values({
      id,
      institution_id: version.institution_id,
      micro_credential_version_id: version.id,
      code,
      starts_on: '2025-01-06',
      ends_on: '2025-01-31',
      enrolment_opens_at: '2024-11-01T00:00:00.000Z',
      enrolment_closes_at: '2024-12-20T00:00:00.000Z',
      capacity: 30,
      mode: 'blended',
      language: 'nl',
      location: null,
      academic_year: '2024-25',
      price_cents: 0,
      status: 'scheduled',
      created_at: new Date().toISOString(),
    })
    .execute();
  return id;
}

export interface InsertEnrolmentOptions {
  status?: string;
  /** Mark the learner's e-mail address as confirmed. */
  verified?: boolean;
}

/** A learner with an account (created when new) and an enrolment in the edition. */
export async function insertEnrolment(
  database: DatabaseHandle,
  editionId: string,
  email: string,
  options: InsertEnrolmentOptions = {},
): Promise<string> {
  return database.transaction(async (tx) => {
    const existing = await tx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    const userId =
      existing?.id ??
      (await createUser(tx, { email, name: `Learner ${email.split('@')[0]}`, password: LEARNER_PASSWORD }))
        .user.id;
    if (options.verified) {
      await tx
        .updateTable('users')
        .set({ email_verified_at: new Date().toISOString() })
        .where('id', '=', userId)
        .execute();
    }
    const id = randomUUID();
    const now = new Date().toISOString();
    await tx
      .insertInto('enrolments')
      .values({
        id,
        edition_id: editionId,
        user_id: userId,
        status: options.status ?? 'accepted',
        waitlist_since: null,
        prerequisites_confirmed_at: null,
        reduction_id: null,
        amount_due_cents: 0,
        decided_by: null,
        decision_reason: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  });
}

/** A signed-in staff member holding one role at the institution. */
export async function staffClient(
  app: FastifyInstance,
  database: DatabaseHandle,
  role: Role,
  slug: string,
): Promise<TestClient> {
  const email = `${role}-${randomBytes(4).toString('hex')}@example.org`;
  await setUp(database, async (cmd) => {
    const { tx } = cmd;
    const { user } = await createUser(tx, { email, name: `Test ${role}`, password: STAFF_PASSWORD });
    await grantRole(cmd, { id: (await getInstitution(tx, slug)).id }, { userId: user.id, role });
  });
  const client = new TestClient(app);
  await client.signIn(email, STAFF_PASSWORD);
  return client;
}
