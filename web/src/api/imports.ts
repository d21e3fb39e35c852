import type {
  ImportedCredentialDetail,
  ImportedCredentialView,
  Wallet,
  WalletCredential,
} from '../../../src/wallet/wallet-schemas.ts';
import { MAX_CREDENTIAL_FILE_BYTES } from '../../../src/verification/input-limits.ts';
import type { VerificationCheck } from './verification.ts';
import { ApiError, getJson, sendJson } from './http.ts';

export type { ImportedCredentialDetail, ImportedCredentialView, Wallet, WalletCredential };

/** The largest file the server reads for an import, in bytes (its body limit for files). */
export const MAX_IMPORT_FILE_BYTES = MAX_CREDENTIAL_FILE_BYTES;

/** A refused import: the server's words, and for a credential that did not verify, the checks that failed. */
export class ImportRefusedError extends ApiError {
  readonly checks: readonly VerificationCheck[];
  constructor(
    status: number,
    detail: string,
    code: string | undefined,
    checks: readonly VerificationCheck[],
  ) {
    super(status, detail, code);
    this.name = 'ImportRefusedError';
    this.checks = checks;
  }
}

/** Everything the signed-in learner holds: this platform's credentials and the imported ones. */
export function fetchWallet(signal?: AbortSignal): Promise<Wallet> {
  return getJson<Wallet>('/api/v1/me/wallet', signal);
}

/** One imported credential with its document, checked again by the server when its check is old. */
export function fetchImport(id: string, signal?: AbortSignal): Promise<ImportedCredentialDetail> {
  return getJson<ImportedCredentialDetail>(`/api/v1/me/imports/${encodeURIComponent(id)}`, signal);
}

export function removeImport(id: string): Promise<void> {
  return sendJson<void>('DELETE', `/api/v1/me/imports/${encodeURIComponent(id)}`);
}

/** Makes a credential's page public or private again. */
export function setShared(credentialId: string, shared: boolean): Promise<{ shared: boolean }> {
  return sendJson<{ shared: boolean }>(
    'PUT',
    `/api/v1/me/credentials/${encodeURIComponent(credentialId)}/share`,
    {
      shared,
    },
  );
}

/** The media type a file is sent under: JSON text, a badge image or a PDF; anything else as plain bytes. */
function mediaTypeOf(file: File): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.json') || name.endsWith('.jsonld') || file.type.includes('json'))
    return 'application/json';
  if (name.endsWith('.png') || file.type === 'image/png') return 'image/png';
  if (name.endsWith('.svg') || file.type === 'image/svg+xml') return 'image/svg+xml';
  if (name.endsWith('.pdf') || file.type === 'application/pdf') return 'application/pdf';
  return 'application/octet-stream';
}

/** What to import: a file as it is, or the link to a credential. */
export type ImportSubject = { kind: 'file'; file: File } | { kind: 'link'; url: string };

/**
 * Adds a credential to the wallet. The server verifies it first; a refusal is an ImportRefusedError with
 * the server's explanation in `lang` (and the failing checks when it did not verify).
 */
export async function importCredential(
  subject: ImportSubject,
  session: { csrfToken: string; lang: 'nl' | 'en' },
): Promise<ImportedCredentialView> {
  const type = subject.kind === 'link' ? 'application/json' : mediaTypeOf(subject.file);
  const body = subject.kind === 'link' ? JSON.stringify({ url: subject.url }) : subject.file;
  let response: Response;
  try {
    response = await fetch('/api/v1/me/imports', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'accept-language': session.lang,
        'content-type': type,
        'x-csrf-token': session.csrfToken,
      },
      body,
    });
  } catch {
    throw new ApiError(0, 'Could not reach the server.');
  }
  if (response.ok) return (await response.json()) as ImportedCredentialView;
  let detail = response.statusText;
  let code: string | undefined;
  let checks: VerificationCheck[] = [];
  try {
    const problem = (await response.json()) as { detail?: unknown; code?: unknown; checks?: unknown };
    if (typeof problem.detail === 'string') detail = problem.detail;
    if (typeof problem.code === 'string') code = problem.code;
    if (Array.isArray(problem.checks)) checks = problem.checks as VerificationCheck[];
  } catch {
    // Not a problem document; keep the status text.
  }
  throw new ImportRefusedError(response.status, detail, code, checks);
}
