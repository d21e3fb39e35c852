import type { LocalizedText } from '../../src/catalogue/rules.ts';
import { ApiError, getJson } from './api.ts';

export interface Enrolment {
  id: string;
  status: string;
  edition: { code: string; startsOn: string; endsOn: string };
  microCredential: { title: LocalizedText };
  amountDueCents: number;
  waitlistPosition?: number | null;
}

/** One recorded result of a requirement (a course unit for form A, the whole for form B). */
export interface ResultRecord {
  id: string;
  /** On 20; null when only passed or not is recorded. */
  score: number | null;
  passed: boolean;
  assessedOn: string;
}

/** The learner's results in one edition: per requirement the result that counts. */
export interface LearnerResult {
  edition: string;
  microCredential: { code: string; title: LocalizedText };
  requirements: Array<{
    courseUnit: string | null;
    title: LocalizedText;
    current: ResultRecord | null;
  }>;
}

export interface LearnerCredential {
  id: string;
  kind: string;
  status: string;
  issuedAt: string;
  document: unknown;
  /**
   * What it was earned for, in Dutch and English, when the server says: the course unit of a credit
   * certificate, else the micro-credential.
   */
  titles?: LocalizedText;
  /** The micro-credential it is (part of); `title` is Dutch, `titles` both languages. */
  microCredential?: { code: string; title: string; titles?: LocalizedText };
  /** The course unit code of a credit certificate. */
  courseUnit?: string | null;
}

/** A list of the learner area, or `unavailable` while the server does not offer it yet (404). */
export type LearnerList<T> = { available: true; items: T[] } | { available: false };

async function learnerList<T>(url: string, signal?: AbortSignal): Promise<LearnerList<T>> {
  try {
    return { available: true, items: await getJson<T[]>(url, signal) };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { available: false };
    throw error;
  }
}

export function fetchEnrolments(signal?: AbortSignal): Promise<LearnerList<Enrolment>> {
  return learnerList<Enrolment>('/api/v1/me/enrolments', signal);
}

export function fetchResults(signal?: AbortSignal): Promise<LearnerList<LearnerResult>> {
  return learnerList<LearnerResult>('/api/v1/me/results', signal);
}

export function fetchCredentials(signal?: AbortSignal): Promise<LearnerList<LearnerCredential>> {
  return learnerList<LearnerCredential>('/api/v1/me/credentials', signal);
}
