import type { Command } from '../core/command.ts';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import type { Institution } from '../institutions/store.ts';
import { publishMicroCredential, type MicroCredentialView } from './store.ts';
import { nextState, refusalReason, type VersionAction, type VersionState } from './version-states.ts';

/** Which version moves, and how. */
export interface VersionTransitionInput {
  code: string;
  version: number;
  action: VersionAction;
}

/** The move that was made. */
export interface VersionTransition {
  versionId: string;
  from: VersionState;
  to: VersionState;
}

/**
 * Moves one micro-credential version to its next state: the only code that writes
 * `micro_credential_versions.status`. The move must be allowed by the state machine (409 naming the state
 * otherwise), and a version changed concurrently is refused rather than overwritten. The audit record
 * carries the command's actor and role.
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
  const row = await cmd.tx
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .select(['v.id', 'v.status'])
    .where('m.institution_id', '=', institution.id)
    .where('m.code', '=', code)
    .where('v.version', '=', version)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`Micro-credential ${code} version ${version} does not exist.`);
  const from = row.status as VersionState;
  const to = nextState(from, action);
  if (!to) throw new ConflictError('invalid-state', refusalReason(code, version, from, action));
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
    );
  }
  await cmd.audit({
    action: `micro-credential.${action}`,
    objectType: 'micro-credential-version',
    objectId: row.id,
    institutionId: institution.id,
    before: { code, version, status: from },
    after: { code, version, status: to },
  });
  return { versionId: row.id, from, to };
}

/** Which version to publish. */
export interface PublishVersionInput {
  code: string;
  version: number;
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
  const latest = await cmd.tx
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .select(['v.version', 'v.status'])
    .where('m.institution_id', '=', institution.id)
    .where('m.code', '=', input.code)
    .orderBy('v.version', 'desc')
    .executeTakeFirst();
  if (!latest) throw new NotFoundError(`Micro-credential ${input.code} does not exist.`);
  if (latest.version !== input.version) {
    throw new ConflictError(
      'invalid-state',
      refusalReason(input.code, input.version, 'superseded', 'publish'),
    );
  }
  return publishMicroCredential(cmd.tx, cmd.actor, institution, input.code, 'en', cmd.role);
}
