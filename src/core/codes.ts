import type { Db, Tx } from './database.ts';
import { ConflictError } from './errors.ts';

/** The tables whose rows an institution names by a code of its own. */
export type CodedTable = 'course_units' | 'micro_credentials' | 'editions';

/**
 * Refuses a code the institution already uses in `table` (409 `already-exists`, with the domain's message
 * `key` naming the code), so that every "already exists" reads and answers alike.
 *
 * @example await refuseTakenCode(tx, 'editions', institution.id, 'DATA-2027', 'edition-exists', 'Edition');
 */
export async function refuseTakenCode(
  db: Db | Tx,
  table: CodedTable,
  institutionId: string,
  code: string,
  key: string,
  noun: string,
): Promise<void> {
  const found = await db
    .selectFrom(table)
    .select('id')
    .where('institution_id', '=', institutionId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (found)
    throw new ConflictError('already-exists', `${noun} ${code} already exists.`, { key, params: { code } });
}
