import { randomUUID } from 'node:crypto';
import { refuseTakenCode } from '../core/codes.ts';
import type { Command } from '../core/command.ts';
import type { Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, refuse } from '../core/errors.ts';
import type { Institution } from '../core/institution.ts';
import { writeCourseUnitLinks } from './course-unit-links.ts';
import { checkAgainstStore } from './facts.ts';
import { refuseBrokenRules } from './refusals.ts';
import { definitionColumns, definitionFromRow, linkedCodes, versionOf } from './rows.ts';
import { hasErrors, type MicroCredentialDefinition } from './rules.ts';
import type { MicroCredentialInput, MicroCredentialUpdate } from './schemas.ts';
import { auditVersion } from './version-audit.ts';
import { isEditable, versionNotEditable, type VersionState } from './version-states.ts';
import { getMicroCredential, type MicroCredentialView } from './views.ts';

async function insertDraftVersion(
  tx: Tx,
  version: {
    id: string;
    microCredentialId: string;
    version: number;
    now: string;
    /** The badge the designer uploaded for the version this one follows: a new version keeps it. */
    badgeImage?: string | null;
  },
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
      // Named only when there is one, so that the insert also runs on a schema from before badge images.
      ...(version.badgeImage ? { badge_image: version.badgeImage } : {}),
    })
    .execute();
}

/**
 * Creates a micro-credential with version 1, a draft. Publishing goes through the quality procedure, so an
 * input that asks to be published at once is refused here; the import and the demo loader record that
 * procedure themselves through `publishApprovedElsewhere` (quality/).
 *
 * @example
 * const view = await createMicroCredential(cmd, institution, { code: 'PV-TEST', title: { nl: 'Testen' }, form: 'outside-regular', ects: 2, vksLevel: 6, language: 'nl' });
 */
export async function createMicroCredential(
  cmd: Command,
  institution: Institution,
  input: MicroCredentialInput,
): Promise<MicroCredentialView> {
  const { tx } = cmd;
  const { status, ...def } = input;
  if (status === 'published') {
    refuse([{ field: 'status', rule: 'quality-procedure' }], {
      key: 'micro-credential-publish-at-creation',
      params: { code: def.code },
    });
  }
  const problems = await checkAgainstStore(tx, institution, def, 'save');
  if (hasErrors(problems)) refuseBrokenRules(problems, 'micro-credential-rules-broken', def.code);
  await refuseTakenCode(
    tx,
    'micro_credentials',
    institution.id,
    def.code,
    'micro-credential-exists',
    'Micro-credential',
  );
  const id = randomUUID();
  const versionId = randomUUID();
  const now = nowIso();
  await tx
    .insertInto('micro_credentials')
    .values({ id, institution_id: institution.id, code: def.code, created_at: now })
    .execute();
  await insertDraftVersion(tx, { id: versionId, microCredentialId: id, version: 1, now }, def);
  await writeCourseUnitLinks(tx, versionId, institution, def.courseUnits ?? [], false);
  await auditVersion(cmd, institution, {
    kind: 'micro-credential',
    action: 'create',
    versionId,
    after: { version: 1, status: 'draft', definition: def },
  });
  return getMicroCredential(tx, institution, def.code);
}

/** Which micro-credential changes, and its whole new definition. */
export interface MicroCredentialChange {
  code: string;
  update: MicroCredentialUpdate;
}

/**
 * Replaces the working draft, or starts a new draft version when the latest version is published. A
 * version under review, approved or rejected is refused: it stays as the reviewers assessed it.
 *
 * @example
 * await updateMicroCredential(cmd, institution, { code: 'PV-TEST', update: { ...definition, tuitionEur: 350 } });
 */
export async function updateMicroCredential(
  cmd: Command,
  institution: Institution,
  input: MicroCredentialChange,
): Promise<MicroCredentialView> {
  const { tx } = cmd;
  const { code, update } = input;
  const def: MicroCredentialDefinition = { code, ...update };
  const latest = await versionOf(tx, 'micro-credential', institution.id, code);
  const state = latest.status as VersionState;
  if (!isEditable(state) && state !== 'published') throw versionNotEditable(code, latest.version, state);
  const problems = await checkAgainstStore(tx, institution, def, 'save');
  if (hasErrors(problems)) refuseBrokenRules(problems, 'micro-credential-rules-broken', code);
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
      {
        id: versionId,
        microCredentialId: latest.micro_credential_id,
        version,
        now,
        badgeImage: latest.badge_image,
      },
      def,
    );
  }
  await writeCourseUnitLinks(tx, versionId, institution, def.courseUnits ?? [], false);
  await auditVersion(cmd, institution, {
    kind: 'micro-credential',
    action: 'update',
    versionId,
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
 * await newMicroCredentialVersion(cmd, institution, { code: 'MC-DATA' });
 */
export async function newMicroCredentialVersion(
  cmd: Command,
  institution: Institution,
  input: { code: string },
): Promise<MicroCredentialView> {
  const { tx } = cmd;
  const { code } = input;
  const latest = await versionOf(tx, 'micro-credential', institution.id, code);
  if (latest.status === 'draft' || latest.status === 'submitted') {
    const draft = latest.status === 'draft';
    throw new ConflictError(
      'invalid-state',
      draft
        ? `Micro-credential ${code} already has a draft (version ${latest.version}).`
        : `Micro-credential ${code} version ${latest.version} is under quality review; wait for the decision.`,
      {
        key: draft ? 'micro-credential-has-draft' : 'micro-credential-under-review',
        params: { code, version: latest.version },
      },
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
  await auditVersion(cmd, institution, {
    kind: 'micro-credential',
    action: 'new-version',
    versionId,
    before: { version: latest.version, status: latest.status },
    after: { version: latest.version + 1, status: 'draft', copiedFrom: latest.id },
  });
  return getMicroCredential(tx, institution, code);
}
