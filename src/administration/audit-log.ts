import { csvDocument } from '../core/csv-cell.ts';
import type { Db } from '../core/database.ts';
import type { Institution } from '../core/institution.ts';
import type { AuditLogRow } from '../core/schema.ts';
import type { AuditEntryView } from './schemas.ts';

/** Which records to read: instants already checked (ISO 8601, UTC), an action, at most `limit`. */
export interface AuditQueryBounds {
  from?: string | undefined;
  to?: string | undefined;
  action?: string | undefined;
  limit: number;
}

/**
 * The institution's audit records, newest first, as stored (the CSV export writes them as they are).
 *
 * @example
 * const rows = await listAuditRecords(db, institution, { action: 'membership.create', limit: 500 });
 */
export async function listAuditRecords(
  db: Db,
  institution: Pick<Institution, 'id'>,
  bounds: AuditQueryBounds,
): Promise<AuditLogRow[]> {
  let query = db.selectFrom('audit_log').selectAll().where('institution_id', '=', institution.id);
  if (bounds.from) query = query.where('at', '>=', bounds.from);
  if (bounds.to) query = query.where('at', '<=', bounds.to);
  if (bounds.action) query = query.where('action', '=', bounds.action);
  return query.orderBy('at', 'desc').orderBy('id').limit(bounds.limit).execute();
}

/** An audit record as the API shows it: actor and object grouped, before and after as JSON. */
export function toAuditEntry(r: AuditLogRow): AuditEntryView {
  return {
    id: r.id,
    at: r.at,
    actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
    role: r.role,
    action: r.action,
    object: { type: r.object_type, id: r.object_id },
    before: r.before === null ? null : JSON.parse(r.before),
    after: r.after === null ? null : JSON.parse(r.after),
  };
}

const CSV_HEADER = [
  'at',
  'actor_type',
  'actor',
  'role',
  'action',
  'object_type',
  'object_id',
  'before',
  'after',
];

/** The CSV export of audit records: one row per record, before and after as stored. */
export function auditCsv(rows: readonly AuditLogRow[]): string {
  return csvDocument(
    CSV_HEADER,
    rows.map((r) => [
      r.at,
      r.actor_type,
      r.actor_label,
      r.role,
      r.action,
      r.object_type,
      r.object_id,
      r.before,
      r.after,
    ]),
  );
}
