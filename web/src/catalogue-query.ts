import type { Form } from '../../src/catalogue/rules.ts';

/** The catalogue's search and filters, as they appear in the page address (so a search can be shared). */
export interface CatalogueFilters {
  q: string;
  vksLevel: string;
  ectsMin: string;
  ectsMax: string;
  form: Form | '';
  language: string;
  institution: string;
  page: number;
  /** Not offered in the form, but honoured when present in a shared address. */
  pageSize?: number | undefined;
}

export const DEFAULT_PAGE_SIZE = 12;
export const EMPTY_FILTERS: CatalogueFilters = {
  q: '',
  vksLevel: '',
  ectsMin: '',
  ectsMax: '',
  form: '',
  language: '',
  institution: '',
  page: 1,
};

const FORMS: readonly Form[] = ['regular', 'outside-regular'];

function positiveInteger(text: string | null, max: number): number | undefined {
  if (text === null || !/^\d+$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= max ? n : undefined;
}

function ects(text: string | null): string {
  if (text === null || text.trim() === '') return '';
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? String(n) : '';
}

/** Reads filters from a query string, dropping values the API would refuse. */
export function parseFilters(search: string): CatalogueFilters {
  const params = new URLSearchParams(search);
  const form = params.get('form') ?? '';
  const vks = positiveInteger(params.get('vksLevel'), 8);
  const language = params.get('language') ?? '';
  return {
    q: (params.get('q') ?? '').slice(0, 200),
    vksLevel: vks === undefined ? '' : String(vks),
    ectsMin: ects(params.get('ectsMin')),
    ectsMax: ects(params.get('ectsMax')),
    form: (FORMS as readonly string[]).includes(form) ? (form as Form) : '',
    language: /^[a-z]{2}$/.test(language) ? language : '',
    institution: (params.get('institution') ?? '').slice(0, 80),
    page: positiveInteger(params.get('page'), 100_000) ?? 1,
    pageSize: positiveInteger(params.get('pageSize'), 100),
  };
}

function entries(filters: CatalogueFilters): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const q = filters.q.trim();
  if (q) out.push(['q', q]);
  if (filters.vksLevel) out.push(['vksLevel', filters.vksLevel]);
  if (filters.ectsMin) out.push(['ectsMin', filters.ectsMin]);
  if (filters.ectsMax) out.push(['ectsMax', filters.ectsMax]);
  if (filters.form) out.push(['form', filters.form]);
  if (filters.language) out.push(['language', filters.language]);
  if (filters.institution) out.push(['institution', filters.institution]);
  return out;
}

/** The page address for these filters: `/` plus only the values that are set. */
export function cataloguePath(filters: CatalogueFilters): string {
  const params = new URLSearchParams(entries(filters));
  if (filters.page > 1) params.set('page', String(filters.page));
  if (filters.pageSize !== undefined) params.set('pageSize', String(filters.pageSize));
  const text = params.toString();
  return text ? `/?${text}` : '/';
}

/** The API query for these filters. */
export function apiQuery(filters: CatalogueFilters): URLSearchParams {
  const params = new URLSearchParams(entries(filters));
  params.set('page', String(filters.page));
  params.set('pageSize', String(filters.pageSize ?? DEFAULT_PAGE_SIZE));
  return params;
}

export function hasActiveFilters(filters: CatalogueFilters): boolean {
  return entries(filters).length > 0;
}
