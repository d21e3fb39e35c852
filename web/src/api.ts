import type { CataloguePage, MicroCredentialView } from '../../src/catalogue/store.ts';
import type { Institution } from '../../src/institutions/store.ts';
import type { VerificationResult } from '../../src/verification/verify.ts';

export type { CataloguePage, MicroCredentialView, VerificationResult };
export type { CheckName, CredentialSummary, VerificationCheck } from '../../src/verification/verify.ts';
export type { MicroCredentialSummary } from '../../src/catalogue/store.ts';
export type PublicInstitution = Omit<Institution, 'id'>;

/** A failed API call; `status` is 0 when the server could not be reached. */
export class ApiError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

async function requestJson<T>(url: string, init: RequestInit, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, `Could not reach the server for ${url}`);
  }
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const problem = (await response.json()) as { detail?: unknown };
      if (typeof problem.detail === 'string') detail = problem.detail;
    } catch {
      // Not a problem document; keep the status text.
    }
    throw new ApiError(response.status, detail);
  }
  return (await response.json()) as T;
}

function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(url, { headers: { accept: 'application/json' } }, signal);
}

export function fetchCatalogue(query: URLSearchParams, signal?: AbortSignal): Promise<CataloguePage> {
  const text = query.toString();
  return getJson<CataloguePage>(`/api/v1/micro-credentials${text ? `?${text}` : ''}`, signal);
}

let institutions: Promise<PublicInstitution[]> | undefined;

/** The institutions on this platform; fetched once per visit. */
export function fetchInstitutions(): Promise<PublicInstitution[]> {
  institutions ??= getJson<PublicInstitution[]>('/api/v1/institutions').catch((error: unknown) => {
    institutions = undefined;
    throw error;
  });
  return institutions;
}

export function fetchMicroCredential(
  slug: string,
  code: string,
  signal?: AbortSignal,
): Promise<MicroCredentialView> {
  return getJson<MicroCredentialView>(
    `/api/v1/institutions/${encodeURIComponent(slug)}/micro-credentials/${encodeURIComponent(code)}`,
    signal,
  );
}

/** The largest request body the server reads (its body limit), in bytes. */
export const MAX_CREDENTIAL_BYTES = 2 * 1024 * 1024;

/**
 * Verifies a credential. `body` is sent as it is: the JSON text of a credential, or `{ "url": … }` for the
 * credential behind a link. Unreadable input is an ApiError with status 400 and the server's explanation.
 */
export function verifyCredential(body: string, signal?: AbortSignal): Promise<VerificationResult> {
  return requestJson<VerificationResult>(
    '/api/v1/verify',
    { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body },
    signal,
  );
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
