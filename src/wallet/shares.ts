import type { Command } from '../core/command.ts';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { NotFoundError } from '../core/errors.ts';
import { heldAmong, holdsCredential } from './holding.ts';

/** A credential the account does not hold is as good as unknown to it. */
export function credentialNotHeld(id: string): NotFoundError {
  return new NotFoundError(`You hold no credential ${id}.`, { key: 'credential-not-held', params: { id } });
}

/**
 * Whether the holder made a credential public. A share counts only while its account holds the credential
 * and is not erased, so that an address that moved or an erased account shares nothing.
 *
 * @example
 * if (await isShared(db, credentialId)) reply.send(document);
 */
export async function isShared(db: Db | Tx, credentialId: string): Promise<boolean> {
  const share = await db
    .selectFrom('credential_shares')
    .select('user_id')
    .where('credential_id', '=', credentialId)
    .executeTakeFirst();
  return share ? holdsCredential(db, share.user_id, credentialId) : false;
}

/**
 * The credentials an account shares (by id), for the wallet's list.
 *
 * @example
 * const shared = await sharedCredentialIds(db, userId); // → Set { '4f0c…' }
 */
export async function sharedCredentialIds(db: Db | Tx, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('credential_shares')
    .select('credential_id')
    .where('user_id', '=', userId)
    .execute();
  return heldAmong(
    db,
    userId,
    rows.map((r) => r.credential_id),
  );
}

/**
 * The holder turns the public page of one of their credentials on or off; effective at once. Audited as
 * `credential.share` or `credential.unshare` when it changes anything.
 *
 * @example
 * await runRequestCommand(request, context, (cmd) => setCredentialShared(cmd, userId, id, true));
 */
export async function setCredentialShared(
  cmd: Command,
  userId: string,
  credentialId: string,
  shared: boolean,
): Promise<{ shared: boolean }> {
  const { tx } = cmd;
  if (!(await holdsCredential(tx, userId, credentialId))) throw credentialNotHeld(credentialId);
  const existing = await tx
    .selectFrom('credential_shares')
    .select(['user_id', 'shared_at'])
    .where('credential_id', '=', credentialId)
    .executeTakeFirst();
  if (shared === (existing?.user_id === userId)) return { shared };
  // One row per credential: a share left by another account that no longer holds it is replaced.
  await tx.deleteFrom('credential_shares').where('credential_id', '=', credentialId).execute();
  if (shared)
    await tx
      .insertInto('credential_shares')
      .values({ credential_id: credentialId, user_id: userId, shared_at: nowIso() })
      .execute();
  await cmd.audit({
    action: shared ? 'credential.share' : 'credential.unshare',
    objectType: 'credential',
    objectId: credentialId,
    // The holder's own choice: recorded, but not in the issuing institution's log.
    institutionId: null,
    before: { shared: !shared },
    after: { shared },
  });
  return { shared };
}
