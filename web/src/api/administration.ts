import type { AuditEntryView } from '../../../src/administration/schemas.ts';
import { getJson, manageUrl } from './http.ts';

export type AuditEntry = AuditEntryView;

export interface AuditFilters {
  from: string;
  to: string;
  action: string;
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
  return `${manageUrl(slug)}/audit?${auditQuery(filters, 'csv').toString()}`;
}

export function fetchAudit(slug: string, filters: AuditFilters, signal?: AbortSignal): Promise<AuditEntry[]> {
  const query = auditQuery(filters).toString();
  return getJson<AuditEntry[]>(`${manageUrl(slug)}/audit${query ? `?${query}` : ''}`, signal);
}
