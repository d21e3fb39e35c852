import type { Command } from '../core/command.ts';

/** What forgetting a holder removed, for the erasure's audit record. */
export interface ForgottenHolding {
  shares: number;
  collections: number;
  importedCredentials: number;
}

/**
 * Removes everything the wallet keeps for a holder: which credentials they shared (their public pages
 * disappear), their collections with the items in them, and the credentials they imported. The
 * credentials issued to them stay: those are the institution's record, not the wallet's. Runs in the
 * caller's command; the caller (the erasure) writes the one audit record of the whole change.
 *
 * @example
 * const forgotten = await forgetHolder(cmd, userId);
 */
export async function forgetHolder(cmd: Command, userId: string): Promise<ForgottenHolding> {
  const { tx } = cmd;
  const collections = tx.selectFrom('collections').select('id').where('user_id', '=', userId);
  await tx.deleteFrom('collection_items').where('collection_id', 'in', collections).execute();
  const removedCollections = await tx
    .deleteFrom('collections')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  const shares = await tx.deleteFrom('credential_shares').where('user_id', '=', userId).executeTakeFirst();
  const imports = await tx
    .deleteFrom('imported_credentials')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return {
    shares: Number(shares.numDeletedRows),
    collections: Number(removedCollections.numDeletedRows),
    importedCredentials: Number(imports.numDeletedRows),
  };
}
