import type { Role } from '../../src/core/actor.ts';
import type { ApiTokenResponse } from '../../src/institutions/schemas.ts';
import { getJson, sendJson } from './api.ts';

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
  return `/api/v1/manage/${encodeURIComponent(slug)}/api-tokens`;
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
