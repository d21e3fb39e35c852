import { Resvg } from '@resvg/resvg-js';
import type { Db } from '../core/database.ts';
import { versionBadge, type BadgeImage } from '../catalogue/badge-images.ts';
import { BADGE_ART, BADGE_SIZE } from '../credentials/badge-image.ts';
import { bakePng, bakeSvg } from '../credentials/baking.ts';
import { badgeDataUrl, escapeXml } from '../credentials/file-kinds.ts';

/** A baked badge: the image with the credential inside it, ready to be downloaded. */
export interface BakedBadge {
  bytes: Uint8Array;
  mediaType: string;
}

/** One way of drawing badges, for every render: twice the badge's size, for sharp display on dense screens. */
const RENDER_OPTIONS = {
  fitTo: { mode: 'width', value: BADGE_SIZE * 2 },
  font: { loadSystemFonts: true },
} as const;

/** Rendered badges kept, most recently used last: one per version, whose badge no longer changes once issued. */
export const RENDERED_BADGE_CACHE_SIZE = 64;
const rendered = new Map<string, { source: Uint8Array; png: Uint8Array }>();

/** How many times an SVG badge was rendered (not served from the cache): for the operator and the tests. */
export const badgeRenders = { count: 0 };

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

/**
 * A badge image as PNG: an uploaded PNG as it is, an SVG rendered (loading fonts is most of the cost, so a
 * version's rendering is kept, keyed by its id and checked against the SVG it was made from).
 *
 * @example
 * const png = badgePng(versionId, { mediaType: 'image/svg+xml', bytes: new TextEncoder().encode(svg) });
 */
export function badgePng(versionId: string, image: BadgeImage): Uint8Array {
  if (image.mediaType === 'image/png') return image.bytes;
  const kept = rendered.get(versionId);
  if (kept && sameBytes(kept.source, image.bytes)) {
    rendered.delete(versionId);
    rendered.set(versionId, kept);
    return kept.png;
  }
  badgeRenders.count++;
  const png = new Uint8Array(new Resvg(Buffer.from(image.bytes), RENDER_OPTIONS).render().asPng());
  rendered.delete(versionId);
  rendered.set(versionId, { source: image.bytes, png });
  if (rendered.size > RENDERED_BADGE_CACHE_SIZE) rendered.delete(rendered.keys().next().value!);
  return png;
}

/** Width and height from a PNG's IHDR chunk (which comes first, right after the signature). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * An uploaded PNG asked for as SVG: an SVG of the same size that shows it, so that the credential can be
 * baked the SVG way.
 */
function svgAround(png: BadgeImage, label: string): string {
  const { width, height } = pngSize(png.bytes);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="badge-title">` +
    `<title id="badge-title">${escapeXml(label)}</title>` +
    `<image href="${badgeDataUrl(png)}" width="${width}" height="${height}"/></svg>`
  );
}

/** The achievement's name in the credential, for the title of an SVG made around a PNG. */
function achievementName(document: string): string {
  try {
    const parsed = JSON.parse(document) as {
      credentialSubject?: { achievement?: { image?: { caption?: unknown }; name?: unknown } };
    };
    const achievement = parsed.credentialSubject?.achievement;
    const caption = achievement?.image?.caption ?? achievement?.name;
    return typeof caption === 'string' ? caption : 'Open Badge';
  } catch {
    return 'Open Badge';
  }
}

/**
 * A credential baked into its achievement's badge image: the stored signed text, byte for byte, in a PNG
 * (an SVG badge rendered, an uploaded PNG as it is) or an SVG (an uploaded PNG shown inside one).
 * Undefined when no credential has that URL.
 *
 * @example
 * const baked = await bakedBadge(db, 'https://stapel.example/credentials/9c1…', 'png');
 * if (baked) reply.type(baked.mediaType).send(Buffer.from(baked.bytes));
 */
export async function bakedBadge(
  db: Db,
  credentialUrl: string,
  format: 'png' | 'svg',
): Promise<BakedBadge | undefined> {
  const row = await db
    .selectFrom('credentials')
    .select(['document', 'micro_credential_version_id'])
    .where('credential_url', '=', credentialUrl)
    .executeTakeFirst();
  if (!row) return undefined;
  const badge = await versionBadge(db, row.micro_credential_version_id, BADGE_ART);
  if (!badge) return undefined;
  if (format === 'png')
    return {
      bytes: bakePng(badgePng(row.micro_credential_version_id, badge), row.document),
      mediaType: 'image/png',
    };
  const svg =
    badge.mediaType === 'image/svg+xml'
      ? new TextDecoder().decode(badge.bytes)
      : svgAround(badge, achievementName(row.document));
  return { bytes: new TextEncoder().encode(bakeSvg(svg, row.document)), mediaType: 'image/svg+xml' };
}
