/**
 * Content negotiation for a credential's `id`: a browser gets the page, a verifier the signed JSON.
 * Pure: the Accept header in, the answer's form out.
 */

/** The JSON media types a credential is offered in, the preferred first. */
export const CREDENTIAL_JSON_TYPES = [
  'application/vc+ld+json',
  'application/ld+json',
  'application/json',
  'application/vc',
] as const;
export type CredentialJsonType = (typeof CREDENTIAL_JSON_TYPES)[number];

const HTML_TYPES = ['text/html', 'application/xhtml+xml'] as const;

export type Negotiated = { kind: 'html' } | { kind: 'json'; type: CredentialJsonType } | { kind: 'none' };

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [range = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    const [type, subtype] = range.split('/');
    if (!type || !subtype) continue;
    let q = 1;
    for (const param of params) {
      const [name, value] = param.split('=').map((p) => p.trim());
      if (name === 'q') {
        const parsed = Number(value);
        q = Number.isFinite(parsed) ? Math.min(1, Math.max(0, parsed)) : 0;
      }
    }
    ranges.push({ type, subtype, q });
  }
  return ranges;
}

/** The quality the client gives one media type: that of the most specific range matching it (RFC 9110). */
function qualityOf(mediaType: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = mediaType.split('/');
  let best: { specificity: number; q: number } | undefined;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype
        ? 2
        : range.type === type && range.subtype === '*'
          ? 1
          : range.type === '*' && range.subtype === '*'
            ? 0
            : -1;
    if (specificity < 0) continue;
    if (!best || specificity > best.specificity) best = { specificity, q: range.q };
  }
  return best?.q ?? 0;
}

/**
 * What a request for a credential's `id` gets, by its Accept header with q-values. No header, or one that
 * ranks JSON as high as HTML (`*\/*`), gets JSON: verifiers dereference ids, and they come first. `none`
 * when the client accepts neither.
 *
 * @example
 * negotiateCredential('text/html,application/xhtml+xml,application/xml;q=0.9,*\/*;q=0.8'); // → { kind: 'html' }
 * negotiateCredential(undefined); // → { kind: 'json', type: 'application/vc+ld+json' }
 */
export function negotiateCredential(accept: string | undefined): Negotiated {
  const ranges = parseAccept(accept?.trim() ? accept : '*/*');
  if (ranges.length === 0) return { kind: 'json', type: CREDENTIAL_JSON_TYPES[0] };
  let json: { type: CredentialJsonType; q: number } | undefined;
  for (const type of CREDENTIAL_JSON_TYPES) {
    const q = qualityOf(type, ranges);
    if (!json || q > json.q) json = { type, q };
  }
  const html = Math.max(...HTML_TYPES.map((type) => qualityOf(type, ranges)));
  if (html > (json?.q ?? 0)) return { kind: 'html' };
  if (json && json.q > 0) return { kind: 'json', type: json.type };
  return { kind: 'none' };
}
