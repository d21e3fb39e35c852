import { randomBytes, randomUUID } from 'node:crypto';
import type { Command } from '../core/command.ts';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { NotFoundError, refuse, type RuleProblem } from '../core/errors.ts';
import type { CollectionRow } from '../core/schema.ts';
import { heldAmong } from './holding.ts';
import type { Collection, CollectionInput, CollectionItemRef } from './schemas.ts';

/** 128 random bits, base64url: the part of a collection's public link nobody can guess. */
export function newPublicId(): string {
  return randomBytes(16).toString('base64url');
}

export function collectionUnknown(id: string): NotFoundError {
  return new NotFoundError(`There is no collection ${id}.`, { key: 'collection-unknown', params: { id } });
}

async function itemsOf(db: Db | Tx, collectionIds: readonly string[]) {
  if (collectionIds.length === 0) return [];
  return db
    .selectFrom('collection_items')
    .selectAll()
    .where('collection_id', 'in', [...collectionIds])
    .orderBy('position')
    .execute();
}

function toCollection(
  row: CollectionRow,
  items: ReadonlyArray<{ item_kind: string; item_id: string }>,
): Collection {
  return {
    id: row.id,
    publicId: row.public_id,
    title: row.title,
    description: row.description,
    shared: row.shared === 1,
    items: items.map((i) => ({ kind: i.item_kind as CollectionItemRef['kind'], id: i.item_id })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * An account's collections, newest first, each with its items in order.
 *
 * @example
 * const mine = await listCollections(db, userId);
 */
export async function listCollections(db: Db | Tx, userId: string): Promise<Collection[]> {
  const rows = await db
    .selectFrom('collections')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  const items = await itemsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    toCollection(
      row,
      items.filter((i) => i.collection_id === row.id),
    ),
  );
}

/**
 * The problems of a collection as its owner wrote it: a title, no item twice, only credentials they hold
 * or brought in themselves. Empty when it may be stored.
 */
async function collectionProblems(
  db: Db | Tx,
  userId: string,
  input: { title: string; items: readonly CollectionItemRef[] },
): Promise<RuleProblem[]> {
  const problems: RuleProblem[] = [];
  if (!input.title.trim()) problems.push({ field: 'title', rule: 'collection-title-required' });
  const issued = input.items.filter((i) => i.kind === 'issued').map((i) => i.id);
  const imported = input.items.filter((i) => i.kind === 'imported').map((i) => i.id);
  const held = await heldAmong(db, userId, issued);
  const own = new Set(
    imported.length === 0
      ? []
      : (
          await db
            .selectFrom('imported_credentials')
            .select('id')
            .where('user_id', '=', userId)
            .where('id', 'in', imported)
            .execute()
        ).map((r) => r.id),
  );
  const seen = new Set<string>();
  input.items.forEach((item, index) => {
    const key = `${item.kind}:${item.id}`;
    if (seen.has(key))
      problems.push({ field: `items[${index}]`, rule: 'collection-item-twice', params: { id: item.id } });
    seen.add(key);
    if (!(item.kind === 'issued' ? held : own).has(item.id))
      problems.push({ field: `items[${index}]`, rule: 'collection-item-not-held', params: { id: item.id } });
  });
  return problems;
}

async function writeItems(tx: Tx, collectionId: string, items: readonly CollectionItemRef[]): Promise<void> {
  await tx.deleteFrom('collection_items').where('collection_id', '=', collectionId).execute();
  if (items.length === 0) return;
  await tx
    .insertInto('collection_items')
    .values(
      items.map((item, position) => ({
        collection_id: collectionId,
        item_kind: item.kind,
        item_id: item.id,
        position,
      })),
    )
    .execute();
}

async function ownCollection(tx: Tx, userId: string, id: string): Promise<CollectionRow> {
  const row = await tx
    .selectFrom('collections')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) throw collectionUnknown(id);
  return row;
}

async function collectionOf(tx: Tx, row: CollectionRow): Promise<Collection> {
  return toCollection(row, await itemsOf(tx, [row.id]));
}

/**
 * The holder starts a collection (private unless `shared`), audited as `collection.create`.
 *
 * @example
 * await runRequestCommand(request, context, (cmd) => createCollection(cmd, userId, { title: 'Data', items: [{ kind: 'issued', id }] }));
 */
export async function createCollection(
  cmd: Command,
  userId: string,
  input: CollectionInput,
): Promise<Collection> {
  const { tx } = cmd;
  const items = input.items ?? [];
  const problems = await collectionProblems(tx, userId, { title: input.title, items });
  if (problems.length > 0) refuse(problems);
  const now = nowIso();
  const row: CollectionRow = {
    id: randomUUID(),
    user_id: userId,
    public_id: newPublicId(),
    title: input.title.trim(),
    description: input.description?.trim() || null,
    shared: input.shared ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
  await tx.insertInto('collections').values(row).execute();
  await writeItems(tx, row.id, items);
  const created = await collectionOf(tx, row);
  await cmd.audit({
    action: 'collection.create',
    objectType: 'collection',
    objectId: row.id,
    after: { title: created.title, shared: created.shared, items: created.items },
  });
  return created;
}

/**
 * The holder rewrites a collection: title, description, items in order, and whether it is shared (effective
 * at once). Audited as `collection.update`, and `collection.share` / `collection.unshare` when that changes.
 *
 * @example
 * await runRequestCommand(request, context, (cmd) => updateCollection(cmd, userId, id, { title: 'Data', shared: true, items }));
 */
export async function updateCollection(
  cmd: Command,
  userId: string,
  id: string,
  input: CollectionInput,
): Promise<Collection> {
  const { tx } = cmd;
  const row = await ownCollection(tx, userId, id);
  const before = await collectionOf(tx, row);
  const items = input.items ?? before.items;
  const problems = await collectionProblems(tx, userId, { title: input.title, items });
  if (problems.length > 0) refuse(problems);
  const shared = input.shared ?? before.shared;
  const changed = {
    title: input.title.trim(),
    description: input.description === undefined ? row.description : input.description?.trim() || null,
    shared: shared ? 1 : 0,
    updated_at: nowIso(),
  };
  await tx.updateTable('collections').set(changed).where('id', '=', id).execute();
  await writeItems(tx, id, items);
  const after = await collectionOf(tx, { ...row, ...changed });
  const summary = (c: Collection) => ({ title: c.title, description: c.description, items: c.items });
  await cmd.audit({
    action: 'collection.update',
    objectType: 'collection',
    objectId: id,
    before: summary(before),
    after: summary(after),
  });
  if (before.shared !== after.shared)
    await cmd.audit({
      action: after.shared ? 'collection.share' : 'collection.unshare',
      objectType: 'collection',
      objectId: id,
      before: { shared: before.shared },
      after: { shared: after.shared },
    });
  return after;
}

/**
 * The holder deletes a collection; its link answers 404 at once. Audited as `collection.delete`.
 *
 * @example
 * await runRequestCommand(request, context, (cmd) => deleteCollection(cmd, userId, id));
 */
export async function deleteCollection(cmd: Command, userId: string, id: string): Promise<void> {
  const { tx } = cmd;
  const row = await ownCollection(tx, userId, id);
  const before = await collectionOf(tx, row);
  await tx.deleteFrom('collection_items').where('collection_id', '=', id).execute();
  await tx.deleteFrom('collections').where('id', '=', id).execute();
  await cmd.audit({
    action: 'collection.delete',
    objectType: 'collection',
    objectId: id,
    before: { title: before.title, shared: before.shared, items: before.items },
  });
}
