import type { Db, TransactionOptions, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, NotFoundError, refuse } from '../core/errors.ts';
import { STATUS, listValue, statusPurposeOf } from '../credentials/bitstring.ts';
import type { CredentialRow } from '../core/schema.ts';
import type { IssuingContext } from './context.ts';
import type { StatusChange } from './schemas.ts';
import { lockStatusLists, signStatusList } from './status-lists.ts';

export type { StatusChange } from './schemas.ts';

export type StatusAction = 'revoke' | 'suspend' | 'unsuspend';
export type CredentialStatusName = 'valid' | 'revoked' | 'suspended';

const NAMES: Record<number, CredentialStatusName> = { 0: 'valid', 1: 'revoked', 2: 'suspended' };

/**
 * Status changes lock their lists (see lockStatusLists) and need to see what was committed while they
 * waited: read committed, where serializable would turn every wait into a conflict to retry.
 */
export const STATUS_TRANSACTION: TransactionOptions = { isolation: 'read committed' };

/** Finds a credential by its `id` (the URL) or by the UUID at its end. */
export async function findCredential(db: Db | Tx, ref: string): Promise<CredentialRow> {
  const trimmed = ref.trim();
  const row = await db
    .selectFrom('credentials')
    .selectAll()
    .where((eb) => eb.or([eb('credential_url', '=', trimmed), eb('id', '=', trimmed)]))
    .executeTakeFirst();
  if (!row)
    throw new NotFoundError(`There is no credential ${trimmed} on this platform.`, {
      key: 'credential-unknown',
      params: { id: trimmed },
    });
  return row;
}

/** A change and what it replaced, read under the list lock (for the audit record). */
export interface StatusChangeResult extends StatusChange {
  previous: { status: CredentialStatusName; reason: string | null };
}

/**
 * Whether a credential can be suspended: it has a suspension entry, or it is one of the credentials issued
 * before one-bit lists, whose two-bit `message` entry holds suspension too.
 *
 * @example
 * canSuspend({ suspensionListId: null, listPurpose: 'revocation' }); // false
 */
export function canSuspend(entry: { suspensionListId: string | null; listPurpose: string }): boolean {
  return entry.suspensionListId !== null || entry.listPurpose === 'message';
}

/**
 * Revokes, suspends or reinstates a credential and re-signs its status lists in the same transaction
 * (run it with STATUS_TRANSACTION). Revocation is final; suspension can be lifted, and is refused for a
 * credential that has no suspension entry, since no verifier could see it.
 *
 * @example
 * await database.transaction((tx) => changeCredentialStatus(tx, context, id, 'revoke', 'issued in error'), STATUS_TRANSACTION);
 */
export async function changeCredentialStatus(
  tx: Tx,
  context: IssuingContext,
  ref: string,
  action: StatusAction,
  reason?: string,
): Promise<StatusChangeResult> {
  const found = await findCredential(tx, ref);
  const lists = [found.status_list_id, ...(found.suspension_list_id ? [found.suspension_list_id] : [])];
  // Every change of this credential locks its revocation list first, so the state read below is current.
  await lockStatusLists(tx, context, lists);
  const row = await findCredential(tx, found.id);
  const current = NAMES[row.status] ?? 'valid';
  if (action === 'revoke' && !reason?.trim())
    refuse([{ field: 'reason', rule: 'status-reason-required', params: { action } }]);
  const id = { id: row.credential_url };
  if (current === 'revoked')
    throw new ConflictError(
      'invalid-state',
      `Credential ${row.credential_url} is already revoked; revocation is final.`,
      { key: 'credential-already-revoked', params: id },
    );
  const entries = await tx
    .selectFrom('status_lists')
    .select(['id', 'purpose'])
    .where('id', 'in', lists)
    .execute();
  const listPurpose = entries.find((e) => e.id === row.status_list_id)?.purpose ?? 'revocation';
  if (action === 'suspend' && !canSuspend({ suspensionListId: row.suspension_list_id, listPurpose }))
    throw new ConflictError(
      'suspension-not-available',
      `Credential ${row.credential_url} cannot be suspended: it carries a revocation status only.`,
      { key: 'suspension-not-available', params: id },
    );
  if (action === 'suspend' && current === 'suspended')
    throw new ConflictError('invalid-state', `Credential ${row.credential_url} is already suspended.`, {
      key: 'credential-already-suspended',
      params: id,
    });
  if (action === 'unsuspend' && current !== 'suspended')
    throw new ConflictError('invalid-state', `Credential ${row.credential_url} is not suspended.`, {
      key: 'credential-not-suspended',
      params: id,
    });
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
  // Only the lists whose bit changes are signed again: revoking a suspended credential touches both.
  for (const entry of entries) {
    const purpose = statusPurposeOf(entry.purpose);
    if (listValue(purpose, row.status) !== listValue(purpose, next))
      await signStatusList(tx, context, institution, entry.id);
  }
  return {
    id: row.credential_url,
    status: NAMES[next]!,
    reason: reason?.trim() || null,
    changedAt,
    previous: { status: current, reason: row.status_reason },
  };
}
