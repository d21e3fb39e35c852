import type { Role } from '../../src/core/actor.ts';
import type {
  CourseUnitView,
  MicroCredentialSummary,
  MicroCredentialView,
  VersionStatus,
} from '../../src/catalogue/store.ts';
import type { MicroCredentialUpdate, MicroCredentialInput } from '../../src/catalogue/schemas.ts';
import { getJson, sendJson } from './api.ts';

export type { CourseUnitView, MicroCredentialInput, MicroCredentialUpdate };

function base(slug: string): string {
  return `/api/v1/manage/${encodeURIComponent(slug)}`;
}

// ---- administration

export interface Member {
  /** The membership: one person holds one per role. */
  id: string;
  email: string;
  name: string;
  role: Role;
  since: string;
}

export interface OutboxMessage {
  id: string;
  institution_id: string | null;
  recipient: string;
  subject: string;
  body: string;
  created_at: string;
  sent_at: string | null;
  error: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: string; id: string | null; label: string };
  role: string | null;
  action: string;
  object: { type: string; id: string };
  before: unknown;
  after: unknown;
}

export interface AuditFilters {
  from: string;
  to: string;
  action: string;
}

export function fetchMembers(slug: string, signal?: AbortSignal): Promise<Member[]> {
  return getJson<Member[]>(`${base(slug)}/members`, signal);
}

export function removeMember(slug: string, membershipId: string): Promise<void> {
  return sendJson<void>('DELETE', `${base(slug)}/members/${encodeURIComponent(membershipId)}`);
}

export function inviteMember(
  slug: string,
  input: { email: string; role: Role },
): Promise<{ id: string; email: string; role: Role }> {
  return sendJson('POST', `${base(slug)}/invitations`, input);
}

export function fetchOutbox(slug: string, signal?: AbortSignal): Promise<OutboxMessage[]> {
  return getJson<OutboxMessage[]>(`${base(slug)}/outbox`, signal);
}

/** A calendar day (yyyy-mm-dd) as the first or last moment of that day in the browser's time zone. */
function dayBoundary(day: string, end: boolean): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The audit query for these filters, for the JSON list and the CSV export alike. */
export function auditQuery(filters: AuditFilters, format?: 'csv'): URLSearchParams {
  const params = new URLSearchParams();
  const from = dayBoundary(filters.from, false);
  const to = dayBoundary(filters.to, true);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (filters.action.trim()) params.set('action', filters.action.trim());
  if (format) params.set('format', format);
  return params;
}

export function auditCsvUrl(slug: string, filters: AuditFilters): string {
  return `${base(slug)}/audit?${auditQuery(filters, 'csv').toString()}`;
}

export function fetchAudit(slug: string, filters: AuditFilters, signal?: AbortSignal): Promise<AuditEntry[]> {
  const query = auditQuery(filters).toString();
  return getJson<AuditEntry[]>(`${base(slug)}/audit${query ? `?${query}` : ''}`, signal);
}

// ---- design

export interface VersionEntry {
  version: number;
  status: VersionStatus;
  updatedAt: string;
  publishedAt: string | null;
}

export function fetchDesignList(slug: string, signal?: AbortSignal): Promise<MicroCredentialSummary[]> {
  return getJson<MicroCredentialSummary[]>(`${base(slug)}/micro-credentials`, signal);
}

function microCredentialUrl(slug: string, code: string): string {
  return `${base(slug)}/micro-credentials/${encodeURIComponent(code)}`;
}

export function fetchDesign(slug: string, code: string, signal?: AbortSignal): Promise<MicroCredentialView> {
  return getJson<MicroCredentialView>(microCredentialUrl(slug, code), signal);
}

export function fetchVersions(slug: string, code: string, signal?: AbortSignal): Promise<VersionEntry[]> {
  return getJson<VersionEntry[]>(`${microCredentialUrl(slug, code)}/versions`, signal);
}

export function createDesign(slug: string, input: MicroCredentialInput): Promise<MicroCredentialView> {
  return sendJson<MicroCredentialView>('POST', `${base(slug)}/micro-credentials`, input);
}

export function updateDesign(
  slug: string,
  code: string,
  update: MicroCredentialUpdate,
): Promise<MicroCredentialView> {
  return sendJson<MicroCredentialView>('PUT', microCredentialUrl(slug, code), update);
}

export function startNewVersion(slug: string, code: string): Promise<MicroCredentialView> {
  return sendJson<MicroCredentialView>('POST', `${microCredentialUrl(slug, code)}/versions`);
}

export function fetchCourseUnits(slug: string, signal?: AbortSignal): Promise<CourseUnitView[]> {
  return getJson<CourseUnitView[]>(`${base(slug)}/course-units`, signal);
}
