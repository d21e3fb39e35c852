import { sql } from 'kysely';
import type { Db, Tx } from '../core/database.ts';
import type {
  CourseUnitRow,
  CourseUnitVersionRow,
  MicroCredentialRow,
  MicroCredentialVersionRow,
} from '../core/schema.ts';
import type { CourseUnitDefinition, LocalizedText, MicroCredentialDefinition } from './rules.ts';
import { courseUnitNotFound, microCredentialNotFound } from './refusals.ts';
import type { CourseUnitView, VersionStatus } from './schemas.ts';

export type { CourseUnitView, VersionStatus } from './schemas.ts';

const parseJson = <T>(text: string | null): T | undefined =>
  text === null ? undefined : (JSON.parse(text) as T);
const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/** A stored Dutch/English pair as a localized text (English only when there is one). */
export const localizedText = (nl: string, en: string | null): LocalizedText => ({
  nl,
  ...(en ? { en } : {}),
});

export function courseUnitFromRow(code: string, row: CourseUnitVersionRow): CourseUnitView {
  return {
    code,
    title: localizedText(row.title_nl, row.title_en),
    ects: row.ects,
    vksLevel: row.vks_level,
    learningOutcomes: parseJson<LocalizedText[]>(row.learning_outcomes) ?? [],
    qaInternal: row.qa_internal === 1,
    qaExternal: row.qa_external === 1,
    version: row.version,
    status: row.status as VersionStatus,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

export function courseUnitColumns(def: CourseUnitDefinition) {
  return {
    title_nl: def.title.nl,
    title_en: def.title.en ?? null,
    ects: def.ects,
    vks_level: def.vksLevel,
    learning_outcomes: JSON.stringify(def.learningOutcomes ?? []),
    qa_internal: def.qaInternal ? 1 : 0,
    qa_external: def.qaExternal ? 1 : 0,
  };
}

/**
 * Where the catalogue keeps its two versioned things: one row per code (`items`) and one row per version
 * of it (`versions`, pointing at its item by `itemId`). Both are read by code and published alike.
 */
const STORAGE = {
  'course-unit': {
    items: 'course_units',
    versions: 'course_unit_versions',
    itemId: 'course_unit_id',
    notFound: courseUnitNotFound,
  },
  'micro-credential': {
    items: 'micro_credentials',
    versions: 'micro_credential_versions',
    itemId: 'micro_credential_id',
    notFound: microCredentialNotFound,
  },
} as const;

/** A versioned thing of the catalogue. */
export type VersionedKind = keyof typeof STORAGE;

/** The stored row of one version, by kind. */
export interface VersionRows {
  'course-unit': CourseUnitVersionRow;
  'micro-credential': MicroCredentialVersionRow;
}

/**
 * The columns the version rows and the code rows of both kinds share. The queries below pick their tables
 * from `STORAGE` at run time and name only these columns, so that one query serves both kinds.
 */
type SharedVersionColumns = Pick<
  VersionRows[VersionedKind],
  'id' | 'version' | 'status' | 'published_at' | 'updated_at'
>;
type SharedItemColumns = Pick<CourseUnitRow | MicroCredentialRow, 'id' | 'institution_id' | 'code'>;

/**
 * Every version of one course unit or micro-credential of an institution, newest first.
 *
 * @example
 * const [latest] = await versionsOf(db, 'micro-credential', institution.id, 'MC-DATA');
 */
export async function versionsOf<K extends VersionedKind>(
  db: Db | Tx,
  kind: K,
  institutionId: string,
  code: string,
): Promise<VersionRows[K][]> {
  const { items, versions, itemId } = STORAGE[kind];
  const rows = await db
    .selectFrom(sql<SharedVersionColumns>`${sql.table(versions)}`.as('v'))
    .innerJoin(sql<SharedItemColumns>`${sql.table(items)}`.as('c'), (join) =>
      join.on('c.id', '=', sql.ref<string>(`v.${itemId}`)),
    )
    .selectAll('v')
    .where('c.institution_id', '=', institutionId)
    .where('c.code', '=', code)
    .orderBy('v.version', 'desc')
    .execute();
  // All columns of the kind's row are read; the shared type names only those the query itself uses.
  return rows as VersionRows[K][];
}

/**
 * One version of a course unit or micro-credential, its latest when `version` is absent; refused with 404
 * (naming the version when one was asked) when the institution has no such version.
 *
 * @example
 * const latest = await versionOf(tx, 'course-unit', institution.id, 'DATA101');
 */
export async function versionOf<K extends VersionedKind>(
  db: Db | Tx,
  kind: K,
  institutionId: string,
  code: string,
  version?: number,
): Promise<VersionRows[K]> {
  const versions = await versionsOf(db, kind, institutionId, code);
  const row = version === undefined ? versions[0] : versions.find((v) => v.version === version);
  if (!row) throw STORAGE[kind].notFound(code, version);
  return row;
}

/**
 * Publishes one version and supersedes the one of the same code published before it, so that a code has
 * one published version at a time. Whether the version may be published is the caller's to decide.
 */
export async function markPublished(
  tx: Tx,
  kind: VersionedKind,
  version: { id: string; itemId: string },
  now: string,
): Promise<void> {
  const { versions, itemId } = STORAGE[kind];
  await tx
    .updateTable(versions)
    .set({ status: 'superseded' })
    .where(sql.ref(itemId), '=', version.itemId)
    .where('status', '=', 'published')
    .execute();
  await tx
    .updateTable(versions)
    .set({ status: 'published', published_at: now, updated_at: now })
    .where('id', '=', version.id)
    .execute();
}

/** The course unit codes a micro-credential version stands on, in their order. */
export async function linkedCodes(db: Db | Tx, versionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('micro_credential_course_units as l')
    .innerJoin('course_units as u', 'u.id', 'l.course_unit_id')
    .select('u.code')
    .where('l.version_id', '=', versionId)
    .orderBy('l.position')
    .execute();
  return rows.map((r) => r.code);
}

export function definitionFromRow(
  code: string,
  row: MicroCredentialVersionRow,
  courseUnits: string[],
): MicroCredentialDefinition {
  const def: MicroCredentialDefinition = {
    code,
    title: localizedText(row.title_nl, row.title_en),
    form: row.form as MicroCredentialDefinition['form'],
    ects: row.ects,
    vksLevel: row.vks_level,
    learningOutcomes: parseJson<LocalizedText[]>(row.learning_outcomes) ?? [],
    language: row.language,
    partners: parseJson(row.partners) ?? [],
  };
  if (row.description_nl !== null) def.description = localizedText(row.description_nl, row.description_en);
  if (courseUnits.length > 0) def.courseUnits = courseUnits;
  const optional = {
    assessmentType: parseJson<LocalizedText>(row.assessment_type),
    participationForm: (row.participation_form ??
      undefined) as MicroCredentialDefinition['participationForm'],
    supervision: (row.supervision ?? undefined) as MicroCredentialDefinition['supervision'],
    prerequisites: parseJson<LocalizedText>(row.prerequisites),
    qaType: (row.qa_type ?? undefined) as MicroCredentialDefinition['qaType'],
    tuitionEur: row.tuition_cents === null ? undefined : row.tuition_cents / 100,
    stackability: parseJson<LocalizedText>(row.stackability),
    fieldOfStudy: row.field_of_study ?? undefined,
    workloadHours: row.workload_hours ?? undefined,
    furtherInfoUrl: row.further_info_url ?? undefined,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (def as unknown as Record<string, unknown>)[key] = value;
  }
  return def;
}

export function definitionColumns(def: Omit<MicroCredentialDefinition, 'code'>) {
  return {
    title_nl: def.title.nl,
    title_en: def.title.en ?? null,
    description_nl: def.description?.nl ?? null,
    description_en: def.description?.en ?? null,
    form: def.form,
    ects: def.ects,
    vks_level: def.vksLevel,
    learning_outcomes: JSON.stringify(def.learningOutcomes ?? []),
    assessment_type: json(def.assessmentType),
    participation_form: def.participationForm ?? null,
    supervision: def.supervision ?? null,
    prerequisites: json(def.prerequisites),
    language: def.language,
    qa_type: def.qaType ?? null,
    tuition_cents: def.tuitionEur === undefined ? null : Math.round(def.tuitionEur * 100),
    partners: JSON.stringify(def.partners ?? []),
    stackability: json(def.stackability),
    field_of_study: def.fieldOfStudy ?? null,
    workload_hours: def.workloadHours ?? null,
    further_info_url: def.furtherInfoUrl ?? null,
  };
}
