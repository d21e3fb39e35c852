import type { Institution } from '../../../src/institutions/schemas.ts';
import type { Role } from '../../../src/core/actor.ts';
import type { ApiTokenResponse } from '../../../src/institutions/schemas.ts';
import { getJson, manageUrl, sendJson } from './http.ts';

export type PublicInstitution = Omit<Institution, 'id'>;

let institutions: Promise<PublicInstitution[]> | undefined;

/** The institutions on this platform; fetched once per visit. */
export function fetchInstitutions(): Promise<PublicInstitution[]> {
  institutions ??= getJson<PublicInstitution[]>('/api/v1/institutions').catch((error: unknown) => {
    institutions = undefined;
    throw error;
  });
  return institutions;
}

// ---- API tokens

export type ApiToken = ApiTokenResponse;

/** What an administrator asks for; `expires` is a date (2027-06-30) or empty for never. */
export interface NewApiToken {
  name: string;
  expires?: string;
  roles: Role[];
}

/** The answer to creating a token: its secret, this once, and the token as the list shows it. */
export interface CreatedApiToken {
  token: string;
  apiToken: ApiToken;
}

function tokensUrl(slug: string): string {
  return `${manageUrl(slug)}/api-tokens`;
}

export function fetchApiTokens(slug: string, signal?: AbortSignal): Promise<ApiToken[]> {
  return getJson<ApiToken[]>(tokensUrl(slug), signal);
}

export function createApiToken(slug: string, input: NewApiToken): Promise<CreatedApiToken> {
  return sendJson<CreatedApiToken>('POST', tokensUrl(slug), input);
}

export function revokeApiToken(slug: string, id: string): Promise<ApiToken> {
  return sendJson<ApiToken>('POST', `${tokensUrl(slug)}/${encodeURIComponent(id)}/revoke`);
}
