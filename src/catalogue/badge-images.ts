import { Resvg } from '@resvg/resvg-js';
import type { Command } from '../core/command.ts';
import type { Db, Tx } from '../core/database.ts';
import { NotFoundError, refuse } from '../core/errors.ts';
import type { Institution } from '../core/institution.ts';
import { versionOf } from './rows.ts';
import type { BadgeImageView } from './schemas.ts';
import { auditVersion } from './version-audit.ts';
import { isEditable, isPublic, versionNotEditable, type VersionState } from './version-states.ts';

/** A badge image as stored: its media type and bytes. */
export interface BadgeImage {
  mediaType: 'image/svg+xml' | 'image/png';
  bytes: Uint8Array;
}

/** What a generated badge shows. */
export interface BadgeArtFacts {
  title: string;
  vksLevel: number;
  ects: number;
  institutionName: string;
  /** The institution's colour is derived from it. */
  institutionSlug: string;
  lang: 'nl' | 'en';
}

/** Why an uploaded image is refused: a rule of the catalogue's message table, with its parameters. */
export interface BadgeRefusal {
  rule: string;
  params: Readonly<Record<string, string | number>>;
}

/**
 * How badges are drawn and uploads checked. The drawing belongs to the Open Badges documents
 * (`credentials/badge-image.ts`, which depends on the catalogue), so app.ts wires it in, as it wires the
 * quality records into the catalogue's views.
 */
export interface BadgeArt {
  /** The generated badge of a version, as SVG text. */
  generatedSvg(facts: BadgeArtFacts): string;
  /** Why an uploaded image cannot be used; undefined when it can. */
  uploadProblem(mediaType: string, bytes: Uint8Array): BadgeRefusal | undefined;
  /** The `data:` URL an image is stored and shown as: the same text the editor builds in the browser. */
  dataUrl(image: BadgeImage): string;
}

/**
 * Without drawing wired in: a plain accessible image, and no uploads accepted (they could not be checked).
 * Its title is fixed, so that nothing needs escaping where no drawing code is at hand.
 */
export const NO_BADGE_ART: BadgeArt = {
  generatedSvg: () =>
    '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img"><title>Badge</title><circle cx="200" cy="200" r="190" fill="#1f3a5f"/></svg>',
  uploadProblem: () => ({ rule: 'badge-image-type', params: {} }),
  dataUrl: (image) => `data:${image.mediaType};base64,${Buffer.from(image.bytes).toString('base64')}`,
};

/**
 * The public address of a version's badge image, the achievement's `image.id`: immutable once the version
 * is published.
 *
 * @example
 * badgeImageUrl('https://stapel.example', versionId); // 'https://stapel.example/achievements/<id>/image'
 */
export function badgeImageUrl(publicUrl: string, versionId: string): string {
  return `${publicUrl}/achievements/${encodeURIComponent(versionId)}/image`;
}

/**
 * A stored `data:` URL read back; undefined for anything but a base64 SVG or PNG.
 *
 * @example
 * parseBadgeDataUrl(row.badge_image)?.mediaType; // 'image/svg+xml'
 */
export function parseBadgeDataUrl(url: string): BadgeImage | undefined {
  const match = /^data:(image\/svg\+xml|image\/png);base64,([A-Za-z0-9+/=]*)$/.exec(url);
  if (!match) return undefined;
  return {
    mediaType: match[1] as BadgeImage['mediaType'],
    bytes: new Uint8Array(Buffer.from(match[2]!, 'base64')),
  };
}

