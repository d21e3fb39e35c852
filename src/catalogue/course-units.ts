import { randomUUID } from 'node:crypto';
import { refuseTakenCode } from '../core/codes.ts';
import type { Command } from '../core/command.ts';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { Institution } from '../core/institution.ts';
import { refuseBrokenRules } from './refusals.ts';
import {
  courseUnitColumns,
  courseUnitFromRow,
  markPublished,
  versionOf,
  versionsOf,
  type CourseUnitView,
} from './rows.ts';
import { checkCourseUnit, hasErrors, type Phase } from './rules.ts';
import type { CourseUnitInput, CourseUnitUpdate } from './schemas.ts';
import { auditVersion } from './version-audit.ts';

export type { CourseUnitView } from './rows.ts';

/**
 * Creates a course unit with version 1 (a draft, or published at once when the input says so).
 *
 * @example
 * await createCourseUnit(cmd, institution, { code: 'DATA101', title: { nl: 'Data' }, ects: 3, vksLevel: 6, qaInternal: true, qaExternal: true });
 */
export async function createCourseUnit(
  cmd: Command,
  institution: Institution,
  input: CourseUnitInput,
): Promise<CourseUnitView> {
  const { tx } = cmd;
  const phase: Phase = input.status === 'published' ? 'publish' : 'save';
  const problems = checkCourseUnit(input, phase);
  if (hasErrors(problems)) refuseBrokenRules(problems, 'course-unit-rules-broken', input.code);
  await refuseTakenCode(tx, 'course_units', institution.id, input.code, 'course-unit-exists', 'Course unit');
  const id = randomUUID();
  const versionId = randomUUID();
  const now = nowIso();
  const published = input.status === 'published';
  await tx
    .insertInto('course_units')
    .values({ id, institution_id: institution.id, code: input.code, created_at: now })
    .execute();
  await tx
    .insertInto('course_unit_versions')
    .values({
      id: versionId,
      course_unit_id: id,
      version: 1,
      status: published ? 'published' : 'draft',
      ...courseUnitColumns(input),
      created_at: now,
      updated_at: now,
      published_at: published ? now : null,
    })
    .execute();
  const view = await getCourseUnit(tx, institution, input.code);
  await auditVersion(cmd, institution, { kind: 'course-unit', action: 'create', versionId, after: view });
  return view;
}

/** The latest version of a course unit (draft or published), or a given version. */
export async function getCourseUnit(
  db: Db | Tx,
  institution: Institution,
  code: string,
  version?: number,
): Promise<CourseUnitView> {
  return courseUnitFromRow(code, await versionOf(db, 'course-unit', institution.id, code, version));
}

/** Public view of a course unit version that has been published (the achievement of a credit certificate). */
export async function getPublishedCourseUnit(
  db: Db | Tx,
  institution: Institution,
  code: string,
  version: number,
): Promise<CourseUnitView> {
  const versions = await versionsOf(db, 'course-unit', institution.id, code);
  const row = versions.find((v) => v.version === version && v.status !== 'draft');
  if (!row) {
    throw new NotFoundError(`Course unit ${code} version ${version} is not published.`, {
      key: 'course-unit-version-not-public',
      params: { code, version },
    });
  }
  return courseUnitFromRow(code, row);
}

/** The latest version of every course unit of an institution, by code. */
export async function listCourseUnits(db: Db | Tx, institution: Institution): Promise<CourseUnitView[]> {
  const rows = await db
    .selectFrom('course_unit_versions as v')
    .innerJoin('course_units as u', 'u.id', 'v.course_unit_id')
    .selectAll('v')
    .select('u.code')
    .where('u.institution_id', '=', institution.id)
    .orderBy('u.code')
    .orderBy('v.version', 'desc')
    .execute();
  const latest = new Map<string, CourseUnitView>();
  for (const row of rows) if (!latest.has(row.code)) latest.set(row.code, courseUnitFromRow(row.code, row));
  return [...latest.values()];
}

/** Which course unit changes, and into what. */
export interface CourseUnitChange {
  code: string;
  update: CourseUnitUpdate;
}

/**
 * Replaces the working version; a published version is never changed, so editing it starts a new draft.
 *
 * @example
 * await updateCourseUnit(cmd, institution, { code: 'DATA101', update: { ...definition, ects: 4 } });
 */
export async function updateCourseUnit(
  cmd: Command,
  institution: Institution,
  input: CourseUnitChange,
): Promise<CourseUnitView> {
  const { tx } = cmd;
  const { code, update } = input;
  const problems = checkCourseUnit({ code, ...update }, 'save');
  if (hasErrors(problems)) refuseBrokenRules(problems, 'course-unit-rules-broken', code);
  const latest = await versionOf(tx, 'course-unit', institution.id, code);
  const now = nowIso();
  const before = courseUnitFromRow(code, latest);
  let versionId = latest.id;
  if (latest.status === 'draft') {
    await tx
      .updateTable('course_unit_versions')
      .set({ ...courseUnitColumns({ code, ...update }), updated_at: now })
      .where('id', '=', latest.id)
      .execute();
  } else {
    versionId = randomUUID();
    await tx
      .insertInto('course_unit_versions')
      .values({
        id: versionId,
        course_unit_id: latest.course_unit_id,
        version: latest.version + 1,
        status: 'draft',
        ...courseUnitColumns({ code, ...update }),
        created_at: now,
        updated_at: now,
        published_at: null,
      })
      .execute();
  }
  const view = await getCourseUnit(tx, institution, code);
  await auditVersion(cmd, institution, {
    kind: 'course-unit',
    action: 'update',
    versionId,
    before,
    after: view,
  });
  return view;
}

/**
 * Publishes the course unit's draft once every publishing rule passes; the published version before it is
 * superseded.
 *
 * @example
 * await publishCourseUnit(cmd, institution, { code: 'DATA101' });
 */
export async function publishCourseUnit(
  cmd: Command,
  institution: Institution,
  input: { code: string },
): Promise<CourseUnitView> {
  const { tx } = cmd;
  const { code } = input;
  const latest = await versionOf(tx, 'course-unit', institution.id, code);
  if (latest.status !== 'draft') {
    throw new ConflictError('invalid-state', `Course unit ${code} has no draft to publish.`, {
      key: 'course-unit-no-draft',
      params: { code },
    });
  }
  const problems = checkCourseUnit(courseUnitFromRow(code, latest), 'publish');
  if (hasErrors(problems)) refuseBrokenRules(problems, 'course-unit-not-publishable', code);
  const now = nowIso();
  await markPublished(tx, 'course-unit', { id: latest.id, itemId: latest.course_unit_id }, now);
  await auditVersion(cmd, institution, {
    kind: 'course-unit',
    action: 'publish',
    versionId: latest.id,
    before: { version: latest.version, status: latest.status },
    after: { version: latest.version, status: 'published', publishedAt: now },
  });
  return getCourseUnit(tx, institution, code);
}
