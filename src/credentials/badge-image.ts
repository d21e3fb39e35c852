import type { BadgeArt } from '../catalogue/badge-images.ts';

/**
 * The badge image of an achievement: generated from its title, level and study load in the institution's
 * colour, or uploaded by its designer (SVG or PNG). Pure (no Node APIs), so that the micro-credential
 * editor previews the same badge the server serves and refuses the same uploads before sending them.
 */

/** What the generated badge shows. */
export interface BadgeFacts {
  title: string;
  vksLevel: number;
  ects: number;
  institutionName: string;
  /** The institution's slug: its colour is derived from it, so that it stays the same everywhere. */
  institutionSlug: string;
  /** The language of the words on the badge. */
  lang: 'nl' | 'en';
}

/** The badge's side in CSS pixels (it is square), and so the width of its PNG. */
export const BADGE_SIZE = 400;

/** Largest uploaded image accepted, in bytes: a badge is shown small, and is stored with each version. */
export const MAX_BADGE_UPLOAD_BYTES = 512 * 1024;

/** The media types a badge image may have. */
export const BADGE_MEDIA_TYPES = ['image/svg+xml', 'image/png'] as const;
export type BadgeMediaType = (typeof BADGE_MEDIA_TYPES)[number];

/** FNV-1a over the UTF-16 code units: small, stable, and the same in the browser and on the server. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * The institution's badge colours from its slug: a hue of its own, dark enough that white text on it
 * passes WCAG AA (contrast above 7:1 at this lightness), and a lighter tint of the same hue.
 *
 * @example
 * badgeColours('hogeschool-schelde'); // { base: 'hsl(212 58% 28%)', tint: 'hsl(212 58% 40%)', … }
 */
export function badgeColours(slug: string): { base: string; tint: string; pale: string; ink: string } {
  const hue = hashOf(slug) % 360;
  return {
    base: `hsl(${hue} 58% 26%)`,
    tint: `hsl(${hue} 52% 38%)`,
    pale: `hsl(${hue} 60% 94%)`,
    ink: `hsl(${hue} 60% 18%)`,
  };
}

const escapeXml = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * Breaks a text into at most `maxLines` lines of at most `maxChars` characters, at spaces where it can
 * (a word longer than a line is cut); what does not fit ends the last line with an ellipsis.
 *
 * @example
 * wrapText('Duurzaam bouwen in de praktijk', 12, 2); // ['Duurzaam', 'bouwen in de…']
 */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  while (i < words.length && lines.length < maxLines) {
    const word = words[i]!;
    const candidate = line ? `${line} ${word}` : word;
    if ([...candidate].length <= maxChars) {
      line = candidate;
      i++;
    } else if (!line) {
      // A word longer than a whole line: cut it, and carry the rest on.
      const chars = [...word];
      lines.push(chars.slice(0, maxChars - 1).join('') + '-');
      words[i] = chars.slice(maxChars - 1).join('');
    } else {
      lines.push(line);
      line = '';
    }
  }
  if (line && lines.length < maxLines) lines.push(line);
  if (i < words.length) {
    // Drop whole words until the ellipsis fits; cut characters only when a single word is left.
    let last = lines[maxLines - 1] ?? '';
    while ([...last].length + 1 > maxChars && last.includes(' ')) last = last.slice(0, last.lastIndexOf(' '));
    if ([...last].length + 1 > maxChars) last = [...last].slice(0, Math.max(1, maxChars - 1)).join('');
    lines[maxLines - 1] = `${last.replace(/[\s,;:·-]+$/, '')}…`;
  }
  return lines;
}

const FONT = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

/** The title's size and line length: long titles get smaller type and more lines rather than an ellipsis. */
function titleLayout(title: string): { size: number; chars: number; lines: number } {
  const length = [...title].length;
  if (length <= 28) return { size: 32, chars: 15, lines: 2 };
  if (length <= 60) return { size: 26, chars: 18, lines: 3 };
  return { size: 21, chars: 22, lines: 4 };
}

/**
 * The generated badge as SVG: a round seal in the institution's colour with its name, the title (wrapped,
 * shortened with an ellipsis when very long) and the level and study load. Accessible: `role="img"` with
 * a `<title>` that says everything the image shows.
 *
 * @example
 * const svg = generatedBadgeSvg({ title: 'Data-analyse', vksLevel: 6, ects: 6, institutionName: 'Hogeschool Schelde', institutionSlug: 'hogeschool-schelde', lang: 'nl' });
 */