/** A version's badge image, and whether the designer uploaded it (or it is generated). */
export interface VersionBadge extends BadgeImage {
  uploaded: boolean;
  /** Published or superseded: its image no longer changes, and is served to anyone. */
  public: boolean;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * The badge image of a micro-credential version: the one its designer uploaded, or the one generated from
 * its title, level, study load and institution. Undefined when there is no such version.
 *
 * @example
 * const badge = await versionBadge(db, versionId, BADGE_ART); // { mediaType: 'image/svg+xml', bytes, uploaded: false, public: true }
 */
export async function versionBadge(
  db: Db | Tx,
  versionId: string,
  art: BadgeArt,
): Promise<VersionBadge | undefined> {
  const row = await db
    .selectFrom('micro_credential_versions as v')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('institutions as i', 'i.id', 'm.institution_id')
    .select([
      'v.status',
      'v.title_nl',
      'v.title_en',
      'v.language',
      'v.ects',
      'v.vks_level',
      'v.badge_image',
      'i.slug',
      'i.name_nl',
      'i.name_en',
    ])
    .where('v.id', '=', versionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const isPublicVersion = isPublic(row.status as VersionState);
  const uploaded = row.badge_image ? parseBadgeDataUrl(row.badge_image) : undefined;
  if (uploaded) return { ...uploaded, uploaded: true, public: isPublicVersion };
  // The badge speaks the language the micro-credential is taught in, as its credential does.
  const lang = row.language === 'en' ? 'en' : 'nl';
  const svg = art.generatedSvg({
    title: lang === 'en' ? (row.title_en ?? row.title_nl) : row.title_nl,
    vksLevel: row.vks_level,
    ects: row.ects,
    institutionName: lang === 'en' ? row.name_en : row.name_nl,
    institutionSlug: row.slug,
    lang,
  });
  return { mediaType: 'image/svg+xml', bytes: utf8(svg), uploaded: false, public: isPublicVersion };
}

async function badgeView(
  db: Db | Tx,
  input: { publicUrl: string; art: BadgeArt },
  versionId: string,
  version: number,
): Promise<BadgeImageView> {
  const { publicUrl } = input;
  const badge = (await versionBadge(db, versionId, input.art))!;
  return {
    image: input.art.dataUrl(badge),
    uploaded: badge.uploaded,
    url: badgeImageUrl(publicUrl, versionId),
    version,
  };
}

/**
 * The badge image of a micro-credential's latest version, draft included, for its designers.
 *
 * @example
 * const view = await getBadgeImage(db, institution, { code: 'MC-DATA', publicUrl, art });
 */
export async function getBadgeImage(
  db: Db,
  institution: Institution,
  input: { code: string; publicUrl: string; art: BadgeArt },
): Promise<BadgeImageView> {
  const latest = await versionOf(db, 'micro-credential', institution.id, input.code);
  return badgeView(db, input, latest.id, latest.version);
}

/** The draft whose badge changes: only a draft may change, as for the rest of its definition. */
async function draftOf(tx: Tx, institution: Institution, code: string) {
  const latest = await versionOf(tx, 'micro-credential', institution.id, code);
  const state = latest.status as VersionState;
  if (!isEditable(state)) throw versionNotEditable(code, latest.version, state);
  return latest;
}

/**
 * Sets the badge image of a micro-credential's draft to one its designer uploaded: SVG or PNG, under the
 * size limit, an SVG without scripts, event attributes or external references. Refuses anything else,
 * naming what is wrong, and writes nothing then.
 *
 * @example
 * await setBadgeImage(cmd, institution, { code: 'MC-DATA', image: 'data:image/png;base64,iVBOR…', publicUrl, art });
 */
export async function setBadgeImage(
  cmd: Command,
  institution: Institution,
  input: { code: string; image: string; publicUrl: string; art: BadgeArt },
): Promise<BadgeImageView> {
  const { tx } = cmd;
  const draft = await draftOf(tx, institution, input.code);
  const match = /^data:([a-z+/.-]+)(?:;[^,]*)?;base64,/i.exec(input.image);
  const parsed = match ? parseBadgeDataUrl(input.image) : undefined;
  const mediaType = match?.[1]?.toLowerCase() ?? '';
  if (!parsed) {
    const known = mediaType === 'image/png' || mediaType === 'image/svg+xml';
    refuse([{ field: 'image', rule: known ? 'badge-image-not-base64' : 'badge-image-type' }], {
      key: 'badge-image-refused',
    });
  }
  const problem = input.art.uploadProblem(parsed.mediaType, parsed.bytes) ?? renderProblem(parsed);
  if (problem)
    refuse([{ field: 'image', rule: problem.rule, params: problem.params }], { key: 'badge-image-refused' });
  const stored = input.art.dataUrl(parsed);
  await tx
    .updateTable('micro_credential_versions')
    .set({ badge_image: stored })
    .where('id', '=', draft.id)
    .execute();
  await auditVersion(cmd, institution, {
    kind: 'micro-credential',
    action: 'badge-image.set',
    versionId: draft.id,
    before: { uploaded: draft.badge_image !== null },
    after: { uploaded: true, mediaType: parsed.mediaType, bytes: parsed.bytes.length },
  });
  return badgeView(tx, input, draft.id, draft.version);
}

/**
 * Why an uploaded SVG cannot be drawn, found by drawing it once, small: the badge is rendered to PNG for every
 * baked download, so one the renderer refuses must be refused now rather than fail there.
 */
function renderProblem(image: BadgeImage): BadgeRefusal | undefined {
  if (image.mediaType !== 'image/svg+xml') return undefined;
  try {
    new Resvg(Buffer.from(image.bytes), {
      fitTo: { mode: 'width', value: 32 },
      font: { loadSystemFonts: false },
    }).render();
    return undefined;
  } catch {
    return { rule: 'badge-image-unrenderable', params: {} };
  }
}

/**
 * Removes the uploaded badge image of a micro-credential's draft: it gets the generated one again.
 *
 * @example
 * await removeBadgeImage(cmd, institution, { code: 'MC-DATA', publicUrl, art });
 */
export async function removeBadgeImage(
  cmd: Command,
  institution: Institution,
  input: { code: string; publicUrl: string; art: BadgeArt },
): Promise<BadgeImageView> {
  const { tx } = cmd;
  const draft = await draftOf(tx, institution, input.code);
  if (draft.badge_image !== null) {
    await tx
      .updateTable('micro_credential_versions')
      .set({ badge_image: null })
      .where('id', '=', draft.id)
      .execute();
    await auditVersion(cmd, institution, {
      kind: 'micro-credential',
      action: 'badge-image.remove',
      versionId: draft.id,
      before: { uploaded: true },
      after: { uploaded: false },
    });
  }
  return badgeView(tx, input, draft.id, draft.version);
}

/**
 * The badge image anyone may fetch: that of a published or superseded version (a draft's stays with its
 * designers). Not found otherwise.
 *
 * @example
 * const badge = await publicBadge(db, request.params.id, badgeArt);
 */
export async function publicBadge(db: Db, versionId: string, art: BadgeArt): Promise<VersionBadge> {
  const badge = await versionBadge(db, versionId, art);
  if (!badge?.public) throw new NotFoundError(undefined, { key: 'badge-image-not-found' });
  return badge;
}
