import { CORE_MESSAGES } from './core-messages.ts';
import type { MessageParams } from './errors.ts';
import { renderMessage, type Message } from './messages.ts';

/** Languages Stapel speaks: Dutch first, English second. */
export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

/**
 * Renders one of the core's own messages (`core-messages.ts`: text rules, answers every route can give);
 * an unknown key comes back as the key itself, which the message tests catch. Domains render theirs from
 * their own tables.
 *
 * @example t('text-invisible-only', 'nl');
 */
export function t(key: string, lang: Lang, params: MessageParams = {}): string {
  const entry = (CORE_MESSAGES as Readonly<Record<string, Message>>)[key];
  return entry ? renderMessage(entry, lang, params) : key;
}

/** Picks nl or en from an Accept-Language header; English when neither is asked for. */
export function langFromHeader(header: string | undefined): Lang {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.find((r) => r.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('nl')) return 'nl';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}
