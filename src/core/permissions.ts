import type { Role } from './actor.ts';

/**
 * Who may do what: one table, read by the routes (their policy), the OpenAPI document (each route's
 * `security` and the roles it names) and the web's navigation. The first role listed is the one an actor
 * acts in when they hold several (an administrator who is also a designer designs as designer).
 */
export const CAPABILITIES = {
  /** Course units and micro-credentials: write drafts, start versions, submit them for review. */
  'catalogue.design': ['designer', 'administrator'],
  /** Review submitted versions and decide (four eyes: never one's own submission). */
  'quality.review': ['qa-reviewer', 'administrator'],
  /** Editions, reductions and the decisions on enrolments. */
  'enrolment.manage': ['registrar', 'administrator'],
  /** Read editions and their enrolments (assessors record results per edition). */
  'enrolment.read': ['registrar', 'assessor', 'administrator'],
  /** Record, correct and import results. */
  'assessment.record': ['assessor', 'administrator'],
  /** Read the results of an edition. */
  'assessment.read': ['assessor', 'registrar', 'administrator'],
  /** Issue, revoke and suspend proofs of learning. */
  'issuing.manage': ['registrar', 'administrator'],
  /** Members, invitations, API tokens, the outbox and the audit log. */
  'institution.administer': ['administrator'],
} as const satisfies Record<string, readonly Role[]>;

export type Capability = keyof typeof CAPABILITIES;
export const CAPABILITY_NAMES = Object.keys(CAPABILITIES) as Capability[];

export function rolesFor(capability: Capability): readonly Role[] {
  return CAPABILITIES[capability];
}

/** Whether someone holding `roles` at an institution has `capability` there. */
export function may(roles: readonly Role[], capability: Capability): boolean {
  return CAPABILITIES[capability].some((role) => roles.includes(role));
}

/** The role to act in for `capability`: the first of its roles the actor holds. */
export function actingRoleFor(roles: readonly Role[], capability: Capability): Role | undefined {
  return CAPABILITIES[capability].find((role) => roles.includes(role));
}
