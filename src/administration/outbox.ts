import type { Db } from '../core/database.ts';
import type { Institution } from '../core/institution.ts';
import type { OutboxMessageView } from './schemas.ts';

/**
 * The institution's own mail, newest first (at most 200): account mail (verification, password reset)
 * belongs to no institution and is read by operators with `stapel outbox`. Tokens in links are hidden so
 * that an administrator cannot use someone else's invitation or reset link.
 *
 * @example
 * const messages = await listOutbox(db, institution);
 */
export async function listOutbox(db: Db, institution: Pick<Institution, 'id'>): Promise<OutboxMessageView[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('institution_id', '=', institution.id)
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) => ({ ...row, body: hideTokens(row.body) }));
}

/** Replaces the secret of every `?token=` link in a message. */
export function hideTokens(body: string): string {
  return body.replace(/([?&]token=)[^\s&]+/g, '$1…');
}
