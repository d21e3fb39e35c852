import type { Db, Tx } from '../core/database.ts';
import type { Institution } from '../core/institution.ts';
import type { MicroCredentialVersionRow } from '../core/schema.ts';
import { decreeTable } from '../tuition/decree-tuition.ts';
import { localize } from './messages.ts';
import { courseUnitFacts, issuerFacts } from './facts.ts';
import { microCredentialNotFound } from './refusals.ts';
import { NotFoundError } from '../core/errors.ts';
import { definitionFromRow, localizedText, versionOf, versionsOf, type VersionStatus } from './rows.ts';
import {
  FORM_RULES,
  academicYearOf,
  checkMicroCredential,
  effectiveQaType,
  latestDecreeYear,
  tuitionFor,
  type MicroCredentialDefinition,
} from './rules.ts';
import type { MicroCredentialSummary, MicroCredentialView, PublicQualityRecord } from './schemas.ts';
import { isPublic, type VersionState } from './version-states.ts';

export type { MicroCredentialSummary, MicroCredentialView } from './schemas.ts';

/**
 * Where the public view finds the quality decision behind a published version. The quality procedure owns
 * those records; app.ts wires its reader in, so that the catalogue does not import quality back.
 */
export interface QualityRecords {
  approvalOf(db: Db | Tx, versionId: string): Promise<PublicQualityRecord | null>;
}

/** Without the quality procedure wired in, no version shows a QA record. */
export const NO_QUALITY_RECORDS: QualityRecords = { approvalOf: async () => null };

