import type { Db, Tx } from '../core/database.ts';
import type { PublicQualityRecord } from '../catalogue/schemas.ts';
import type { QualityRecords } from '../catalogue/views.ts';
import { decisionOfStatus, publicQualityRecord, type StoredChecklist } from './rules.ts';

/**
 * The approval a version was published on, as the public sees it (roles, never names); versions published
 * before the procedure existed have none.
 *
 * @example
 * const record = await approvalOf(db, versionId); // → { decision: 'approve', decidedRole: 'qa-reviewer', … }
 */
export async function approvalOf(db: Db | Tx, versionId: string): Promise<PublicQualityRecord | null> {
  const review = await db
    .selectFrom('qa_reviews')
    .selectAll()
    .where('micro_credential_version_id', '=', versionId)
    .where('status', '=', 'approved')
    .orderBy('decided_at', 'desc')
    .executeTakeFirst();
  const decision = review ? decisionOfStatus(review.status) : undefined;
  if (!review || !decision || !review.decided_at || !review.checklist) return null;
  const stored = JSON.parse(review.checklist) as StoredChecklist;
  return publicQualityRecord({
    decision,
    decidedAt: review.decided_at,
    decidedRole: review.decided_role ?? '',
    submittedAt: review.submitted_at,
    rationale: review.rationale ?? '',
    criteria: stored.criteria ?? [],
  });
}

/** The quality procedure's records, wired into the catalogue's public view by app.ts. */
export const QUALITY_RECORDS: QualityRecords = { approvalOf };
