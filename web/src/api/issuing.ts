import type {
  CohortIssuance,
  CredentialListItem,
  EnrolmentIssuance,
  LearnerCredential,
} from '../../../src/issuing/schemas.ts';
import { getJson, learnerList, manageUrl, sendJson, type LearnerList } from './http.ts';

export type { CohortIssuance, CredentialListItem, EnrolmentIssuance, LearnerCredential };

export type CredentialAction = 'revoke' | 'suspend' | 'unsuspend';
function editionUrl(slug: string, code: string): string {
  return `${manageUrl(slug)}/editions/${encodeURIComponent(code)}`;
}

export function fetchIssuePreview(slug: string, code: string, signal?: AbortSignal): Promise<CohortIssuance> {
  return getJson<CohortIssuance>(`${editionUrl(slug, code)}/issue/preview`, signal);
}

export function issueForEnrolment(slug: string, enrolmentId: string): Promise<EnrolmentIssuance> {
  return sendJson<EnrolmentIssuance>(
    'POST',
    `${manageUrl(slug)}/enrolments/${encodeURIComponent(enrolmentId)}/issue`,
  );
}

export function fetchIssuedCredentials(
  slug: string,
  edition: string,
  signal?: AbortSignal,
): Promise<CredentialListItem[]> {
  return getJson<CredentialListItem[]>(
    `${manageUrl(slug)}/credentials?edition=${encodeURIComponent(edition)}`,
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
    `${manageUrl(slug)}/credentials/${encodeURIComponent(id)}/status`,
    body,
  );
}

// ---- the learner's own credentials

export function fetchCredentials(signal?: AbortSignal): Promise<LearnerList<LearnerCredential>> {
  return learnerList<LearnerCredential>('/api/v1/me/credentials', signal);
}
