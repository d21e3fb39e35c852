import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import type { Actor } from '../core/actor.ts';
import { audit } from '../core/audit.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../core/errors.ts';
import { t, type Lang } from '../core/i18n.ts';
import { decreeTable } from '../tuition/decree-tuition.ts';
import type { CourseUnitVersionRow, MicroCredentialVersionRow } from '../core/schema.ts';
import type { Institution } from '../institutions/store.ts';
import {
  decisionOfStatus,
  publicQualityRecord,
  type PublicQualityRecord,
  type StoredChecklist,
} from '../quality/rules.ts';
import type { Role } from '../core/actor.ts';
import {
  editRefusalReason,
  isEditable,
  isPublic,
  nextState,
  refusalReason,
  type VersionState,
} from './version-states.ts';
import {
  FORM_RULES,
  academicYearOf,
  checkCourseUnit,
  checkMicroCredential,
  effectiveQaType,
  hasErrors,
  latestDecreeYear,
  tuitionFor,
  type CourseUnitDefinition,
  type CourseUnitFacts,
  type LocalizedText,
  type MicroCredentialDefinition,
  type IssuerFacts,
  type Phase,
  type ProofKind,
  type RuleProblem,
  type Tuition,
} from './rules.ts';
import type {
  CatalogueQuery,
  CourseUnitInput,
  CourseUnitUpdate,
  MicroCredentialInput,
  MicroCredentialUpdate,
} from './schemas.ts';

/** Course units use draft/published/superseded; micro-credential versions also pass through quality review. */
export type VersionStatus = VersionState;

export interface LocalizedMessage {
  field: string;
  rule: string;
  message: { nl: string; en: string };
}

export interface CourseUnitView extends CourseUnitDefinition {
  version: number;
  status: VersionStatus;
  publishedAt: string | null;
  updatedAt: string;
}

export interface MicroCredentialSummary {
  id: string;
  institution: { slug: string; name: { nl: string; en: string } };
  code: string;
  version: number;
  status: VersionStatus;
  title: LocalizedText;
  description?: LocalizedText | undefined;
  form: MicroCredentialDefinition['form'];
  ects: number;
  vksLevel: number;
  language: string;
  participationForm?: MicroCredentialDefinition['participationForm'];
  publishedAt: string | null;
}

export interface MicroCredentialView
  extends MicroCredentialSummary, Omit<MicroCredentialDefinition, 'courseUnits'> {
  institution: Institution;
  qaType: NonNullable<MicroCredentialDefinition['qaType']>;
  higherEducationCodeApplies: boolean;
  proofOfLearning: readonly ProofKind[];
  tuition: Tuition & { indicative: boolean };
  courseUnits: Array<{
    code: string;
    title: LocalizedText;
    ects: number;
    vksLevel: number;
    version: number | null;
  }>;
  warnings: LocalizedMessage[];
  updatedAt: string;
  /** Public views only: the quality decision behind this version (null for versions published before the procedure existed). */
  qualityReview?: PublicQualityRecord | null;
}

const parseJson = <T>(text: string | null): T | undefined =>
  text === null ? undefined : (JSON.parse(text) as T);
const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

export function describeProblems(problems: readonly RuleProblem[], lang: Lang): FieldProblem[] {
  return problems.map((p) => ({ field: p.field, rule: p.rule, message: t(p.rule, lang, p.params) }));
}

export function localize(problems: readonly RuleProblem[]): LocalizedMessage[] {
  return problems.map((p) => ({
    field: p.field,
    rule: p.rule,
    message: { nl: t(p.rule, 'nl', p.params), en: t(p.rule, 'en', p.params) },
  }));
}

function refuse(problems: RuleProblem[], lang: Lang, message: string): never {
  throw new ValidationError(
    describeProblems(
      problems.filter((p) => p.severity === 'error'),
      lang,
    ),
    message,
  );
}

// ---------------------------------------------------------------------------------------------------
// Course units

