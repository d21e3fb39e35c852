import type { Command } from '../core/command.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError } from '../core/errors.ts';
import type { Institution } from '../core/institution.ts';
import { keepReviewedCourseUnits } from './course-unit-links.ts';
import { checkAgainstStore } from './facts.ts';
import { microCredentialNotFound, refuseBrokenRules } from './refusals.ts';
import { definitionFromRow, linkedCodes, markPublished, versionOf, versionsOf } from './rows.ts';
import { hasErrors } from './rules.ts';
import { auditVersion } from './version-audit.ts';
import { nextState, versionRefused, type VersionAction, type VersionState } from './version-states.ts';
import { getMicroCredential, type MicroCredentialView } from './views.ts';

/** Which version moves, and how. */
export interface VersionTransitionInput {
  code: string;
  version: number;
  action: VersionAction;
  /**
   * Whether this move writes its own audit record (default). The quality procedure records the move in
   * its submission or decision record instead, so that one change leaves one record.
   */
  audited?: boolean | undefined;
}

/** The move that was made. */
export interface VersionTransition {
  versionId: string;
  from: VersionState;
  to: VersionState;
}

/**
 * Moves one micro-credential version to its next state: with `publishVersion` (through `markPublished`),
 * the only code that writes `micro_credential_versions.status`. The move must be allowed by the state
 * machine (409 naming the state otherwise), and a version changed concurrently is refused rather than
 * overwritten. The audit record carries the command's actor and role.
 *
 * @example
 * await transitionVersion(cmd, institution, { code: 'MC-DATA', version: 2, action: 'approve' });
 * // → { versionId, from: 'submitted', to: 'approved' }
 */
export async function transitionVersion(
  cmd: Command,
  institution: Institution,
  input: VersionTransitionInput,
): Promise<VersionTransition> {
  const { code, version, action } = input;
  const row = await versionOf(cmd.tx, 'micro-credential', institution.id, code, version);
  const from = row.status as VersionState;
  const to = nextState(from, action);
  if (!to) throw versionRefused(code, version, from, action);
  const updated = await cmd.tx
    .updateTable('micro_credential_versions')
    .set({ status: to })
    .where('id', '=', row.id)
    .where('status', '=', from)
    .executeTakeFirst();
  // A concurrent move found the version no longer in `from` and changed nothing.
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new ConflictError(
      'invalid-state',
      `Micro-credential ${code} version ${version} changed meanwhile.`,
      {
        key: 'version-changed-meanwhile',
        params: { code, version },
      },
    );
  }
  if (input.audited === false) return { versionId: row.id, from, to };
  await auditVersion(cmd, institution, {
    kind: 'micro-credential',
    action,
    versionId: row.id,
    before: { code, version, status: from },
    after: { code, version, status: to },
  });
  return { versionId: row.id, from, to };
}

/** Which version to publish: the latest one when `version` is absent. */
export interface PublishVersionInput {
  code: string;
  version?: number | undefined;
}

/**
 * The one publishing path: publishes an approved version once every publishing rule still passes,
 * superseding the previously published one and keeping the course unit versions quality reviewed. Refused
 * with 409 when `version` is not the latest or not approved, 422 when a publishing rule fails.
 *
 * @example
 * const view = await publishVersion(cmd, institution, { code: 'MC-DATA', version: 2 });
 */
export async function publishVersion(
  cmd: Command,
  institution: Institution,
  input: PublishVersionInput,
): Promise<MicroCredentialView> {
  const { tx } = cmd;
  const { code } = input;
  const versions = await versionsOf(tx, 'micro-credential', institution.id, code);
  const latest = versions[0];
  if (!latest) throw microCredentialNotFound(code);
  if (input.version !== undefined && latest.version !== input.version) {
    throw versionRefused(code, input.version, 'superseded', 'publish');
  }
  const state = latest.status as VersionState;
  if (nextState(state, 'publish') === undefined) throw versionRefused(code, latest.version, state, 'publish');
  const def = definitionFromRow(code, latest, await linkedCodes(tx, latest.id));
  const problems = await checkAgainstStore(tx, institution, def, 'publish');
  if (hasErrors(problems)) refuseBrokenRules(problems, 'micro-credential-not-publishable', code);
  const now = nowIso();
  const previous = versions.find((v) => v.status === 'published');
  await markPublished(tx, 'micro-credential', { id: latest.id, itemId: latest.micro_credential_id }, now);
  await keepReviewedCourseUnits(tx, institution, latest.id, code);
  await auditVersion(cmd, institution, {
    kind: 'micro-credential',
    action: 'publish',
    versionId: latest.id,
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
