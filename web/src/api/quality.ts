import type { PublicQualityRecord } from '../../../src/catalogue/schemas.ts';
import type { ReviewDetail, ReviewView } from '../../../src/quality/schemas.ts';
import { getJson, manageUrl, sendJson } from './http.ts';
import { microCredentialUrl, type MicroCredentialView } from './catalogue.ts';

export type { PublicQualityRecord, ReviewDetail, ReviewView };
export type QualityDecision = 'approve' | 'request-changes' | 'reject';

export interface ChecklistEntry {
  criterion: string;
  met: boolean;
  note?: string;
}

export function submitForReview(slug: string, code: string): Promise<ReviewView> {
  return sendJson<ReviewView>('POST', `${microCredentialUrl(slug, code)}/submit`);
}

export function publishVersion(slug: string, code: string): Promise<MicroCredentialView> {
  return sendJson<MicroCredentialView>('POST', `${microCredentialUrl(slug, code)}/publish`);
}

export function fetchReviewHistory(slug: string, code: string, signal?: AbortSignal): Promise<ReviewView[]> {
  return getJson<ReviewView[]>(`${microCredentialUrl(slug, code)}/qa`, signal);
}

export function fetchReviewQueue(slug: string, signal?: AbortSignal): Promise<ReviewView[]> {
  return getJson<ReviewView[]>(`${manageUrl(slug)}/qa/queue`, signal);
}

export function fetchReview(slug: string, id: string, signal?: AbortSignal): Promise<ReviewDetail> {
  return getJson<ReviewDetail>(`${manageUrl(slug)}/qa/reviews/${encodeURIComponent(id)}`, signal);
}

export function decideReview(
  slug: string,
  id: string,
  body: { decision: QualityDecision; rationale: string; checklist: ChecklistEntry[] },
): Promise<ReviewView> {
  return sendJson<ReviewView>(
    'POST',
    `${manageUrl(slug)}/qa/reviews/${encodeURIComponent(id)}/decision`,
    body,
  );
}
