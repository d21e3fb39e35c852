import type { CataloguePage, MicroCredentialView } from '../../src/catalogue/store.ts';
import type { Lang } from '../../src/core/i18n.ts';
import type { Institution } from '../../src/institutions/store.ts';
import type { VerificationResult } from '../../src/verification/verify.ts';

export type { CataloguePage, MicroCredentialView, VerificationResult };
export type { CheckName, CredentialSummary, VerificationCheck } from '../../src/verification/verify.ts';
export type { MicroCredentialSummary } from '../../src/catalogue/store.ts';
export type PublicInstitution = Omit<Institution, 'id'>;

/** One refused field of a problem+json answer: `field` is a path such as `title.nl` or `partners[0].url`. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * A failed API call; `status` is 0 when the server could not be reached. `code` and `problems` come from
 * the server's problem+json answer, when it gave one.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly problems: readonly FieldProblem[];

  constructor(status: number, message: string, code?: string, problems: readonly FieldProblem[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.problems = problems;
  }
}

let csrfToken: string | undefined;
let answerLanguage: Lang = 'nl';

/** The CSRF token of the current session; every write carries it. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** The language the server should explain refusals in. */
export function setAnswerLanguage(lang: Lang): void {
  answerLanguage = lang;
}

function isFieldProblem(value: unknown): value is FieldProblem {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.field === 'string' && typeof record.rule === 'string' && typeof record.message === 'string'
  );
}

async function problemOf(response: Response): Promise<ApiError> {
  let detail = response.statusText;
  let code: string | undefined;
  let problems: FieldProblem[] = [];
  try {
    const problem = (await response.json()) as { detail?: unknown; code?: unknown; errors?: unknown };
    if (typeof problem.detail === 'string') detail = problem.detail;
    if (typeof problem.code === 'string') code = problem.code;
    if (Array.isArray(problem.errors)) problems = problem.errors.filter(isFieldProblem);
  } catch {
    // Not a problem document; keep the status text.
  }
  return new ApiError(response.status, detail, code, problems);
}

async function requestJson<T>(url: string, init: RequestInit, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      credentials: 'same-origin',
      ...init,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, `Could not reach the server for ${url}`);
  }
  if (!response.ok) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

function readHeaders(): Record<string, string> {
  return { accept: 'application/json', 'accept-language': answerLanguage };
}

/** Reads JSON from the API. */
export function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(url, { headers: readHeaders() }, signal);
}

/** Changes something: sends JSON (when there is a body) and the session's CSRF token. */
export function sendJson<T>(
  method: 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  signal?: AbortSignal,
): Promise<T> {
  const headers: Record<string, string> = readHeaders();
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrfToken) headers['x-csrf-token'] = csrfToken;
  return requestJson<T>(
    url,
    { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) },
    signal,
  );
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
    { method: 'POST', headers: { ...readHeaders(), 'content-type': 'application/json' }, body },
    signal,
  );
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
