import type {
  CataloguePage,
  CourseUnitView,
  MicroCredentialSummary,
  MicroCredentialView,
  VersionSummary,
  MicroCredentialUpdate,
  MicroCredentialInput,
  BadgeImageView,
} from '../../../src/catalogue/schemas.ts';
import { getJson, manageUrl, sendJson } from './http.ts';

export type { CataloguePage, MicroCredentialView };
export type { MicroCredentialSummary };
export type { CourseUnitView, MicroCredentialInput, MicroCredentialUpdate };
export type { BadgeImageView };

export function fetchCatalogue(query: URLSearchParams, signal?: AbortSignal): Promise<CataloguePage> {
  const text = query.toString();
  return getJson<CataloguePage>(`/api/v1/micro-credentials${text ? `?${text}` : ''}`, signal);
}

export function fetchMicroCredential(
  slug: string,
  code: string,
  signal?: AbortSignal,
): Promise<MicroCredentialView> {
  return getJson<MicroCredentialView>(
    `/api/v1/institutions/${encodeURIComponent(slug)}/micro-credentials/${encodeURIComponent(code)}`,
    signal,
  );
}

// ---- design

export type VersionEntry = VersionSummary;

export function fetchDesignList(slug: string, signal?: AbortSignal): Promise<MicroCredentialSummary[]> {
  return getJson<MicroCredentialSummary[]>(`${manageUrl(slug)}/micro-credentials`, signal);
}

/** The management path of one micro-credential. */
export function microCredentialUrl(slug: string, code: string): string {
  return `${manageUrl(slug)}/micro-credentials/${encodeURIComponent(code)}`;
}

export function fetchDesign(slug: string, code: string, signal?: AbortSignal): Promise<MicroCredentialView> {
  return getJson<MicroCredentialView>(microCredentialUrl(slug, code), signal);
}

export function fetchVersions(slug: string, code: string, signal?: AbortSignal): Promise<VersionEntry[]> {
  return getJson<VersionEntry[]>(`${microCredentialUrl(slug, code)}/versions`, signal);
}

export function createDesign(slug: string, input: MicroCredentialInput): Promise<MicroCredentialView> {
  return sendJson<MicroCredentialView>('POST', `${manageUrl(slug)}/micro-credentials`, input);
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
  return getJson<CourseUnitView[]>(`${manageUrl(slug)}/course-units`, signal);
}

// ---- badge image

/** The latest version's badge image (generated, or uploaded), as a data: URL. */
export function fetchBadgeImage(slug: string, code: string, signal?: AbortSignal): Promise<BadgeImageView> {
  return getJson<BadgeImageView>(`${microCredentialUrl(slug, code)}/badge-image`, signal);
}

/** Uploads the draft's badge image, as a data: URL of an SVG or PNG file. */
export function uploadBadgeImage(slug: string, code: string, image: string): Promise<BadgeImageView> {
  return sendJson<BadgeImageView>('PUT', `${microCredentialUrl(slug, code)}/badge-image`, { image });
}

/** Removes the draft's uploaded badge image: the generated one takes its place. */
export function removeBadgeImage(slug: string, code: string): Promise<BadgeImageView> {
  return sendJson<BadgeImageView>('DELETE', `${microCredentialUrl(slug, code)}/badge-image`);
}
