import type { MembershipFact, Role } from '../../../src/core/actor.ts';
import type {
  AcceptedInvitation,
  EmailChangeAnswer,
  Member,
  Profile,
  SessionData,
  SignUpAnswer,
  User,
} from '../../../src/accounts/schemas.ts';
import type { OutboxMessage } from '../../../src/administration/schemas.ts';
import type { Erased } from '../../../src/privacy/schemas.ts';
import { ApiError, getJson, manageUrl, sendJson } from './http.ts';

export type { AcceptedInvitation, Member, OutboxMessage, Profile, Role, SessionData, SignUpAnswer, User };
export type Membership = MembershipFact;

/** The current session, or undefined when nobody is signed in. */
export async function fetchSession(signal?: AbortSignal): Promise<SessionData | undefined> {
  try {
    return await getJson<SessionData>('/api/v1/session', signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}

export function signUp(input: { name: string; email: string; password: string }): Promise<SignUpAnswer> {
  return sendJson<SignUpAnswer>('POST', '/api/v1/accounts', input);
}

export function signIn(input: { email: string; password: string }): Promise<SessionData> {
  return sendJson<SessionData>('POST', '/api/v1/session', input);
}

export function signOut(): Promise<void> {
  return sendJson<void>('DELETE', '/api/v1/session');
}

/** Confirms an address; the answer carries a session when the link signed the account in. */
export function confirmEmail(
  token: string,
  signal?: AbortSignal,
): Promise<{ user: User } & Partial<Omit<SessionData, 'user'>>> {
  return sendJson<{ user: User } & Partial<Omit<SessionData, 'user'>>>(
    'POST',
    '/api/v1/accounts/verify-email',
    { token },
    signal,
  );
}

export function requestPasswordReset(email: string): Promise<{ status: string }> {
  return sendJson<{ status: string }>('POST', '/api/v1/password-reset', { email });
}

export function confirmPasswordReset(token: string, password: string): Promise<void> {
  return sendJson<void>('POST', '/api/v1/password-reset/confirm', { token, password });
}

// ---- the signed-in account's own profile and data

/** Where the full export of one's own data downloads from (a plain link: the browser saves the file). */
export const DATA_EXPORT_URL = '/api/v1/me/data-export';

export function fetchProfile(signal?: AbortSignal): Promise<Profile> {
  return getJson<Profile>('/api/v1/me/profile', signal);
}

export function renameAccount(name: string): Promise<Profile> {
  // The route is a PATCH (it changes one part of the profile); the client's verbs name the usual three.
  return sendJson<Profile>('PATCH', '/api/v1/me/profile', { name });
}

/** Asks to move the account to a new address; it keeps the old one until the link mailed to the new one is opened. */
export function requestEmailChange(input: { email: string; password: string }): Promise<EmailChangeAnswer> {
  return sendJson<EmailChangeAnswer>('POST', '/api/v1/me/email', input);
}

/** Opens the link of an address change. */
export function confirmEmailChange(token: string, signal?: AbortSignal): Promise<{ user: User }> {
  return sendJson<{ user: User }>('POST', '/api/v1/me/email/confirm', { token }, signal);
}

export function changePassword(input: { currentPassword: string; newPassword: string }): Promise<void> {
  return sendJson<void>('POST', '/api/v1/me/password', input);
}

/** Erases the signed-in account; the answer clears the session cookie. */
export function eraseAccount(input: { password: string; confirmation: string }): Promise<Erased> {
  return sendJson<Erased>('POST', '/api/v1/me/erase', input);
}

export function acceptInvitation(input: {
  token: string;
  name?: string;
  password?: string;
}): Promise<AcceptedInvitation> {
  return sendJson<AcceptedInvitation>('POST', '/api/v1/invitations/accept', input);
}

// ---- members and their mail

export function fetchMembers(slug: string, signal?: AbortSignal): Promise<Member[]> {
  return getJson<Member[]>(`${manageUrl(slug)}/members`, signal);
}

export function removeMember(slug: string, membershipId: string): Promise<void> {
  return sendJson<void>('DELETE', `${manageUrl(slug)}/members/${encodeURIComponent(membershipId)}`);
}

export function inviteMember(
  slug: string,
  input: { email: string; role: Role },
): Promise<{ id: string; email: string; role: Role }> {
  return sendJson('POST', `${manageUrl(slug)}/invitations`, input);
}

export function fetchOutbox(slug: string, signal?: AbortSignal): Promise<OutboxMessage[]> {
  return getJson<OutboxMessage[]>(`${manageUrl(slug)}/outbox`, signal);
}
