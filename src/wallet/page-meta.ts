/**
 * The page shell of a shared credential with its title and OpenGraph facts, so that a link preview (chat,
 * social media) names what was earned. Pure: the shell and the facts in, the HTML out.
 */

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export interface PageMeta {
  title: string;
  url: string;
  image?: string | undefined;
}

/**
 * The shell with `<title>` and `og:` meta for a shared credential; unchanged when it has no `<title>`.
 *
 * @example
 * shellWithMeta('<head><title>Stapel</title></head>', { title: 'Lean basis', url: 'https://stapel.example/credentials/…' });
 */
export function shellWithMeta(shell: string, meta: PageMeta): string {
  const title = escapeHtml(meta.title);
  const tags = [
    `<title>${title} · Stapel</title>`,
    `<meta property="og:type" content="website">`,
    `<meta property="og:title" content="${title}">`,
    `<meta property="og:url" content="${escapeHtml(meta.url)}">`,
    ...(meta.image && /^https?:/.test(meta.image)
      ? [`<meta property="og:image" content="${escapeHtml(meta.image)}">`]
      : []),
  ].join('\n    ');
  return shell.replace(/<title>[^<]*<\/title>/, () => tags);
}
