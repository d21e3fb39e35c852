import type { BadgeArt } from '../catalogue/badge-images.ts';
import { MalformedImageError, readPngChunks } from './baking.ts';
import { badgeDataUrl, escapeXml, svgRootStart } from './file-kinds.ts';

export { badgeDataUrl };

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
 * The SVG elements a badge may use: shapes, text, paint servers, filters and structure. Everything else is
 * refused — scripts, `foreignObject` (HTML inside), animation (`set`, `animate…`, which can write a
 * `javascript:` link), and anything an SVG viewer does not draw.
 */
const SVG_ELEMENTS = new Set(
  (
    'svg g defs symbol use title desc metadata switch view style a image marker pattern clipPath mask ' +
    'path rect circle ellipse line polyline polygon text tspan textPath linearGradient radialGradient stop ' +
    'filter feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting ' +
    'feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur ' +
    'feImage feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile ' +
    'feTurbulence'
  ).split(' '),
);

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
/** Namespaces whose elements a browser runs or lays out as documents: not in a badge. */
const ACTIVE_NAMESPACES = ['http://www.w3.org/1999/xhtml', 'http://www.w3.org/1998/Math/MathML'];

/** An image inlined in the SVG itself, the one thing a link may point to besides a fragment. */
const INLINE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,/i;

const unsafe = (what: string): BadgeUploadProblem => ({ rule: 'badge-image-unsafe-svg', params: { what } });

/**
 * Character references decoded (`&#97;` is `a`), as the XML parser will decode them before anything acts
 * on the value; undefined when an entity other than the five predefined ones is used (it needs a doctype).
 */
function decodeReferences(text: string): string | undefined {
  let unknown = false;
  const decoded = text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);?/gi, (m, ref: string) => {
    if (ref[0] === '#') {
      const value = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return value > 0 && value <= 0x10ffff ? String.fromCodePoint(value) : '\uFFFD';
    }
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[ref] === undefined) unknown = true;
    return named[ref] ?? m;
  });
  return unknown ? undefined : decoded;
}

/** A value with whitespace and control characters taken out, as URL parsers skip them (`java\tscript:`). */
const squeezed = (value: string): string =>
  [...value]
    .filter((c) => {
      const code = c.codePointAt(0)!;
      return code > 0x20 && (code < 0x7f || code > 0x9f);
    })
    .join('')
    .toLowerCase();

