/** Roles within one institution. Learners are global and need no role. */
export type Role = 'administrator' | 'designer' | 'qa-reviewer' | 'assessor' | 'registrar';
export const ROLES: readonly Role[] = ['administrator', 'designer', 'qa-reviewer', 'assessor', 'registrar'];

export interface MembershipFact {
  institutionId: string;
  slug: string;
  role: Role;
}

/** Who is acting: recorded with every state change in the audit log. */
export type Actor =
  | { kind: 'user'; userId: string; email: string; name: string; memberships: MembershipFact[] }
  | {
      kind: 'token';
      tokenId: string;
      institutionId: string;
      slug: string;
      label: string;
      /** The roles the token was given when it was made (every role, unless narrowed). */
      roles: readonly Role[];
    }
  | { kind: 'cli'; label: string }
  | { kind: 'system'; label: string };

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'user':
      return `${actor.name} <${actor.email}>`;
    case 'token':
      return `API token "${actor.label}" (${actor.slug})`;
    case 'cli':
      return `command line (${actor.label})`;
    case 'system':
      return actor.label;
  }
}

export function actorId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.userId : actor.kind === 'token' ? actor.tokenId : null;
}

/** The roles an actor holds at an institution; an API token acts with its own roles, at its institution only. */
export function rolesAt(actor: Actor | undefined, institutionId: string): Role[] {
  if (!actor) return [];
  if (actor.kind === 'token') return actor.institutionId === institutionId ? [...actor.roles] : [];
  if (actor.kind === 'user')
    return actor.memberships.filter((m) => m.institutionId === institutionId).map((m) => m.role);
  return [...ROLES];
}
