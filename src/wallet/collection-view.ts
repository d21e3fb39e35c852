import type { Db, Tx } from '../core/database.ts';
import { ForbiddenError, NotFoundError } from '../core/errors.ts';
import type { VerificationResult } from '../verification/verify.ts';
import { collectionUnknown } from './collections.ts';
import { heldAmong } from './holding.ts';
import type { CollectionItemKind, PublicCollection, PublicCollectionItem } from './schemas.ts';
import { sharedCredentialIds } from './shares.ts';

/** A shared collection's base, its owner and its items in order: undefined when there is none. */
async function sharedCollection(db: Db | Tx, publicId: string) {
  const row = await db
    .selectFrom('collections as k')
    .innerJoin('users as u', 'u.id', 'k.user_id')
    .select([
      'k.id',
      'k.user_id',
      'k.public_id',
      'k.title',
      'k.description',
      'k.shared',
      'k.updated_at',
      'u.name as owner',
      'u.erased_at',
    ])
    .where('k.public_id', '=', publicId)
    .executeTakeFirst();
  if (!row) throw collectionUnknown(publicId);
  // An erased account shares nothing, whatever rows are left.
  if (row.shared !== 1 || row.erased_at)
    throw new ForbiddenError('This collection is private.', { key: 'collection-private' });
  return row;
}

interface ItemDocument {
  kind: CollectionItemKind;
  id: string;
  document: string;
  /** The facts stored with it, for when the document names none. */
  title: string | null;
  issuedAt: string | null;
}

/** The documents of a shared collection's items, in order: only what its owner still holds. */
async function itemDocuments(
  db: Db | Tx,
  collection: { id: string; user_id: string },
): Promise<ItemDocument[]> {
  const items = await db
    .selectFrom('collection_items')
    .selectAll()
    .where('collection_id', '=', collection.id)
    .orderBy('position')
    .execute();
  const issuedIds = items.filter((i) => i.item_kind === 'issued').map((i) => i.item_id);
  const importedIds = items.filter((i) => i.item_kind === 'imported').map((i) => i.item_id);
  const held = await heldAmong(db, collection.user_id, issuedIds);
  const issued = new Map(
    (held.size === 0
      ? []
      : await db
          .selectFrom('credentials')
          .select(['id', 'document', 'issued_at'])
          .where('id', 'in', [...held])
          .execute()
    ).map((r) => [r.id, r]),
  );
  const imported = new Map(
    (importedIds.length === 0
      ? []
      : await db
          .selectFrom('imported_credentials')
          .select(['id', 'document', 'name', 'valid_from'])
          .where('user_id', '=', collection.user_id)
          .where('id', 'in', importedIds)
          // One issued to someone else's address is never shown under the owner's name.
          .where('identity', '!=', 'mismatch')
          .execute()
    ).map((r) => [r.id, r]),
  );
  const documents: ItemDocument[] = [];
  for (const item of items) {
    if (item.item_kind === 'issued') {
      const row = issued.get(item.item_id);
      if (row)
        documents.push({
          kind: 'issued',
          id: row.id,
          document: row.document,
          title: null,
          issuedAt: row.issued_at,
        });
    } else {
      const row = imported.get(item.item_id);
      if (row)
        documents.push({
          kind: 'imported',
          id: row.id,
          document: row.document,
          title: row.name,
          issuedAt: row.valid_from,
        });
    }
  }
  return documents;
}

/** The status a verification found: revoked or suspended by its status check, else valid. */
function statusOf(result: VerificationResult): PublicCollectionItem['status'] {
  const status = result.checks.find((c) => c.name === 'status');
  if (status?.code === 'status-revoked') return 'revoked';
  if (status?.code === 'status-suspended') return 'suspended';
  return 'valid';
}

/** Where one credential of a shared collection is downloaded through the collection's link. */
function itemJsonPath(publicId: string, item: ItemDocument): string {
  return `/api/v1/collections/${encodeURIComponent(publicId)}/items/${item.kind}/${encodeURIComponent(item.id)}/credential.json`;
}

/**
 * A shared collection as anyone with its link sees it: each credential with its title, issuer, date, status
 * and a live verification verdict. 404 when there is none, 403 (`collection-private`) when not shared.
 *
 * @example
 * const view = await publicCollection(db, publicId, verify);
 */
export async function publicCollection(
  db: Db | Tx,
  publicId: string,
  verify: (input: unknown) => Promise<VerificationResult>,
): Promise<PublicCollection> {
  const collection = await sharedCollection(db, publicId);
  const documents = await itemDocuments(db, collection);
  const pages = await sharedCredentialIds(db, collection.user_id);
  // Each credential is checked on its own: one that cannot be checked now (the verifier busy, an issuer's
  // server away) is shown as not verified instead of failing the whole page.
  const items = await Promise.all(
    documents.map(async (item): Promise<PublicCollectionItem> => {
      const result = await verify(JSON.parse(item.document)).catch(() => undefined);
      if (!result)
        return {
          kind: item.kind,
          id: item.id,
          title: item.title ?? '',
          institution: null,
          issuerTrust: 'unconfirmed',
          issuedAt: item.issuedAt ?? null,
          status: 'valid',
          verified: false,
          page: null,
          json: itemJsonPath(publicId, item),
        };
      const summary = result.credential;
      return {
        kind: item.kind,
        id: item.id,
        title: summary.achievement?.name ?? summary.name ?? item.title ?? '',
        institution: result.issuer.name ?? summary.issuer?.name ?? null,
        issuerTrust: result.issuer.trust,
        issuedAt: item.issuedAt ?? summary.validFrom ?? null,
        status: statusOf(result),
        verified: result.verified,
        page: item.kind === 'issued' && pages.has(item.id) ? `/credentials/${item.id}` : null,
        json: itemJsonPath(publicId, item),
      };
    }),
  );
  return {
    publicId: collection.public_id,
    title: collection.title,
    description: collection.description,
    owner: collection.owner || null,
    updatedAt: collection.updated_at,
    items,
  };
}

/**
 * The signed text of one item of a shared collection, with a title and date for its file name; the same
 * refusals as the collection itself, and 404 for an item it does not hold.
 *
 * @example
 * const { document } = await collectionItemDocument(db, publicId, 'issued', id);
 */
export async function collectionItemDocument(
  db: Db | Tx,
  publicId: string,
  kind: CollectionItemKind,
  itemId: string,
): Promise<{ document: string; issuedAt: string | null }> {
  const collection = await sharedCollection(db, publicId);
  const item = (await itemDocuments(db, collection)).find((i) => i.kind === kind && i.id === itemId);
  if (!item)
    throw new NotFoundError('This collection holds no such credential.', {
      key: 'collection-item-unknown',
    });
  return { document: item.document, issuedAt: item.issuedAt };
}
