import type { LearnerResults, ResultView } from '../../src/assessment/store.ts';
import type { CohortIssuance, EnrolmentIssuance } from '../../src/issuing/issue-from-evaluation.ts';
import type { CredentialListItem } from '../../src/issuing/manage-credentials.ts';
import type { LocalizedText } from '../../src/catalogue/rules.ts';
import { ApiError, getJson, sendJson } from './api.ts';

export type { CohortIssuance, CredentialListItem, EnrolmentIssuance, LearnerResults, ResultView };

export interface EditionResults {
  edition: {
    code: string;
    microCredential: { code: string; version: number; form: string; title: LocalizedText };
  };
  passMark: number;
  courseUnits: Array<{ code: string; title: LocalizedText }>;
  learners: LearnerResults[];
}

/** The fields of one result, as the grid and the correction form send them. */
export interface ResultFields {
  score: number | null;
  passed?: boolean;
  assessedOn: string;
  assessmentType: string;
  supervision: string;
}

export interface ImportProblem {
  line: number;
  field: string;
  message: string;
}

export type CredentialAction = 'revoke' | 'suspend' | 'unsuspend';

function editionUrl(slug: string, code: string): string {
  return `/api/v1/manage/${encodeURIComponent(slug)}/editions/${encodeURIComponent(code)}`;
}

export function fetchEditionResults(
  slug: string,
  code: string,
  signal?: AbortSignal,
): Promise<EditionResults> {
  return getJson<EditionResults>(`${editionUrl(slug, code)}/results`, signal);
}

export function recordResult(
  slug: string,
  code: string,
  body: ResultFields & { enrolmentId: string; courseUnit: string | null },
): Promise<{ result: ResultView }> {
  return sendJson<{ result: ResultView }>('POST', `${editionUrl(slug, code)}/results`, body);
}

export function correctResult(
  slug: string,
  code: string,
  id: string,
  body: ResultFields & { reason: string },
): Promise<{ result: ResultView; warnings: string[] }> {
  return sendJson('POST', `${editionUrl(slug, code)}/results/${encodeURIComponent(id)}/correction`, body);
}

/**
 * Imports a results file; a refused file comes back as its problems by line (nothing was written), any
 * other failure is thrown.
 */
export async function importResults(
  slug: string,
  code: string,
  csv: string,
): Promise<{ ok: true; imported: number } | { ok: false; problems: ImportProblem[] }> {
  try {
    const answer = await sendJson<{ imported: number }>('POST', `${editionUrl(slug, code)}/results/import`, {
      csv,
    });
    return { ok: true, imported: answer.imported };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    const problems: ImportProblem[] = [];
    for (const problem of error.problems) {
      const match = /^line (\d+): (.*)$/.exec(problem.field);
      if (match?.[1] !== undefined) {
        problems.push({ line: Number(match[1]), field: match[2] ?? '', message: problem.message });
      }
    }
    return { ok: false, problems };
  }
}

export function fetchIssuePreview(slug: string, code: string, signal?: AbortSignal): Promise<CohortIssuance> {
  return getJson<CohortIssuance>(`${editionUrl(slug, code)}/issue/preview`, signal);
}

export function issueForEnrolment(slug: string, enrolmentId: string): Promise<EnrolmentIssuance> {
  return sendJson<EnrolmentIssuance>(
    'POST',
    `/api/v1/manage/${encodeURIComponent(slug)}/enrolments/${encodeURIComponent(enrolmentId)}/issue`,
  );
}

export function fetchIssuedCredentials(
  slug: string,
  edition: string,
  signal?: AbortSignal,
): Promise<CredentialListItem[]> {
  return getJson<CredentialListItem[]>(
    `/api/v1/manage/${encodeURIComponent(slug)}/credentials?edition=${encodeURIComponent(edition)}`,
    signal,
  );
}

export function changeCredentialStatus(
  slug: string,
  id: string,
  body: { action: CredentialAction; reason?: string },
): Promise<CredentialListItem> {
  return sendJson<CredentialListItem>(
    'POST',
    `/api/v1/manage/${encodeURIComponent(slug)}/credentials/${encodeURIComponent(id)}/status`,
    body,
  );
}
