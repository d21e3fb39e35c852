import type { Db, Tx } from '../core/database.ts';
import { credentialsWithFacts, heldByAccount } from '../issuing/manage-credentials.ts';

/**
 * Whether an account holds an issued credential: the credential was issued from one of its enrolments, or
 * awarded to its e-mail address once that address is confirmed: `heldByAccount`, the rule `learnerCredentials`
 * lists by too. An erased account holds nothing any more.
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
  const held = await heldByAccount(db, userId);
  if (!held) return new Set();
  const rows = await credentialsWithFacts(db)
    .select('c.id')
    .where('c.id', 'in', [...credentialIds])
    .where(held)
    .execute();
  return new Set(rows.map((r) => r.id));
}
