import { randomInt, randomUUID } from 'node:crypto';
import type { Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { Bitstring, STATUS, STATUS_LIST_ENTRIES, STATUS_SIZE } from '../credentials/bitstring.ts';
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

export interface StatusSlot {
  listId: string;
  listUrl: string;
  index: number;
}

/**
 * Picks a random unused index on the institution's newest status list (random, so that an index says
 * nothing about when or to whom a credential was issued). The index is only reserved by inserting the
 * credential row: the unique (list, index) constraint is what keeps two processes from sharing one.
 */
export async function pickStatusSlot(
  tx: Tx,
  context: IssuingContext,
  institution: { id: string; slug: string },
  avoid: ReadonlySet<string> = new Set(),
): Promise<StatusSlot> {
  const list = await tx
    .selectFrom('status_lists')
    .select(['id', 'size'])
    .where('institution_id', '=', institution.id)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (list) {
    for (let attempt = 0; attempt < ATTEMPTS_PER_LIST; attempt++) {
      const index = randomInt(list.size);
      if (avoid.has(`${list.id}:${index}`)) continue;
      const taken = await tx
        .selectFrom('credentials')
        .select('id')
        .where('status_list_id', '=', list.id)
        .where('status_index', '=', index)
        .executeTakeFirst();
      if (!taken)
        return { listId: list.id, listUrl: statusListUrl(context.settings.publicUrl, list.id), index };
    }
  }
  const listId = await createStatusList(tx, context, institution);
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
): Promise<string> {
  const id = randomUUID();
  const now = nowIso();
  await tx
    .insertInto('status_lists')
    .values({
      id,
      institution_id: institution.id,
      size: STATUS_LIST_ENTRIES,
      status_size: STATUS_SIZE,
      credential: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await signStatusList(tx, context, institution, id);
  return id;
}

/**
 * Rebuilds a status list from the credentials table (the source of truth) and signs it again. Runs in the
 * transaction that changed a status, so the published list never disagrees with the database.
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
  const bitstring = new Bitstring(list.size, list.status_size);
  const set = await tx
    .selectFrom('credentials')
    .select(['status_index', 'status'])
    .where('status_list_id', '=', listId)
    .where('status', '!=', STATUS.valid)
    .execute();
  for (const row of set) bitstring.set(row.status_index, row.status);
  const did = institutionDid(context.settings.publicUrl, institution.slug);
  await ensureIssuerKey(tx, institution.id, context.masterKey);
  const key = await loadSigningKey(tx, institution.id, did, context.masterKey);
  const now = nowIso();
  const unsigned = buildStatusListCredential({
    url: statusListUrl(context.settings.publicUrl, listId),
    issuer: did,
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