function courseUnitFromRow(code: string, row: CourseUnitVersionRow): CourseUnitView {
  return {
    code,
    title: { nl: row.title_nl, ...(row.title_en ? { en: row.title_en } : {}) },
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

function courseUnitColumns(def: CourseUnitDefinition) {
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

async function courseUnitVersions(db: Db | Tx, institutionId: string, code: string) {
  return db
    .selectFrom('course_unit_versions as v')
    .innerJoin('course_units as u', 'u.id', 'v.course_unit_id')
    .selectAll('v')
    .where('u.institution_id', '=', institutionId)
    .where('u.code', '=', code)
    .orderBy('v.version', 'desc')
    .execute();
}

/**
 * Creates a course unit with version 1 (a draft, or published at once when the input says so).
 *
 * @example
 * await createCourseUnit(tx, actor, institution, { code: 'DATA101', title: { nl: 'Data' }, ects: 3, vksLevel: 6, qaInternal: true, qaExternal: true }, 'en');
 */
export async function createCourseUnit(
  tx: Tx,
  actor: Actor,
  institution: Institution,
  input: CourseUnitInput,
  lang: Lang,
): Promise<CourseUnitView> {
  const phase: Phase = input.status === 'published' ? 'publish' : 'save';
  const problems = checkCourseUnit(input, phase);
  if (hasErrors(problems)) refuse(problems, lang, `Course unit ${input.code} breaks the rules.`);
  const existing = await tx
    .selectFrom('course_units')
    .select('id')
    .where('institution_id', '=', institution.id)
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (existing) throw new ConflictError('already-exists', `Course unit ${input.code} already exists.`);
  const id = randomUUID();
  const versionId = randomUUID();
  const now = nowIso();
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
      status: input.status === 'published' ? 'published' : 'draft',
      ...courseUnitColumns(input),
      created_at: now,
      updated_at: now,
      published_at: input.status === 'published' ? now : null,
    })
    .execute();
  const view = await getCourseUnit(tx, institution, input.code);
  await audit(tx, actor, {
    action: 'course-unit.create',
    objectType: 'course-unit-version',
    objectId: versionId,
    institutionId: institution.id,
    after: view,
  });
  return view;
}

export async function getCourseUnit(
  db: Db | Tx,
  institution: Institution,
  code: string,
  version?: number,
): Promise<CourseUnitView> {
  const versions = await courseUnitVersions(db, institution.id, code);
  const row = version === undefined ? versions[0] : versions.find((v) => v.version === version);
  if (!row)
    throw new NotFoundError(`Course unit ${code}${version ? ` version ${version}` : ''} does not exist.`);
  return courseUnitFromRow(code, row);
}

/** Public view of a course unit version that has been published (the achievement of a credit certificate). */
export async function getPublishedCourseUnit(
  db: Db | Tx,
  institution: Institution,
  code: string,
  version: number,
): Promise<CourseUnitView> {
  const versions = await courseUnitVersions(db, institution.id, code);
  const row = versions.find((v) => v.version === version && v.status !== 'draft');
  if (!row) throw new NotFoundError(`Course unit ${code} version ${version} is not published.`);
  return courseUnitFromRow(code, row);
}

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

/** Replaces the working version; a published version is never changed, so editing it starts a new draft. */
export async function updateCourseUnit(
  tx: Tx,
  actor: Actor,
  institution: Institution,
  code: string,
  update: CourseUnitUpdate,
  lang: Lang,
): Promise<CourseUnitView> {
  const problems = checkCourseUnit({ code, ...update }, 'save');
  if (hasErrors(problems)) refuse(problems, lang, `Course unit ${code} breaks the rules.`);
  const versions = await courseUnitVersions(tx, institution.id, code);
  const latest = versions[0];
  if (!latest) throw new NotFoundError(`Course unit ${code} does not exist.`);
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
  await audit(tx, actor, {
    action: 'course-unit.update',
    objectType: 'course-unit-version',
    objectId: versionId,
    institutionId: institution.id,
    before,
    after: view,
  });
  return view;
}

export async function publishCourseUnit(
  tx: Tx,
  actor: Actor,
  institution: Institution,
  code: string,
  lang: Lang,
): Promise<CourseUnitView> {
  const versions = await courseUnitVersions(tx, institution.id, code);
  const latest = versions[0];
  if (!latest) throw new NotFoundError(`Course unit ${code} does not exist.`);
  if (latest.status !== 'draft')
    throw new ConflictError('invalid-state', `Course unit ${code} has no draft to publish.`);
  const view = courseUnitFromRow(code, latest);
  const problems = checkCourseUnit(view, 'publish');
  if (hasErrors(problems)) refuse(problems, lang, `Course unit ${code} cannot be published yet.`);
  const now = nowIso();
  await tx
    .updateTable('course_unit_versions')
    .set({ status: 'superseded' })
    .where('course_unit_id', '=', latest.course_unit_id)
    .where('status', '=', 'published')
    .execute();
  await tx
    .updateTable('course_unit_versions')
    .set({ status: 'published', published_at: now, updated_at: now })
    .where('id', '=', latest.id)
    .execute();
  await audit(tx, actor, {
    action: 'course-unit.publish',
    objectType: 'course-unit-version',
    objectId: latest.id,
    institutionId: institution.id,
    before: { version: latest.version, status: latest.status },
    after: { version: latest.version, status: 'published', publishedAt: now },
  });
  return getCourseUnit(tx, institution, code);
}

// ---------------------------------------------------------------------------------------------------
// Micro-credentials

function definitionFromRow(
  code: string,
  row: MicroCredentialVersionRow,
  courseUnits: string[],
): MicroCredentialDefinition {
  const def: MicroCredentialDefinition = {
    code,
    title: { nl: row.title_nl, ...(row.title_en ? { en: row.title_en } : {}) },
    form: row.form as MicroCredentialDefinition['form'],
    ects: row.ects,
    vksLevel: row.vks_level,
    learningOutcomes: parseJson<LocalizedText[]>(row.learning_outcomes) ?? [],
    language: row.language,
    partners: parseJson(row.partners) ?? [],
  };
  if (row.description_nl !== null)
    def.description = { nl: row.description_nl, ...(row.description_en ? { en: row.description_en } : {}) };
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

function definitionColumns(def: Omit<MicroCredentialDefinition, 'code'>) {
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

/** What the rules know of each course unit: its published version, else its latest draft. */
export async function courseUnitFacts(
  db: Db | Tx,
  institutionId: string,
  codes: readonly string[],
): Promise<Map<string, CourseUnitFacts & { versionId: string; version: number }>> {
  const facts = new Map<string, CourseUnitFacts & { versionId: string; version: number }>();
  if (codes.length === 0) return facts;
  const rows = await db
    .selectFrom('course_unit_versions as v')
    .innerJoin('course_units as u', 'u.id', 'v.course_unit_id')
    .selectAll('v')
    .select('u.code')
    .where('u.institution_id', '=', institutionId)
    .where('u.code', 'in', [...codes])
    .orderBy('v.version', 'desc')
    .execute();
  for (const code of codes) {
    const mine = rows.filter((r) => r.code === code);
    // A micro-credential stands on the published version of each course unit; drafts count only
    // until one is published.
    const row = mine.find((r) => r.status === 'published') ?? mine[0];
    if (!row) continue;
    facts.set(code, {
      code,
      ects: row.ects,
      qaInternal: row.qa_internal === 1,
      qaExternal: row.qa_external === 1,
      published: row.status === 'published',
      versionId: row.id,
      version: row.version,
    });
  }
  return facts;
}

function issuerFacts(institution: Institution): IssuerFacts {
  return {
    name: institution.name.nl,
    country: institution.address.country,
    region: institution.address.region,
  };
}

async function checkAgainstStore(
  db: Db | Tx,
  institution: Institution,
  def: MicroCredentialDefinition,
  phase: Phase,
): Promise<RuleProblem[]> {
  const courseUnits = await courseUnitFacts(db, institution.id, def.courseUnits ?? []);
  return checkMicroCredential(def, { phase, courseUnits, issuer: issuerFacts(institution) });
}

async function microCredentialVersions(db: Db | Tx, institutionId: string, code: string) {
  return db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .selectAll('v')
    .where('m.institution_id', '=', institutionId)
    .where('m.code', '=', code)
    .orderBy('v.version', 'desc')
    .execute();
}

/** One micro-credential version with everything the quality procedure needs to assess it. */
export interface ReviewSubject {
  row: MicroCredentialVersionRow;
  code: string;
  def: MicroCredentialDefinition;
  courseUnits: Map<string, CourseUnitFacts>;
  issuer: IssuerFacts;
}

/**
 * Loads a version for the quality procedure: the latest version of a code, or a version by its id. Only
 * versions of `institution` are found, so another institution's version is simply not there.
 *
 * @example
 * const subject = await loadReviewSubject(tx, institution, { code: 'MC-DATA' });
 */
export async function loadReviewSubject(
  db: Db | Tx,
  institution: Institution,
  which: { code: string } | { versionId: string },
): Promise<ReviewSubject> {
  let query = db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .selectAll('v')
    .select('m.code')
    .where('m.institution_id', '=', institution.id)
    .orderBy('v.version', 'desc');
  query =
    'code' in which ? query.where('m.code', '=', which.code) : query.where('v.id', '=', which.versionId);
  const found = await query.executeTakeFirst();
  if (!found) {
    throw new NotFoundError(
      'code' in which ? `Micro-credential ${which.code} does not exist.` : 'There is no such version.',
    );
  }
  const { code, ...row } = found;
  const def = definitionFromRow(code, row, await linkedCodes(db, row.id));
  const facts = await courseUnitFacts(db, institution.id, def.courseUnits ?? []);
  return { row, code, def, courseUnits: facts, issuer: issuerFacts(institution) };
}

/**
 * Publishing keeps the course unit versions pinned at submission (what QA reviewed); a version that was
 * submitted before pinning existed is pinned now. A pinned version must itself be published.
 */
async function keepReviewedCourseUnits(
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
    );
  }
}

async function insertDraftVersion(
  tx: Tx,
  version: { id: string; microCredentialId: string; version: number; now: string },
  def: Omit<MicroCredentialDefinition, 'code'>,
): Promise<void> {
  await tx
    .insertInto('micro_credential_versions')
    .values({
      id: version.id,
      micro_credential_id: version.microCredentialId,
      version: version.version,
      status: 'draft',
      ...definitionColumns(def),
      created_at: version.now,
      updated_at: version.now,
      published_at: null,
    })
    .execute();
}

async function writeCourseUnitLinks(
  tx: Tx,
  versionId: string,
  institution: Institution,
  codes: readonly string[],
  pin: boolean,
) {
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
 * Creates a micro-credential with version 1, a draft. Publishing goes through the quality procedure, so an
 * input that asks to be published at once is refused here; the import and the demo loader record that
 * procedure themselves through `publishApprovedElsewhere`.
 *
 * @example
 * const view = await createMicroCredential(tx, actor, institution, { code: 'PV-TEST', title: { nl: 'Testen' }, form: 'outside-regular', ects: 2, vksLevel: 6, language: 'nl' }, 'en');
 */
export async function createMicroCredential(
  tx: Tx,
  actor: Actor,
  institution: Institution,
  input: MicroCredentialInput,
  lang: Lang,
): Promise<MicroCredentialView> {
  const { status, ...def } = input;
  if (status === 'published') {
    throw new ValidationError(
      [
        {
          field: 'status',
          rule: 'quality-procedure',
          message:
            'A micro-credential is published only after quality review: create it as a draft, submit it and publish it once approved.',
        },
      ],
      `Micro-credential ${def.code} cannot be published at creation.`,
    );
  }
  const problems = await checkAgainstStore(tx, institution, def, 'save');
  if (hasErrors(problems)) refuse(problems, lang, `Micro-credential ${def.code} breaks the rules.`);
  const existing = await tx
    .selectFrom('micro_credentials')
    .select('id')
    .where('institution_id', '=', institution.id)
    .where('code', '=', def.code)
    .executeTakeFirst();
  if (existing) throw new ConflictError('already-exists', `Micro-credential ${def.code} already exists.`);
  const id = randomUUID();
  const versionId = randomUUID();
  const now = nowIso();
  await tx
    .insertInto('micro_credentials')
    .values({ id, institution_id: institution.id, code: def.code, created_at: now })
    .execute();
  await insertDraftVersion(tx, { id: versionId, microCredentialId: id, version: 1, now }, def);
  await writeCourseUnitLinks(tx, versionId, institution, def.courseUnits ?? [], false);
  await audit(tx, actor, {
    action: 'micro-credential.create',
    objectType: 'micro-credential-version',
    objectId: versionId,
    institutionId: institution.id,
    after: { version: 1, status: 'draft', definition: def },
  });
  return getMicroCredential(tx, institution, def.code);
}

/**
 * Replaces the working draft, or starts a new draft version when the latest version is published. A
 * version under review, approved or rejected is refused: it stays as the reviewers assessed it.
 *
 * @example
 * await updateMicroCredential(tx, actor, institution, 'PV-TEST', { ...definition, tuitionEur: 350 }, 'en');
 */
export async function updateMicroCredential(
  tx: Tx,
  actor: Actor,
  institution: Institution,
  code: string,
  update: MicroCredentialUpdate,
  lang: Lang,
): Promise<MicroCredentialView> {
  const def: MicroCredentialDefinition = { code, ...update };
  const versions = await microCredentialVersions(tx, institution.id, code);
  const latest = versions[0];
  if (!latest) throw new NotFoundError(`Micro-credential ${code} does not exist.`);
  const state = latest.status as VersionState;
  if (!isEditable(state) && state !== 'published') {
    throw new ConflictError('invalid-state', editRefusalReason(code, latest.version, state));
  }
  const problems = await checkAgainstStore(tx, institution, def, 'save');
  if (hasErrors(problems)) refuse(problems, lang, `Micro-credential ${code} breaks the rules.`);
  const before = definitionFromRow(code, latest, await linkedCodes(tx, latest.id));
  const now = nowIso();
  let versionId = latest.id;
  let version = latest.version;
  if (isEditable(state)) {
    await tx
      .updateTable('micro_credential_versions')
      .set({ ...definitionColumns(def), updated_at: now })
      .where('id', '=', latest.id)
      .execute();
  } else {
    // A published version is immutable: the change becomes the next version, a draft.
    versionId = randomUUID();
    version = latest.version + 1;
    await insertDraftVersion(
      tx,
      { id: versionId, microCredentialId: latest.micro_credential_id, version, now },
      def,
    );
  }
  await writeCourseUnitLinks(tx, versionId, institution, def.courseUnits ?? [], false);
  await audit(tx, actor, {
    action: 'micro-credential.update',
    objectType: 'micro-credential-version',
    objectId: versionId,
    institutionId: institution.id,
    before: { version: latest.version, status: state, definition: before },
    after: { version, status: 'draft', definition: def },
  });
  return getMicroCredential(tx, institution, code);
}

/**
 * Starts a new draft version as a copy of the latest version. Refused while a version is still a draft or
 * under review; after a rejection this is how a changed proposal starts.
 *
 * @example
 * await newMicroCredentialVersion(tx, actor, institution, 'MC-DATA');
 */
export async function newMicroCredentialVersion(
  tx: Tx,
  actor: Actor,
  institution: Institution,
  code: string,
): Promise<MicroCredentialView> {
  const versions = await microCredentialVersions(tx, institution.id, code);
  const latest = versions[0];
  if (!latest) throw new NotFoundError(`Micro-credential ${code} does not exist.`);
  if (latest.status === 'draft') {
    throw new ConflictError(
      'invalid-state',
      `Micro-credential ${code} already has a draft (version ${latest.version}).`,
    );
  }
  if (latest.status === 'submitted') {
    throw new ConflictError(
      'invalid-state',
      `Micro-credential ${code} version ${latest.version} is under quality review; wait for the decision.`,
    );
  }
  const links = await tx
    .selectFrom('micro_credential_course_units')
    .selectAll()
    .where('version_id', '=', latest.id)
    .orderBy('position')
    .execute();
  const now = nowIso();
  const versionId = randomUUID();
  const {
    id: _id,
    version: _v,
    status: _s,
    created_at: _c,
    updated_at: _u,
    published_at: _p,
    ...rest
  } = latest;
  await tx
    .insertInto('micro_credential_versions')
    .values({
      ...rest,
      id: versionId,
      version: latest.version + 1,
      status: 'draft',
      created_at: now,
      updated_at: now,
      published_at: null,
    })
    .execute();
  for (const link of links) {
    await tx
      .insertInto('micro_credential_course_units')
      .values({ ...link, id: randomUUID(), version_id: versionId, course_unit_version_id: null })
      .execute();
  }
  await audit(tx, actor, {
    action: 'micro-credential.new-version',
    objectType: 'micro-credential-version',
    objectId: versionId,
    institutionId: institution.id,
    before: { version: latest.version, status: latest.status },
    after: { version: latest.version + 1, status: 'draft', copiedFrom: latest.id },
  });
  return getMicroCredential(tx, institution, code);
}

/**
 * Publishes the approved version once every publishing rule still passes; the previous published version is
 * superseded. Anything but an approved version is refused with 409, naming its state.
 *
 * @example
 * await publishMicroCredential(tx, actor, institution, 'MC-DATA', 'en');
 */
export async function publishMicroCredential(
  tx: Tx,
  actor: Actor,
  institution: Institution,
  code: string,
  lang: Lang,
  role: Role | null = null,
): Promise<MicroCredentialView> {
  const versions = await microCredentialVersions(tx, institution.id, code);
  const latest = versions[0];
  if (!latest) throw new NotFoundError(`Micro-credential ${code} does not exist.`);
  const state = latest.status as VersionState;
  if (nextState(state, 'publish') === undefined) {
    throw new ConflictError('invalid-state', refusalReason(code, latest.version, state, 'publish'));
  }
  const def = definitionFromRow(code, latest, await linkedCodes(tx, latest.id));
  const problems = await checkAgainstStore(tx, institution, def, 'publish');
  if (hasErrors(problems)) refuse(problems, lang, `Micro-credential ${code} cannot be published yet.`);
  const now = nowIso();
  const previous = versions.find((v) => v.status === 'published');
  await tx
    .updateTable('micro_credential_versions')
    .set({ status: 'superseded' })
    .where('micro_credential_id', '=', latest.micro_credential_id)
    .where('status', '=', 'published')
    .execute();
  await tx
    .updateTable('micro_credential_versions')
    .set({ status: 'published', published_at: now, updated_at: now })
    .where('id', '=', latest.id)
    .execute();
  await keepReviewedCourseUnits(tx, institution, latest.id, code);
  await audit(tx, actor, {
    action: 'micro-credential.publish',
    objectType: 'micro-credential-version',
    objectId: latest.id,
    institutionId: institution.id,
    role,
    before: { version: latest.version, status: state },
    after: {
      version: latest.version,
      status: 'published',
      publishedAt: now,
      ...(previous ? { supersedes: previous.version } : {}),
    },
  });
  return getMicroCredential(tx, institution, code);
}

async function linkedCodes(db: Db | Tx, versionId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('micro_credential_course_units as l')
    .innerJoin('course_units as u', 'u.id', 'l.course_unit_id')
    .select('u.code')
    .where('l.version_id', '=', versionId)
    .orderBy('l.position')
    .execute();
  return rows.map((r) => r.code);
}

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
    const pinned = link.course_unit_version_id
      ? await db
          .selectFrom('course_unit_versions')
          .selectAll()
          .where('id', '=', link.course_unit_version_id)
          .executeTakeFirst()
      : await db
          .selectFrom('course_unit_versions')
          .selectAll()
          .where('id', '=', facts.get(link.code)?.versionId ?? '')
          .executeTakeFirst();
    if (!pinned) continue;
    courseUnits.push({
      code: link.code,
      title: { nl: pinned.title_nl, ...(pinned.title_en ? { en: pinned.title_en } : {}) },
      ects: pinned.ects,
      vksLevel: pinned.vks_level,
      version: link.course_unit_version_id ? pinned.version : null,
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
  const issuer = {
    name: institution.name.nl,
    country: institution.address.country,
    region: institution.address.region,
  };
  const warnings = checkMicroCredential(def, { phase: 'publish', courseUnits: facts, issuer }).filter(
    (p) => p.severity === 'warning' || !isPublic(row.status as VersionState),
  );
  const { courseUnits: _codes, ...rest } = def;
  return {
    ...rest,
    id: row.id,
    institution,
    version: row.version,
    status: row.status as VersionStatus,
    qaType: effectiveQaType(def),
    higherEducationCodeApplies: FORM_RULES[def.form].higherEducationCodeApplies,
    proofOfLearning: FORM_RULES[def.form].proofOfLearning,
    tuition,
    courseUnits,
    warnings: localize(warnings),
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

/** Staff view: the latest version (draft or published), or a given version. */
export async function getMicroCredential(
  db: Db | Tx,
  institution: Institution,
  code: string,
  version?: number,
): Promise<MicroCredentialView> {
  const versions = await microCredentialVersions(db, institution.id, code);
  const row = version === undefined ? versions[0] : versions.find((v) => v.version === version);
  if (!row)
    throw new NotFoundError(
      `Micro-credential ${code}${version ? ` version ${version}` : ''} does not exist.`,
    );
  return buildView(db, institution, code, row);
}

export async function listMicroCredentialVersions(db: Db | Tx, institution: Institution, code: string) {
  const versions = await microCredentialVersions(db, institution.id, code);
  if (versions.length === 0) throw new NotFoundError(`Micro-credential ${code} does not exist.`);
  return versions.map((v) => ({
    version: v.version,
    status: v.status as VersionStatus,
    updatedAt: v.updated_at,
    publishedAt: v.published_at,
  }));
}

/**
 * Public view: the published version (or a given published or superseded version), with the quality
 * decision behind it. Versions in design or review are not public.
 *
 * @example
 * const view = await getPublishedMicroCredential(db, institution, 'MC-DATA');
 * view.qualityReview?.decidedRole; // → 'qa-reviewer'
 */
export async function getPublishedMicroCredential(
  db: Db | Tx,
  institution: Institution,
  code: string,
  version?: number,
): Promise<MicroCredentialView> {
  const versions = await microCredentialVersions(db, institution.id, code);
  const row =
    version === undefined
      ? versions.find((v) => v.status === 'published')
      : versions.find((v) => v.version === version && isPublic(v.status as VersionState));
  if (!row) throw new NotFoundError(`Micro-credential ${code} is not in the catalogue.`);
  const view = await buildView(db, institution, code, row);
  return { ...view, qualityReview: await approvalOf(db, row.id) };
}

/** The approval a version was published on; versions published before the procedure existed have none. */
async function approvalOf(db: Db | Tx, versionId: string): Promise<PublicQualityRecord | null> {
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

type SummaryRow = MicroCredentialVersionRow & {
  code: string;
  slug: string;
  name_nl: string;
  name_en: string;
};

function summaryFromRow(row: SummaryRow): MicroCredentialSummary {
  return {
    id: row.id,
    institution: { slug: row.slug, name: { nl: row.name_nl, en: row.name_en } },
    code: row.code,
    version: row.version,
    status: row.status as VersionStatus,
    title: { nl: row.title_nl, ...(row.title_en ? { en: row.title_en } : {}) },
    ...(row.description_nl !== null
      ? { description: { nl: row.description_nl, ...(row.description_en ? { en: row.description_en } : {}) } }
      : {}),
    form: row.form as MicroCredentialDefinition['form'],
    ects: row.ects,
    vksLevel: row.vks_level,
    language: row.language,
    participationForm: (row.participation_form ??
      undefined) as MicroCredentialDefinition['participationForm'],
    publishedAt: row.published_at,
  };
}

export interface CataloguePage {
  items: MicroCredentialSummary[];
  page: number;
  pageSize: number;
  total: number;
}

/** The public catalogue: published versions only, filtered and paged, ordered by title. */
export async function searchCatalogue(db: Db | Tx, query: CatalogueQuery): Promise<CataloguePage> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  let base = db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('institutions as i', 'i.id', 'm.institution_id')
    .where('v.status', '=', 'published');
  if (query.q?.trim()) {
    const pattern = `%${query.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or(
        [
          'v.title_nl',
          'v.title_en',
          'v.description_nl',
          'v.description_en',
          'm.code',
          'v.learning_outcomes',
        ].map((column) => sql<boolean>`lower(coalesce(${sql.ref(column)}, '')) like ${pattern} escape '\\'`),
      ),
    );
  }
  if (query.vksLevel !== undefined) base = base.where('v.vks_level', '=', query.vksLevel);
  if (query.ectsMin !== undefined) base = base.where('v.ects', '>=', query.ectsMin);
  if (query.ectsMax !== undefined) base = base.where('v.ects', '<=', query.ectsMax);
  if (query.form) base = base.where('v.form', '=', query.form);
  if (query.language) base = base.where('v.language', '=', query.language);
  if (query.institution) base = base.where('i.slug', '=', query.institution);

  const countRow = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  const rows = await base
    .selectAll('v')
    .select(['m.code', 'i.slug', 'i.name_nl', 'i.name_en'])
    .orderBy('v.title_nl')
    .orderBy('m.code')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { items: rows.map(summaryFromRow), page, pageSize, total: Number(countRow?.n ?? 0) };
}
