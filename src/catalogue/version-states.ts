import { ConflictError } from '../core/errors.ts';
import { editRefusalReason, refusalReason } from './version-messages.ts';

export { editRefusalReason, refusalReason };

/**
 * The states of a micro-credential version and the moves between them. Catalogue owns them; the quality
 * procedure asks for moves through `transitionVersion` (catalogue/version-lifecycle.ts).
 */

/**
 * The states of a micro-credential version. The version row carries the state; each submission has a
 * review row that carries its decision.
 */
export type VersionState = 'draft' | 'submitted' | 'approved' | 'rejected' | 'published' | 'superseded';
export type Decision = 'approve' | 'request-changes' | 'reject';
export type VersionAction = 'submit' | Decision | 'publish' | 'supersede';

/**
 * Every allowed move. Changes requested return the version to an editable draft; a rejection is final for
 * that version; only an approved version is published.
 */
export const VERSION_TRANSITIONS: Readonly<
  Record<VersionState, Partial<Record<VersionAction, VersionState>>>
> = {
  draft: { submit: 'submitted' },
  submitted: { approve: 'approved', 'request-changes': 'draft', reject: 'rejected' },
  approved: { publish: 'published' },
  published: { supersede: 'superseded' },
  rejected: {},
  superseded: {},
};

/**
 * The state a version moves to, or `undefined` when the action is not allowed in its state.
 *
 * @example
 * nextState('submitted', 'request-changes'); // → 'draft'
 * nextState('draft', 'publish'); // → undefined
 */
export function nextState(state: VersionState, action: VersionAction): VersionState | undefined {
  return VERSION_TRANSITIONS[state]?.[action];
}

/** Only a draft may be edited: a version under review, decided or published stays as it was assessed. */
export function isEditable(state: VersionState): boolean {
  return state === 'draft';
}

/** Publicly visible states: the catalogue shows published versions and keeps superseded ones findable. */
export function isPublic(state: VersionState): boolean {
  return state === 'published' || state === 'superseded';
}

/**
 * The refusal of a move the state machine does not allow, naming the state (409, in both languages).
 *
 * @example throw versionRefused('MC-DATA', 2, 'submitted', 'publish');
 */
export function versionRefused(
  code: string,
  version: number,
  state: VersionState,
  action: VersionAction,
): ConflictError {
  return new ConflictError('invalid-state', refusalReason(code, version, state, action), {
    key: 'version-refused',
    params: { code, version, state, action },
  });
}

/** The refusal of an edit of a version that is no longer a draft (409, in both languages). */
export function versionNotEditable(code: string, version: number, state: VersionState): ConflictError {
  return new ConflictError('invalid-state', editRefusalReason(code, version, state), {
    key: 'version-not-editable',
    params: { code, version, state },
  });
}