export function generatedBadgeSvg(facts: BadgeFacts): string {
  const c = badgeColours(facts.institutionSlug);
  const mid = BADGE_SIZE / 2;
  const layout = titleLayout(facts.title);
  const lines = wrapText(facts.title, layout.chars, layout.lines);
  const lineHeight = Math.round(layout.size * 1.18);
  const firstBaseline = 204 - ((lines.length - 1) * lineHeight) / 2 + layout.size * 0.35;
  const institution = wrapText(facts.institutionName.toUpperCase(), 26, 1)[0] ?? '';
  const ects = Number.isInteger(facts.ects)
    ? String(facts.ects)
    : String(facts.ects).replace('.', facts.lang === 'nl' ? ',' : '.');
  const facts2 = `VKS ${facts.vksLevel} · ${ects} ECTS`;
  const label =
    facts.lang === 'en'
      ? `Badge of the micro-credential ${facts.title}, ${facts.institutionName}, VKS level ${facts.vksLevel}, ${ects} ECTS`
      : `Badge van de micro-credential ${facts.title}, ${facts.institutionName}, VKS-niveau ${facts.vksLevel}, ${ects} ECTS`;
  const titleLines = lines
    .map(
      (text, n) =>
        `<text x="${mid}" y="${(firstBaseline + n * lineHeight).toFixed(1)}" font-size="${layout.size}" font-weight="700" fill="#ffffff" text-anchor="middle">${escapeXml(text)}</text>`,
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_SIZE}" height="${BADGE_SIZE}" viewBox="0 0 ${BADGE_SIZE} ${BADGE_SIZE}" role="img" aria-labelledby="badge-title">`,
    `<title id="badge-title">${escapeXml(label)}</title>`,
    `<g font-family="${FONT}">`,
    `<circle cx="${mid}" cy="${mid}" r="196" fill="${c.tint}"/>`,
    `<circle cx="${mid}" cy="${mid}" r="178" fill="${c.base}"/>`,
    `<circle cx="${mid}" cy="${mid}" r="166" fill="none" stroke="${c.pale}" stroke-opacity="0.55" stroke-width="2" stroke-dasharray="2 6"/>`,
    `<text x="${mid}" y="96" font-size="15" font-weight="700" letter-spacing="1.5" fill="${c.pale}" text-anchor="middle">${escapeXml(institution)}</text>`,
    `<line x1="150" y1="114" x2="250" y2="114" stroke="${c.pale}" stroke-opacity="0.6" stroke-width="2"/>`,
    titleLines,
    `<rect x="92" y="290" width="216" height="44" rx="22" fill="${c.pale}"/>`,
    `<text x="${mid}" y="319" font-size="19" font-weight="700" fill="${c.ink}" text-anchor="middle">${escapeXml(facts2)}</text>`,
    `</g>`,
    `</svg>`,
  ].join('');
}

/** Why an uploaded image is refused: the key of its message in the catalogue's table. */
export type BadgeUploadProblem =
  | { rule: 'badge-image-too-large'; params: { limit: number; size: number } }
  | { rule: 'badge-image-type'; params: Record<string, never> }
  | { rule: 'badge-image-not-png'; params: Record<string, never> }
  | { rule: 'badge-image-not-svg'; params: Record<string, never> }
  | { rule: 'badge-image-unsafe-svg'; params: { what: string } };

/**
 * What makes an SVG unsafe to serve and show: scripts, event attributes, and references to anything
 * outside the image (links, stylesheets, fonts, frames). Each pattern with the words naming what it found.
 */