async function buildView(
  db: Db | Tx,
  institution: Institution,
  code: string,
  row: MicroCredentialVersionRow,
  now: Date = new Date(),
): Promise<MicroCredentialView> {
  const links = await db
    .selectFrom('micro_credential_course_units as l')
    .innerJoin('course_units as u', 'u.id', 'l.course_unit_id')
    .select(['u.code', 'l.course_unit_version_id'])
    .where('l.version_id', '=', row.id)
    .orderBy('l.position')
    .execute();
  const def = definitionFromRow(
    code,
    row,
    links.map((l) => l.code),
  );
  const facts = await courseUnitFacts(db, institution.id, def.courseUnits ?? []);
  const courseUnits: MicroCredentialView['courseUnits'] = [];
  for (const link of links) {
    // A submitted version shows the course unit versions pinned for review; a draft the current ones.
    const versionId = link.course_unit_version_id ?? facts.get(link.code)?.versionId ?? '';
    const unit = await db
      .selectFrom('course_unit_versions')
      .selectAll()
      .where('id', '=', versionId)
      .executeTakeFirst();
    if (!unit) continue;
    courseUnits.push({
      code: link.code,
      title: localizedText(unit.title_nl, unit.title_en),
      ects: unit.ects,
      vksLevel: unit.vks_level,
      version: link.course_unit_version_id ? unit.version : null,
    });
  }
  const table = await decreeTable(db);
  const year = academicYearOf(now);
  let tuition: MicroCredentialView['tuition'] = { ...tuitionFor(def, table, year), indicative: false };
  if (tuition.kind === 'decree-unknown') {
    // The decree amounts for this year are not entered yet: show the latest known year, marked indicative.
    const latest = latestDecreeYear(table, year);
    if (latest) tuition = { ...tuitionFor(def, table, latest.academicYear), indicative: true };
  }
  const warnings = checkMicroCredential(def, {
    phase: 'publish',
    courseUnits: facts,
    issuer: issuerFacts(institution),
  }).filter((p) => p.severity === 'warning' || !isPublic(row.status as VersionState));
  const { courseUnits: _codes, ...rest } = def;
  return {
    ...rest,
    id: row.id,
    institution,
    version: row.version,
    status: row.status as VersionStatus,
    qaType: effectiveQaType(def),
    higherEducationCodeApplies: FORM_RULES[def.form].higherEducationCodeApplies,
    proofOfLearning: [...FORM_RULES[def.form].proofOfLearning],
    tuition,
    courseUnits,
    warnings: localize(warnings),
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

/**
 * Staff view: the latest version (draft or published), or a given version.
 *
 * @example
 * const draft = await getMicroCredential(db, institution, 'PV-TEST');
 */
export async function getMicroCredential(
  db: Db | Tx,
  institution: Institution,
  code: string,
  version?: number,
): Promise<MicroCredentialView> {
  const row = await versionOf(db, 'micro-credential', institution.id, code, version);
  return buildView(db, institution, code, row);
}

/** The version history of a micro-credential, newest first. */
export async function listMicroCredentialVersions(db: Db | Tx, institution: Institution, code: string) {
  const versions = await versionsOf(db, 'micro-credential', institution.id, code);
  if (versions.length === 0) throw microCredentialNotFound(code);
  return versions.map((v) => ({
    version: v.version,
    status: v.status as VersionStatus,
    updatedAt: v.updated_at,
    publishedAt: v.published_at,
  }));
}

/**
 * Public view: the published version (or a given published or superseded version), with the quality
 * decision behind it when `records` can tell. Versions in design or review are not public.
 *
 * @example
 * const view = await getPublishedMicroCredential(db, institution, 'MC-DATA', undefined, qualityRecords);
 * view.qualityReview?.decidedRole; // → 'qa-reviewer'
 */
export async function getPublishedMicroCredential(
  db: Db | Tx,
  institution: Institution,
  code: string,
  version?: number,
  records: QualityRecords = NO_QUALITY_RECORDS,
): Promise<MicroCredentialView> {
  const versions = await versionsOf(db, 'micro-credential', institution.id, code);
  const row =
    version === undefined
      ? versions.find((v) => v.status === 'published')
      : versions.find((v) => v.version === version && isPublic(v.status as VersionState));
  if (!row) {
    throw new NotFoundError(`Micro-credential ${code} is not in the catalogue.`, {
      key: 'micro-credential-not-in-catalogue',
      params: { code },
    });
  }
  const view = await buildView(db, institution, code, row);
  return { ...view, qualityReview: await records.approvalOf(db, row.id) };
}

/** A catalogue row joined with its institution's name. */
export type SummaryRow = MicroCredentialVersionRow & {
  code: string;
  slug: string;
  name_nl: string;
  name_en: string;
};

export function summaryFromRow(row: SummaryRow): MicroCredentialSummary {
  return {
    id: row.id,
    institution: { slug: row.slug, name: { nl: row.name_nl, en: row.name_en } },
    code: row.code,
    version: row.version,
    status: row.status as VersionStatus,
    title: localizedText(row.title_nl, row.title_en),
    ...(row.description_nl !== null
      ? { description: localizedText(row.description_nl, row.description_en) }
      : {}),
    form: row.form as MicroCredentialDefinition['form'],
    ects: row.ects,
    vksLevel: row.vks_level,
    language: row.language,
    ...(row.participation_form
      ? {
          participationForm: row.participation_form as NonNullable<
            MicroCredentialDefinition['participationForm']
          >,
        }
      : {}),
    publishedAt: row.published_at,
  };
}

/** Every micro-credential of an institution with its latest version, drafts included (staff and CLI). */
export async function listAllMicroCredentials(
  db: Db | Tx,
  institutionId?: string,
): Promise<MicroCredentialSummary[]> {
  let query = db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('institutions as i', 'i.id', 'm.institution_id')
    .selectAll('v')
    .select(['m.code', 'i.slug', 'i.name_nl', 'i.name_en'])
    .orderBy('i.slug')
    .orderBy('m.code')
    .orderBy('v.version', 'desc');
  if (institutionId) query = query.where('m.institution_id', '=', institutionId);
  const rows = await query.execute();
  const seen = new Set<string>();
  const out: MicroCredentialSummary[] = [];
  for (const row of rows) {
    const key = `${row.slug}/${row.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(summaryFromRow(row));
  }
  return out;
}