/** What is unsafe in CSS (a `<style>` element or a `style` attribute), or undefined. */
function cssProblem(css: string): BadgeUploadProblem | undefined {
  // A backslash escape (`\75rl(`, `@\69mport`) spells any word; a badge's CSS has no need of one.
  if (css.includes('\\')) return unsafe('\\ (CSS escape)');
  const flat = squeezed(css);
  if (flat.includes('@import')) return unsafe('@import');
  if (flat.includes('javascript:')) return unsafe('javascript:');
  if (/url\((?!['"]?#)/.test(flat)) return unsafe('url(…)');
  if (flat.includes('expression(') || flat.includes('@font-face')) return unsafe('url(…)');
  return undefined;
}

/** What is unsafe in one attribute (its value decoded), or undefined. */
function attributeProblem(name: string, rawValue: string): BadgeUploadProblem | undefined {
  const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  if (/^on/i.test(local)) return unsafe(`${local.toLowerCase()}=…`);
  const value = decodeReferences(rawValue);
  if (value === undefined) return unsafe('<!DOCTYPE>');
  const flat = squeezed(value);
  if (flat.includes('javascript:') || flat.includes('vbscript:')) return unsafe('javascript:');
  if (name === 'xmlns' || name.startsWith('xmlns:')) {
    if (ACTIVE_NAMESPACES.includes(value.trim())) return unsafe(`${name}="${value.trim()}"`);
    // The default namespace is SVG's: another one would make the names below mean something else.
    if (name === 'xmlns' && value.trim() !== SVG_NAMESPACE) return unsafe(`xmlns="${value.trim()}"`);
    return undefined;
  }
  if (local.toLowerCase() === 'href' || local.toLowerCase() === 'src') {
    const target = value.trim();
    return target.startsWith('#') || INLINE_IMAGE.test(target) ? undefined : unsafe('href="…"');
  }
  if (local.toLowerCase() === 'style') return cssProblem(value);
  // Presentation attributes take CSS values too (fill="url(…)").
  if (/url\((?!['"]?#)/.test(flat)) return unsafe('url(…)');
  return undefined;
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/gy;

/**
 * The problem of one start tag's attributes (the text after its name, up to its `>`), or undefined. The
 * prefixes bound to the SVG namespace are noted, so that `<s:script>` is read as the `<script>` it is.
 */
function tagProblem(attributes: string, svgPrefixes: Set<string>): BadgeUploadProblem | undefined {
  let at = 0;
  for (;;) {
    while (at < attributes.length && /\s/.test(attributes[at]!)) at++;
    if (at >= attributes.length || attributes.startsWith('/', at)) return undefined;
    ATTRIBUTE.lastIndex = at;
    const match = ATTRIBUTE.exec(attributes);
    if (!match) return { rule: 'badge-image-not-svg', params: {} };
    const [, name, double, single] = match;
    const problem = attributeProblem(name!, double ?? single ?? '');
    if (problem) return problem;
    if (name!.startsWith('xmlns:') && (double ?? single ?? '').trim() === SVG_NAMESPACE)
      svgPrefixes.add(name!.slice(6));
    at = ATTRIBUTE.lastIndex;
  }
}

/** Where a start tag ends (after its `>`), reading quoted attribute values whole; -1 when it does not. */
function tagEnd(svg: string, from: number): number {
  let quote = '';
  for (let i = from; i < svg.length; i++) {
    const c = svg[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return -1;
}

/**
 * Checks an uploaded SVG's text: a readable `<svg>` root, only the elements of SVG_ELEMENTS, no event
 * attributes, no links but to a fragment of the image or an inlined image, no CSS that escapes, imports or
 * loads, all of it read after character references are decoded (`jav&#97;script:` is `javascript:`).
 * Refuses rather than cleans, so that what the designer uploaded is exactly what is served. One pass over
 * the text.
 *
 * @example
 * svgProblem('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'); // { rule: 'badge-image-unsafe-svg', params: { what: 'onload=…' } }
 */
export function svgProblem(svg: string): BadgeUploadProblem | undefined {
  const root = svgRootStart(svg);
  // Entities in a doctype can reach outside the file: refused for what it is, before or after the root.
  if (/<!DOCTYPE|<!ENTITY/i.test(svg)) return unsafe('<!DOCTYPE>');
  if (root === undefined) return { rule: 'badge-image-not-svg', params: {} };
  if (/<\?xml-stylesheet\b/i.test(svg)) return unsafe('<?xml-stylesheet?>');
  if (!/<\/svg\s*>\s*$/i.test(svg) && !/\/>\s*$/.test(svg))
    return { rule: 'badge-image-not-svg', params: {} };
  const svgPrefixes = new Set<string>();
  let inStyle = false;
  let at = root;
  for (;;) {
    const open = svg.indexOf('<', at);
    const textEnd = open < 0 ? svg.length : open;
    const text = svg.slice(at, textEnd);
    if (inStyle && text) {
      const css = decodeReferences(text);
      if (css === undefined) return unsafe('<!DOCTYPE>');
      const problem = cssProblem(css);
      if (problem) return problem;
    } else if (text.includes('&') && decodeReferences(text) === undefined) return unsafe('<!DOCTYPE>');
    if (open < 0) return undefined;
    if (svg.startsWith('<!--', open)) {
      const close = svg.indexOf('-->', open + 4);
      if (close < 0) return { rule: 'badge-image-not-svg', params: {} };
      at = close + 3;
      continue;
    }
    if (svg.startsWith('<![CDATA[', open)) {
      const close = svg.indexOf(']]>', open + 9);
      if (close < 0) return { rule: 'badge-image-not-svg', params: {} };
      if (inStyle) {
        const problem = cssProblem(svg.slice(open + 9, close));
        if (problem) return problem;
      }
      at = close + 3;
      continue;
    }
    if (svg.startsWith('<?', open)) {
      const close = svg.indexOf('?>', open + 2);
      if (close < 0) return { rule: 'badge-image-not-svg', params: {} };
      at = close + 2;
      continue;
    }
    const end = tagEnd(svg, open);
    if (end < 0) return { rule: 'badge-image-not-svg', params: {} };
    const closing = svg[open + 1] === '/';
    const nameMatch = /^[^\s/>]+/.exec(svg.slice(open + (closing ? 2 : 1), Math.min(end, open + 200)));
    if (!nameMatch) return { rule: 'badge-image-not-svg', params: {} };
    const name = nameMatch[0];
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    const local = colon < 0 ? name : name.slice(colon + 1);
    // Unprefixed names are SVG's (the default namespace is checked); a prefix bound elsewhere is inert data.
    const isSvg = colon < 0 || prefix === 'svg' || svgPrefixes.has(prefix);
    if (!closing) {
      const problem = tagProblem(svg.slice(open + 1 + name.length, end - 1), svgPrefixes);
      if (problem) return problem;
      if (isSvg && !SVG_ELEMENTS.has(local)) return unsafe(`<${local}>`);
    }
    if (isSvg && local === 'style') inStyle = !closing && !svg.startsWith('/>', end - 2);
    at = end;
  }
}

/**
 * Checks an uploaded badge image: its media type, its size, and for a PNG every chunk (signature, lengths,
 * CRCs, IHDR first, IEND last), for an SVG that it is safe (svgProblem). Undefined when it is acceptable.
 *
 * @example
 * badgeUploadProblem('image/png', bytes); // undefined for a real PNG under the limit
 */
export function badgeUploadProblem(mediaType: string, bytes: Uint8Array): BadgeUploadProblem | undefined {
  if (bytes.length > MAX_BADGE_UPLOAD_BYTES)
    return { rule: 'badge-image-too-large', params: { limit: MAX_BADGE_UPLOAD_BYTES, size: bytes.length } };
  if (mediaType === 'image/png') {
    try {
      readPngChunks(bytes);
      return undefined;
    } catch (error) {
      if (error instanceof MalformedImageError) return { rule: 'badge-image-not-png', params: {} };
      throw error;
    }
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
 * The drawing and the upload check, as the catalogue takes them (wired in app.ts): the catalogue stores
 * and serves badge images, this module says what they look like and which uploads are safe.
 *
 * @example
 * await app.register(catalogueRoutes, { context, badgeArt: BADGE_ART });
 */
export const BADGE_ART: BadgeArt = {
  generatedSvg: generatedBadgeSvg,
  uploadProblem: badgeUploadProblem,
  dataUrl: badgeDataUrl,
};
