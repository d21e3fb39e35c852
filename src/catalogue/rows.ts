import type { Db, Tx } from '../core/database.ts';
import type { CourseUnitVersionRow, MicroCredentialVersionRow } from '../core/schema.ts';
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

/** Every version of one course unit of an institution, newest first. */
export function courseUnitVersions(db: Db | Tx, institutionId: string, code: string) {
  return db
    .selectFrom('course_unit_versions as v')
    .innerJoin('course_units as u', 'u.id', 'v.course_unit_id')
    .selectAll('v')
    .where('u.institution_id', '=', institutionId)
    .where('u.code', '=', code)
    .orderBy('v.version', 'desc')
    .execute();
}

/** Every version of one micro-credential of an institution, newest first. */
export function microCredentialVersions(db: Db | Tx, institutionId: string, code: string) {
  return db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .selectAll('v')
    .where('m.institution_id', '=', institutionId)
    .where('m.code', '=', code)
    .orderBy('v.version', 'desc')
    .execute();
}

/** The latest version of a course unit, refused with 404 when the institution has none by that code. */
export async function latestCourseUnitVersion(db: Db | Tx, institutionId: string, code: string) {
  const [latest] = await courseUnitVersions(db, institutionId, code);
  if (!latest) throw courseUnitNotFound(code);
  return latest;
}

/** The latest version of a micro-credential, refused with 404 when the institution has none by that code. */
export async function latestMicroCredentialVersion(db: Db | Tx, institutionId: string, code: string) {
  const [latest] = await microCredentialVersions(db, institutionId, code);
  if (!latest) throw microCredentialNotFound(code);
  return latest;
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
