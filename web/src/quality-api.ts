import type { PublicQualityRecord } from '../../src/quality/rules.ts';
import type { ReviewDetail, ReviewView } from '../../src/quality/store.ts';
import { getJson, sendJson } from './api.ts';
import type { MicroCredentialView } from './api.ts';

export type { PublicQualityRecord, ReviewDetail, ReviewView };
export type QualityDecision = 'approve' | 'request-changes' | 'reject';

export interface ChecklistEntry {
  criterion: string;
  met: boolean;
  note?: string;
}

function base(slug: string): string {
  return `/api/v1/manage/${encodeURIComponent(slug)}`;
}

function microCredentialUrl(slug: string, code: string): string {
  return `${base(slug)}/micro-credentials/${encodeURIComponent(code)}`;
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
  return getJson<ReviewView[]>(`${base(slug)}/qa/queue`, signal);
}

export function fetchReview(slug: string, id: string, signal?: AbortSignal): Promise<ReviewDetail> {
  return getJson<ReviewDetail>(`${base(slug)}/qa/reviews/${encodeURIComponent(id)}`, signal);
}

export function decideReview(
  slug: string,
  id: string,
  body: { decision: QualityDecision; rationale: string; checklist: ChecklistEntry[] },
): Promise<ReviewView> {
  return sendJson<ReviewView>('POST', `${base(slug)}/qa/reviews/${encodeURIComponent(id)}/decision`, body);
}
