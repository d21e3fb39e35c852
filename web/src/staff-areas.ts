import type { Role } from '../../src/core/actor.ts';
import { may, type Capability } from '../../src/core/permissions.ts';
import type { Membership } from './api/accounts.ts';
import type { ManageSection } from './router.tsx';

/** The parts of the staff area as the sub-navigation shows them. */
export type StaffArea =
  'overview' | 'micro-credentials' | 'quality' | 'editions' | 'enrolments' | 'results' | 'awarding' | 'admin';

/** In the order of the sub-navigation: design, quality, organisation, assessment, awarding, administration. */
export const STAFF_AREAS: readonly StaffArea[] = [
  'overview',
  'micro-credentials',
  'quality',
  'editions',
  'enrolments',
  'results',
  'awarding',
  'admin',
];

/**
 * The capability each part needs, from the same table the API's routes read (src/core/permissions.ts): whoever
 * the API lets in sees the part. The overview is open to any role at the institution.
 */
export const AREA_CAPABILITY: Readonly<Record<StaffArea, Capability | null>> = {
  overview: null,
  'micro-credentials': 'catalogue.design',
  quality: 'quality.review',
  editions: 'enrolment.manage',
  enrolments: 'enrolment.manage',
  results: 'assessment.record',
  awarding: 'issuing.manage',
  admin: 'institution.administer',
};

/** The section each part opens on. */
export const AREA_HOME: Readonly<Record<StaffArea, ManageSection>> = {
  overview: 'overview',
  'micro-credentials': 'micro-credentials',
  quality: 'quality',
  editions: 'editions',
  enrolments: 'enrolments',
  results: 'results',
  awarding: 'awarding',
  admin: 'members',
};

export function areaOf(section: ManageSection): StaffArea {
  switch (section) {
    case 'micro-credentials':
    case 'micro-credential':
    case 'micro-credential-new':
      return 'micro-credentials';
    case 'members':
    case 'api-tokens':
    case 'outbox':
    case 'audit':
      return 'admin';
    default:
      return section;
  }
}

export function rolesAt(memberships: readonly Membership[], slug: string): Role[] {
  return memberships.filter((m) => m.slug === slug).map((m) => m.role);
}

export function mayOpen(area: StaffArea, roles: readonly Role[]): boolean {
  const needed = AREA_CAPABILITY[area];
  return roles.length > 0 && (needed === null || may(roles, needed));
}

/** The institutions someone holds a role at, by slug, in the order of their memberships. */
export function staffSlugs(memberships: readonly Membership[]): string[] {
  return [...new Set(memberships.map((m) => m.slug))];
}
