import { randomUUID } from 'node:crypto';
import type { Tx } from '../core/database.ts';
import { ConflictError } from '../core/errors.ts';
import type { Institution } from '../core/institution.ts';
import { courseUnitFacts } from './facts.ts';
import { linkedCodes } from './rows.ts';

/**
 * Writes which course units a micro-credential version stands on, in order; `pin` fixes each to the
 * version that stands for it now (the published one, else the latest).
 */
export async function writeCourseUnitLinks(
  tx: Tx,
  versionId: string,
  institution: Institution,
  codes: readonly string[],
  pin: boolean,
): Promise<void> {
  await tx.deleteFrom('micro_credential_course_units').where('version_id', '=', versionId).execute();
  if (codes.length === 0) return;
  const facts = await courseUnitFacts(tx, institution.id, codes);
  const units = await tx
    .selectFrom('course_units')
    .select(['id', 'code'])
    .where('institution_id', '=', institution.id)
    .where('code', 'in', [...codes])
    .execute();
  for (const [position, code] of codes.entries()) {
    const unit = units.find((u) => u.code === code);
    if (!unit) continue;
    await tx
      .insertInto('micro_credential_course_units')
      .values({
        id: randomUUID(),
        version_id: versionId,
        course_unit_id: unit.id,
        course_unit_version_id: pin ? (facts.get(code)?.versionId ?? null) : null,
        position,
      })
      .execute();
  }
}

/**
 * Fixes which course unit versions a submitted micro-credential version stands on (the published one of
 * each, else the latest), so that what the quality reviewers judge is exactly what gets published.
 */
export async function pinCourseUnitsForReview(
  tx: Tx,
  institution: Institution,
  versionId: string,
): Promise<void> {
  await writeCourseUnitLinks(tx, versionId, institution, await linkedCodes(tx, versionId), true);
}

/**
 * Publishing keeps the course unit versions pinned at submission (what QA reviewed); a version that was
 * submitted before pinning existed is pinned now. A pinned version must itself be published.
 */
export async function keepReviewedCourseUnits(
  tx: Tx,
  institution: Institution,
  versionId: string,
  code: string,
): Promise<void> {
  const links = await tx
    .selectFrom('micro_credential_course_units as l')
    .leftJoin('course_unit_versions as v', 'v.id', 'l.course_unit_version_id')
    .innerJoin('course_units as u', 'u.id', 'l.course_unit_id')
    .select(['l.course_unit_version_id', 'v.status', 'v.version', 'u.code'])
    .where('l.version_id', '=', versionId)
    .execute();
  if (links.some((l) => l.course_unit_version_id === null)) {
    await pinCourseUnitsForReview(tx, institution, versionId);
    return;
  }
  const unpublished = links.find((l) => l.status === 'draft');
  if (unpublished) {
    throw new ConflictError(
      'invalid-state',
      `Micro-credential ${code} was reviewed with course unit ${unpublished.code} version ${unpublished.version}, which is not published.`,
      {
        key: 'reviewed-course-unit-unpublished',
        params: { code, courseUnit: unpublished.code, version: unpublished.version ?? '' },
      },
    );
  }
}
