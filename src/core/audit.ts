import { randomUUID } from 'node:crypto';
import type { Tx } from './database.ts';
import { nowIso } from './database.ts';
import { actorId, actorLabel, type Actor } from './actor.ts';

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string;
  institutionId?: string | null | undefined;
  /** The role the actor acted in, when the action needs one. */
  role?: string | null | undefined;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit record in the caller's transaction: a change that rolls back leaves no record, and a
 * record never exists without its change. Records are only ever inserted.
 *
 * @example
 * await audit(tx, actor, { action: 'micro-credential.publish', objectType: 'micro-credential-version', objectId: id, institutionId, before, after });
 */
export async function audit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      at: nowIso(),
      actor_type: actor.kind,
      actor_id: actorId(actor),
      actor_label: actorLabel(actor),
      role: entry.role ?? null,
      institution_id: entry.institutionId ?? null,
      action: entry.action,
      object_type: entry.objectType,
      object_id: entry.objectId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
