import type { Db, Tx } from '../core/database.ts';

/**
 * Whether an account holds an issued credential: the credential was issued from one of its enrolments, or
 * awarded to its e-mail address once that address is confirmed (as `learnerCredentials` lists them). An
 * erased account holds nothing any more.
 *
 * @example
 * if (!(await holdsCredential(db, userId, credentialId))) throw new NotFoundError();
 */
export async function holdsCredential(db: Db | Tx, userId: string, credentialId: string): Promise<boolean> {
  const held = await heldAmong(db, userId, [credentialId]);
  return held.has(credentialId);
}

/**
 * Which of the given credentials (by id) the account holds.
 *
 * @example
 * const held = await heldAmong(db, userId, ['c1', 'c2']); // → Set { 'c1' }
 */
export async function heldAmong(
  db: Db | Tx,
  userId: string,
  credentialIds: readonly string[],
): Promise<Set<string>> {
  if (credentialIds.length === 0) return new Set();
  const user = await db
    .selectFrom('users')
    .select(['email', 'email_verified_at', 'erased_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.erased_at) return new Set();
  const rows = await db
    .selectFrom('credentials as c')
    .innerJoin('learners as l', 'l.id', 'c.learner_id')
    .leftJoin('enrolments as n', 'n.id', 'c.enrolment_id')
    .select('c.id')
    .where('c.id', 'in', [...credentialIds])
    .where((eb) =>
      eb.or([
        eb('n.user_id', '=', userId),
        ...(user.email_verified_at ? [eb('l.email', '=', user.email.toLowerCase())] : []),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}
