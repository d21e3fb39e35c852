import { randomInt, randomUUID } from 'node:crypto';
import type { Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import {
  Bitstring,
  STATUS,
  STATUS_LIST_ENTRIES,
  listValue,
  statusPurposeOf,
  statusSizeFor,
  type StatusPurpose,
} from '../credentials/bitstring.ts';
import { institutionDid } from '../credentials/did.ts';
import { ensureIssuerKey, loadSigningKey } from '../credentials/keys.ts';
import { statusListUrl } from '../credentials/platform-documents.ts';
import { signingLoader } from './signing.ts';
import { signCredential } from '../credentials/sign.ts';
import { buildStatusListCredential } from '../credentials/status-list-credential.ts';
import type { IssuingContext } from './context.ts';

/** How long verifiers may cache a status list: short, so that a revocation is seen within minutes. */
export const STATUS_LIST_TTL_MS = 5 * 60 * 1000;

/** Random attempts on one list before a fresh list is opened; a list is then roughly 80 % used. */
const ATTEMPTS_PER_LIST = 8;

/** The purposes new credentials get entries for; `message` lists only serve credentials issued before. */
export type IssuedStatusPurpose = Exclude<StatusPurpose, 'message'>;

export interface StatusSlot {
  listId: string;
  listUrl: string;
  index: number;
}

/** The credentials columns that hold a credential's entry on a list of each purpose. */
const SLOT_COLUMNS = {
  revocation: { list: 'status_list_id', index: 'status_index' },
  message: { list: 'status_list_id', index: 'status_index' },
  suspension: { list: 'suspension_list_id', index: 'suspension_index' },
} as const;

/**
 * Picks a random unused index on the institution's newest list of the given purpose (random, so that an
 * index says nothing about when or to whom a credential was issued), opening a list when there is none or
 * the newest seems full. The index is only reserved by inserting the credential row: the unique
 * (list, index) constraints are what keep two processes from sharing one.
 *
 * @example
 * const slot = await pickStatusSlot(tx, context, institution, 'revocation');
 */
export async function pickStatusSlot(
  tx: Tx,
  context: IssuingContext,
  institution: { id: string; slug: string },
  purpose: IssuedStatusPurpose,
  avoid: ReadonlySet<string> = new Set(),
): Promise<StatusSlot> {
  const list = await tx
    .selectFrom('status_lists')
    .select(['id', 'size'])
    .where('institution_id', '=', institution.id)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const columns = SLOT_COLUMNS[purpose];
  if (list) {
    for (let attempt = 0; attempt < ATTEMPTS_PER_LIST; attempt++) {
      const index = randomInt(list.size);
      if (avoid.has(`${list.id}:${index}`)) continue;
      const taken = await tx
        .selectFrom('credentials')
        .select('id')
        .where(columns.list, '=', list.id)
        .where(columns.index, '=', index)
        .executeTakeFirst();
      if (!taken)
        return { listId: list.id, listUrl: statusListUrl(context.settings.publicUrl, list.id), index };
    }
  }
  const listId = await createStatusList(tx, context, institution, purpose);
  return {
    listId,
    listUrl: statusListUrl(context.settings.publicUrl, listId),
    index: randomInt(STATUS_LIST_ENTRIES),
  };
}

async function createStatusList(
  tx: Tx,
  context: IssuingContext,
  institution: { id: string; slug: string },
  purpose: IssuedStatusPurpose,
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await tx
    .insertInto('status_lists')
    .values({
      id,
      institution_id: institution.id,
      purpose,
      size: STATUS_LIST_ENTRIES,
      status_size: statusSizeFor(purpose),
      credential: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await signStatusList(tx, context, institution, id);
  return id;
}

/**
 * Takes the row locks of the given status lists, in one order (so that two changes never wait on each
 * other), until the transaction ends. On PostgreSQL this is what serialises changes to one list across
 * processes: under read committed, whatever runs after the lock sees every change committed before it, so
 * a re-signed list never drops another process's change. SQLite already serialises writers.
 *
 * @example
 * await lockStatusLists(tx, context, [row.status_list_id]);
 */
export async function lockStatusLists(
  tx: Tx,
  context: IssuingContext,
  listIds: readonly string[],
): Promise<void> {
  if (context.database.dialect !== 'postgres' || listIds.length === 0) return;
  await tx
    .selectFrom('status_lists')
    .select('id')
    .where('id', 'in', [...new Set(listIds)].sort())
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * Rebuilds a status list from `credentials.status` (the one source of truth: a revocation list sets the
 * bits of revoked credentials, a suspension list those of suspended ones, a message list holds the two-bit
 * status) and signs it again. Runs in the transaction that changed a status, after `lockStatusLists`, so
 * the published list never disagrees with the database.
 *
 * @example
 * await signStatusList(tx, context, institution, row.status_list_id);
 */
export async function signStatusList(
  tx: Tx,
  context: IssuingContext,
  institution: { id: string; slug: string },
  listId: string,
): Promise<void> {
  const list = await tx
    .selectFrom('status_lists')
    .selectAll()
    .where('id', '=', listId)
    .executeTakeFirstOrThrow();
  const purpose = statusPurposeOf(list.purpose);
  const columns = SLOT_COLUMNS[purpose];
  const bitstring = new Bitstring(list.size, list.status_size);
  const set = await tx
    .selectFrom('credentials')
    .select([`${columns.index} as index`, 'status'])
    .where(columns.list, '=', listId)
    .where('status', '!=', STATUS.valid)
    .execute();
  for (const row of set) {
    const value = listValue(purpose, row.status);
    if (value !== 0 && row.index !== null) bitstring.set(row.index, value);
  }
  const did = institutionDid(context.settings.publicUrl, institution.slug);
  await ensureIssuerKey(tx, institution.id, context.masterKey);
  const key = await loadSigningKey(tx, institution.id, did, context.masterKey);
  const now = nowIso();
  const unsigned = buildStatusListCredential({
    url: statusListUrl(context.settings.publicUrl, listId),
    issuer: did,
    statusPurpose: purpose,
    bitstring,
    validFrom: now,
    ttlMs: STATUS_LIST_TTL_MS,
  });
  const signed = await signCredential(unsigned, key, signingLoader(tx, context));
  await tx
    .updateTable('status_lists')
    .set({ credential: JSON.stringify(signed), updated_at: now })
    .where('id', '=', listId)
    .execute();
}
