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

const STATE_PHRASES: Readonly<Record<VersionState, string>> = {
  draft: 'a draft that has not been approved (submit it for quality review first)',
  submitted: 'submitted for quality review and awaiting a decision',
  approved: 'approved by quality review',
  rejected: 'rejected by quality review, which is final for this version',
  published: 'already published',
  superseded: 'superseded by a later version',
};

/**
 * Explains why an action is refused in a state, in words a person can act on.
 *
 * @example
 * refusalReason('MC-DATA', 2, 'submitted', 'publish');
 * // → 'Micro-credential MC-DATA version 2 is submitted for quality review and awaiting a decision; only an approved version can be published.'
 */
export function refusalReason(
  code: string,
  version: number,
  state: VersionState,
  action: VersionAction,
): string {
  const subject = `Micro-credential ${code} version ${version} is ${STATE_PHRASES[state]}`;
  switch (action) {
    case 'publish':
      return `${subject}; only an approved version can be published.`;
    case 'submit':
      return `${subject}; only a draft can be submitted for quality review.`;
    case 'approve':
    case 'request-changes':
    case 'reject':
      return `${subject}; only a submitted version can be decided on.`;
    case 'supersede':
      return `${subject}; only a published version can be superseded.`;
  }
}

/** Why a version cannot be edited, naming the way forward. */
export function editRefusalReason(code: string, version: number, state: VersionState): string {
  const subject = `Micro-credential ${code} version ${version} is ${STATE_PHRASES[state]}`;
  switch (state) {
    case 'submitted':
      return `${subject}; it cannot be edited until a reviewer has decided (changes requested make it a draft again).`;
    case 'approved':
      return `${subject}; it cannot be edited: publish it, or start a new version.`;
    case 'rejected':
      return `${subject}; it cannot be edited: start a new version to propose a changed one.`;
    default:
      return `${subject}; only a draft can be edited.`;
  }
}
