import { randomUUID } from 'node:crypto';
import type { Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';

export interface Learner {
  id: string;
  email: string;
  name: string | null;
}

/** Learners are global and known by e-mail address (lower-cased): anyone can be one. */
export async function upsertLearner(
  tx: Tx,
  input: { email: string; name?: string | undefined },
): Promise<Learner> {
  const email = input.email.trim().toLowerCase();
  const found = await tx
    .selectFrom('learners')
    .select(['id', 'email', 'name'])
    .where('email', '=', email)
    .executeTakeFirst();
  if (found) {
    if (input.name && !found.name) {
      await tx.updateTable('learners').set({ name: input.name }).where('id', '=', found.id).execute();
      return { ...found, name: input.name };
    }
    return found;
  }
  const learner = { id: randomUUID(), email, name: input.name?.trim() || null };
  // Another process may add the same learner at the same moment: keep theirs.
  await tx
    .insertInto('learners')
    .values({ ...learner, created_at: nowIso() })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  return tx
    .selectFrom('learners')
    .select(['id', 'email', 'name'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
}
