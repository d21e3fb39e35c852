import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { refuse } from '../core/errors.ts';
import { type Actor } from '../core/actor.ts';
import { audit, type AuditEntry } from '../core/audit.ts';
import type { Command } from '../core/command.ts';

/** Where the links in account mail point: the installation's public URL. */
export interface SiteLinks {
  publicUrl: string;
}

/** An hour in milliseconds, for the lifetimes of links and sessions. */
export const HOUR = 3600_000;

export type TokenPurpose = 'verify-email' | 'reset-password' | 'change-email';

/**
 * How long a mailed link works, by what it is for: a reset link is short-lived because it grants the
 * account (its mail says "2 hours"); an address confirmation, of a new account or of a changed address, may
 * wait in a mailbox for two days.
 */
export const LINK_LIFETIME_MS: Readonly<Record<TokenPurpose, number>> = {
  'verify-email': 48 * HOUR,
  'reset-password': 2 * HOUR,
  'change-email': 48 * HOUR,
};

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export const newToken = () => randomBytes(32).toString('base64url');

export const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A new link token of the account for `purpose`, working for that purpose's lifetime; only its hash is stored. */
export async function issueUserToken(tx: Tx, userId: string, purpose: TokenPurpose): Promise<string> {
  const token = newToken();
  await tx
    .insertInto('user_tokens')
    .values({
      id: randomUUID(),
      user_id: userId,
      purpose,
      token_hash: sha256(token),
      expires_at: inMs(LINK_LIFETIME_MS[purpose]),
      used_at: null,
      created_at: nowIso(),
    })
    .execute();
  return token;
}

/** Refuses a link that does not work (used, replaced, expired or unknown): a mailed link, or an invitation. */
export function refuseToken(of: 'link' | 'invitation'): never {
  return refuse([{ field: 'token', rule: 'token-invalid', params: { of } }], {
    key: of === 'invitation' ? 'invitation-invalid' : 'link-invalid',
  });
}

/** The audit record of a change someone makes to their own account by proving it (a link, a password). */
export function auditAsAccount(cmd: Command, account: Actor, entry: Omit<AuditEntry, 'role'>): Promise<void> {
  return audit(cmd.tx, account, { ...entry, role: cmd.role });
}

export async function consumeUserToken(tx: Tx, token: string, purpose: TokenPurpose): Promise<string> {
  const row = await tx
    .selectFrom('user_tokens')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .where('purpose', '=', purpose)
    .executeTakeFirst();
  if (!row || row.used_at || row.expires_at < nowIso()) refuseToken('link');
  const usedAt = nowIso();
  await tx.updateTable('user_tokens').set({ used_at: usedAt }).where('id', '=', row.id).execute();
  if (purpose !== 'verify-email') {
    // One reset ends every other reset link of the account: an older mail left in a mailbox, or a link
    // someone else asked for, is worthless from now on. Likewise a confirmed address change ends the links
    // of the changes asked for before it.
    await tx
      .updateTable('user_tokens')
      .set({ used_at: usedAt })
      .where('user_id', '=', row.user_id)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .execute();
  }
  return row.user_id;
}

/**
 * Ends the unused links of an account for the given purposes: a new address change replaces the one asked
 * for before, so that only the latest address can be confirmed; a new address or password ends every link
 * mailed before it.
 *
 * @example
 * await retireUserTokens(tx, userId, 'change-email');
 * await retireUserTokens(tx, userId, 'reset-password', 'verify-email', 'change-email');
 */
export async function retireUserTokens(
  tx: Tx,
  userId: string,
  ...purposes: [TokenPurpose, ...TokenPurpose[]]
): Promise<void> {
  await tx
    .updateTable('user_tokens')
    .set({ used_at: nowIso() })
    .where('user_id', '=', userId)
    .where('purpose', 'in', purposes)
    .where('used_at', 'is', null)
    .execute();
}
