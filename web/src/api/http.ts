import type { Lang } from '../../../src/core/i18n.ts';

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
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
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

/** The API path of an institution's management area. */
export function manageUrl(slug: string): string {
  return `/api/v1/manage/${encodeURIComponent(slug)}`;
}

/** Posts a body that is already JSON text, as it is, without a CSRF token: the call changes nothing. */
export function postJsonText<T>(url: string, body: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(
    url,
    { method: 'POST', headers: { ...readHeaders(), 'content-type': 'application/json' }, body },
    signal,
  );
}

/** A list of the learner area, or `unavailable` while the server does not offer it yet (404). */
export type LearnerList<T> = { available: true; items: T[] } | { available: false };

export async function learnerList<T>(url: string, signal?: AbortSignal): Promise<LearnerList<T>> {
  try {
    return { available: true, items: await getJson<T[]>(url, signal) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { available: false };
    throw error;
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
