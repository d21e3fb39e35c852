/**
 * The file name of a credential's download: what it is for and when, never where it came from.
 * Pure.
 */

/**
 * A title as a file-name slug: lower case, accents folded, anything else a dash.
 *
 * @example
 * titleSlug('Datageletterdheid & AI — basis'); // → 'datageletterdheid-ai-basis'
 */
export function titleSlug(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
  return slug || 'credential';
}

/**
 * `<title-slug>-<yyyy-mm-dd>.<ext>` for a credential issued at `issuedAt` (ISO 8601).
 *
 * @example
 * downloadName('Lean basis', '2025-02-03T10:00:00.000Z', 'pdf'); // → 'lean-basis-2025-02-03.pdf'
 */
export function downloadName(title: string, issuedAt: string | null, ext: string): string {
  const date = /^\d{4}-\d{2}-\d{2}/.exec(issuedAt ?? '')?.[0];
  return `${titleSlug(title)}${date ? `-${date}` : ''}.${ext}`;
}

/**
 * The `content-disposition` of a download.
 *
 * @example
 * attachment('lean-basis-2025-02-03.pdf'); // → 'attachment; filename="lean-basis-2025-02-03.pdf"'
 */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}