const UNSAFE_SVG: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /<\s*script\b/i, what: '<script>' },
  { pattern: /<\s*foreignObject\b/i, what: '<foreignObject>' },
  { pattern: /<\s*(?:iframe|embed|object|audio|video)\b/i, what: '<iframe>' },
  { pattern: /<!DOCTYPE|<!ENTITY/i, what: '<!DOCTYPE>' },
  { pattern: /<[^>]*\son[a-z]+\s*=/i, what: 'on…=' },
  { pattern: /javascript\s*:/i, what: 'javascript:' },
  { pattern: /@import\b/i, what: '@import' },
  { pattern: /url\(\s*['"]?\s*(?!#|data:image\/(?:png|jpeg|gif|webp);base64,)/i, what: 'url(…)' },
  {
    pattern: /\s(?:xlink:)?href\s*=\s*(?:"|')\s*(?!#|data:image\/(?:png|jpeg|gif|webp);base64,)/i,
    what: 'href="…"',
  },
  { pattern: /<\?xml-stylesheet\b/i, what: '<?xml-stylesheet?>' },
];

/**
 * Checks an uploaded SVG's text: a readable `<svg>` root with nothing that runs code or reaches outside
 * the image. Refuses rather than cleans, so that what the designer uploaded is exactly what is served.
 *
 * @example
 * svgProblem('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'); // { rule: 'badge-image-unsafe-svg', params: { what: 'onload=…' } }
 */
export function svgProblem(svg: string): BadgeUploadProblem | undefined {
  if (!/^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<svg[\s>/]/i.test(svg)) {
    // A doctype before the root is refused for what it is: entities can reach outside the file.
    if (/<!DOCTYPE|<!ENTITY/i.test(svg))
      return { rule: 'badge-image-unsafe-svg', params: { what: '<!DOCTYPE>' } };
    return { rule: 'badge-image-not-svg', params: {} };
  }
  if (!/<\/svg\s*>\s*$/i.test(svg) && !/^[^<]*(?:<[?!][^>]*>\s*)*<svg[^>]*\/>\s*$/i.test(svg))
    return { rule: 'badge-image-not-svg', params: {} };
  for (const { pattern, what } of UNSAFE_SVG) {
    const found = pattern.exec(svg);
    // An element is named by its tag, an event attribute by its own name (onload=…, onclick=…).
    if (found)
      return {
        rule: 'badge-image-unsafe-svg',
        params: { what: what === 'on…=' ? `${/on[a-z]+(?=\s*=$)/i.exec(found[0])?.[0] ?? 'on'}=…` : what },
      };
  }
  return undefined;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Checks an uploaded badge image: its media type, its size, and for a PNG its signature and header, for
 * an SVG that it is safe (svgProblem). Undefined when it is acceptable.
 *
 * @example
 * badgeUploadProblem('image/png', bytes); // undefined for a real PNG under the limit
 */
export function badgeUploadProblem(mediaType: string, bytes: Uint8Array): BadgeUploadProblem | undefined {
  if (bytes.length > MAX_BADGE_UPLOAD_BYTES)
    return { rule: 'badge-image-too-large', params: { limit: MAX_BADGE_UPLOAD_BYTES, size: bytes.length } };
  if (mediaType === 'image/png') {
    const signed = bytes.length > 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
    const header = String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR';
    return signed && header ? undefined : { rule: 'badge-image-not-png', params: {} };
  }
  if (mediaType === 'image/svg+xml') {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { rule: 'badge-image-not-svg', params: {} };
    }
    return svgProblem(text);
  }
  return { rule: 'badge-image-type', params: {} };
}

/**
 * The `data:` URL an uploaded badge image is sent and stored as. Without Node's Buffer, so that the
 * editor builds the same text the server stores.
 *
 * @example
 * badgeDataUrl({ mediaType: 'image/png', bytes }); // 'data:image/png;base64,iVBOR…'
 */
export function badgeDataUrl(image: { mediaType: BadgeMediaType; bytes: Uint8Array }): string {
  let binary = '';
  for (let i = 0; i < image.bytes.length; i += 0x8000)
    binary += String.fromCharCode(...image.bytes.subarray(i, i + 0x8000));
  return `data:${image.mediaType};base64,${btoa(binary)}`;
}

/**
 * The drawing and the upload check, as the catalogue takes them (wired in app.ts): the catalogue stores
 * and serves badge images, this module says what they look like and which uploads are safe.
 *
 * @example
 * await app.register(catalogueRoutes, { context, badgeArt: BADGE_ART });
 */
export const BADGE_ART: BadgeArt = {
  generatedSvg: generatedBadgeSvg,
  uploadProblem: badgeUploadProblem,
};
