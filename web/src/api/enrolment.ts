import type {
  EditionDetail,
  EditionInput,
  EditionView,
  MyEnrolmentView,
  ReductionView,
  StaffEnrolmentView,
} from '../../../src/enrolment/schemas.ts';
import { getJson, learnerList, manageUrl, sendJson, type LearnerList } from './http.ts';

export type { EditionDetail, EditionInput, EditionView, MyEnrolmentView, ReductionView, StaffEnrolmentView };
function editionUrl(slug: string, code: string): string {
  return `${manageUrl(slug)}/editions/${encodeURIComponent(code)}`;
}

export function fetchEditions(slug: string, signal?: AbortSignal): Promise<EditionView[]> {
  return getJson<EditionView[]>(`${manageUrl(slug)}/editions`, signal);
}

export function createEdition(slug: string, input: EditionInput): Promise<EditionView> {
  return sendJson<EditionView>('POST', `${manageUrl(slug)}/editions`, input);
}

export function fetchEditionEnrolments(
  slug: string,
  code: string,
  signal?: AbortSignal,
): Promise<StaffEnrolmentView[]> {
  return getJson<StaffEnrolmentView[]>(`${editionUrl(slug, code)}/enrolments`, signal);
}

export function decideEnrolment(
  slug: string,
  code: string,
  id: string,
  body: { decision: 'accept' | 'refuse'; reason?: string },
): Promise<StaffEnrolmentView> {
  return sendJson<StaffEnrolmentView>(
    'POST',
    `${editionUrl(slug, code)}/enrolments/${encodeURIComponent(id)}/decision`,
    body,
  );
}

// ---- public and learner

export function fetchPublicEditions(
  slug: string,
  code: string,
  signal?: AbortSignal,
): Promise<EditionView[]> {
  return getJson<EditionView[]>(
    `/api/v1/institutions/${encodeURIComponent(slug)}/micro-credentials/${encodeURIComponent(code)}/editions`,
    signal,
  );
}

export function fetchPublicEdition(id: string, signal?: AbortSignal): Promise<EditionDetail> {
  return getJson<EditionDetail>(`/api/v1/editions/${encodeURIComponent(id)}`, signal);
}

export function enrolIn(
  id: string,
  body: { confirmPrerequisites: boolean; reduction?: string },
): Promise<MyEnrolmentView> {
  return sendJson<MyEnrolmentView>('POST', `/api/v1/editions/${encodeURIComponent(id)}/enrolments`, body);
}

/** A learner's own enrolment, as the list of `/me/enrolments` gives it. */
export type Enrolment = MyEnrolmentView;

export function fetchEnrolments(signal?: AbortSignal): Promise<LearnerList<Enrolment>> {
  return learnerList<Enrolment>('/api/v1/me/enrolments', signal);
}
