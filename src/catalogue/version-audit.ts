import type { Command } from '../core/command.ts';
import type { Institution } from '../core/institution.ts';
import type { VersionedKind } from './rows.ts';

/** One change to one version of a course unit or micro-credential, as its audit record tells it. */
export interface VersionChange {
  kind: VersionedKind;
  /** What was done, recorded as `<kind>.<action>` (say `micro-credential.publish`). */
  action: string;
  versionId: string;
  before?: unknown;
  after: unknown;
}

/**
 * Records a change to a catalogue version in the command's transaction. Every catalogue write is recorded
 * this way, against the version (object type `<kind>-version`) and its institution, so that the history
 * of one version reads alike whichever write made it.
 *
 * @example
 * await auditVersion(cmd, institution, { kind: 'course-unit', action: 'publish', versionId, before, after });
 */
export function auditVersion(cmd: Command, institution: Institution, change: VersionChange): Promise<void> {
  return cmd.audit({
    action: `${change.kind}.${change.action}`,
    objectType: `${change.kind}-version`,
    objectId: change.versionId,
    institutionId: institution.id,
    before: change.before,
    after: change.after,
  });
}
