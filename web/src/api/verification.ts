import type { VerificationResult } from '../../../src/verification/verify.ts';
import { postJsonText } from './http.ts';

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
