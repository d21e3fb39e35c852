import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../core/errors.ts';
import { STATUS } from '../credentials/bitstring.ts';
import type { CredentialRow } from '../core/schema.ts';
import type { IssuingContext } from './context.ts';
import { signStatusList } from './status-lists.ts';

export type StatusAction = 'revoke' | 'suspend' | 'unsuspend';
export type CredentialStatusName = 'valid' | 'revoked' | 'suspended';

const NAMES: Record<number, CredentialStatusName> = { 0: 'valid', 1: 'revoked', 2: 'suspended' };

/** Finds a credential by its `id` (the URL) or by the UUID at its end. */
export async function findCredential(db: Db | Tx, ref: string): Promise<CredentialRow> {
  const trimmed = ref.trim();
  const row = await db
    .selectFrom('credentials')
    .selectAll()
    .where((eb) => eb.or([eb('credential_url', '=', trimmed), eb('id', '=', trimmed)]))
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`There is no credential ${trimmed} on this platform.`);
  return row;
}

export interface StatusChange {
  id: string;
  status: CredentialStatusName;
  reason: string | null;
  changedAt: string;
}

/**
 * Revokes, suspends or reinstates a credential and re-signs its status list in the same transaction.
 * Revocation is final; suspension can be lifted.
 *
 * @example
 * await database.transaction((tx) => changeCredentialStatus(tx, context, id, 'revoke', 'issued in error'));
 */
export async function changeCredentialStatus(
  tx: Tx,
  context: IssuingContext,
  ref: string,
  action: StatusAction,
  reason?: string,
): Promise<StatusChange> {
  const row = await findCredential(tx, ref);
  const current = NAMES[row.status] ?? 'valid';
  if (action === 'revoke' && !reason?.trim()) {
    throw new ValidationError([
      { field: 'reason', rule: 'reason-required', message: 'say why the credential is revoked' },
    ]);
  }
  if (current === 'revoked')
    throw new ConflictError(
      'invalid-state',
      `Credential ${row.credential_url} is already revoked; revocation is final.`,
    );
  if (action === 'suspend' && current === 'suspended')
    throw new ConflictError('invalid-state', `Credential ${row.credential_url} is already suspended.`);
  if (action === 'unsuspend' && current !== 'suspended')
    throw new ConflictError('invalid-state', `Credential ${row.credential_url} is not suspended.`);
  const next = action === 'revoke' ? STATUS.revoked : action === 'suspend' ? STATUS.suspended : STATUS.valid;
  const changedAt = nowIso();
  await tx
    .updateTable('credentials')
    .set({ status: next, status_reason: reason?.trim() || null, status_changed_at: changedAt })
    .where('id', '=', row.id)
    .execute();
  const institution = await tx
    .selectFrom('institutions')
    .select(['id', 'slug'])
    .where('id', '=', row.institution_id)
    .executeTakeFirstOrThrow();
  await signStatusList(tx, context, institution, row.status_list_id);
  return { id: row.credential_url, status: NAMES[next]!, reason: reason?.trim() || null, changedAt };
}
