import type { VerificationResult } from '../../../src/verification/verify.ts';
import { ApiError, postJsonText } from './http.ts';
import type { Lang } from '../../../src/core/i18n.ts';
import { MAX_CREDENTIAL_FILE_BYTES } from '../../../src/verification/input-limits.ts';

export type { VerificationResult };
export type { CheckName, CredentialSummary, VerificationCheck } from '../../../src/verification/verify.ts';

/** The largest request body the server reads (its body limit), in bytes. */
export const MAX_CREDENTIAL_BYTES = 2 * 1024 * 1024;

/**
 * Verifies a credential. `body` is sent as it is: the JSON text of a credential, or `{ "url": … }` for the
 * credential behind a link. Unreadable input is an ApiError with status 400 and the server's explanation.
 */
export function verifyCredential(body: string, signal?: AbortSignal): Promise<VerificationResult> {
  return postJsonText<VerificationResult>('/api/v1/verify', body, signal);
}

export { MAX_CREDENTIAL_FILE_BYTES };

/** The media types of the files that carry a credential, by what the server accepts. */
const FILE_MEDIA_TYPES = ['image/png', 'image/svg+xml', 'application/pdf'];

/**
 * Whether a chosen file is a credential's JSON (sent as text) rather than a file that carries one.
 *
 * @example
 * isJsonFile(new File(['{}'], 'badge.json')); // true
 */
export function isJsonFile(file: File): boolean {
  return /json/.test(file.type) || /\.(json|jsonld)$/i.test(file.name);
}

/**
 * Verifies a file that carries a credential: a baked badge image (PNG, SVG) or a PDF certificate, sent as
 * its bytes under its media type (or as `application/octet-stream`, which the server recognises by content).
 * A file without a credential is an ApiError with status 400 and the server's explanation in `lang`.
 */
export async function verifyCredentialFile(
  file: Blob,
  lang: Lang,
  signal?: AbortSignal,
): Promise<VerificationResult> {
  const type = FILE_MEDIA_TYPES.includes(file.type) ? file.type : 'application/octet-stream';
  let response: Response;
  try {
    response = await fetch('/api/v1/verify', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': lang, 'content-type': type },
      body: file,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'Could not reach the server for /api/v1/verify');
  }
  if (response.ok) return (await response.json()) as VerificationResult;
  let detail = response.statusText;
  let code: string | undefined;
  try {
    const problem = (await response.json()) as { detail?: unknown; code?: unknown };
    if (typeof problem.detail === 'string') detail = problem.detail;
    if (typeof problem.code === 'string') code = problem.code;
  } catch {
    // Not a problem document; keep the status text.
  }
  throw new ApiError(response.status, detail, code);
}
