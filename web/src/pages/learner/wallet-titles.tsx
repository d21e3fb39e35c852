import type { ImportedCredentialView, WalletCredential } from '../../api/imports.ts';
import type { Lang, Messages } from '../../i18n/dictionary.ts';
import { pickText } from '../../i18n/language.tsx';

/**
 * The title of a credential of this platform in the page's language: its kind and what it was earned
 * for, a credit certificate with its course unit's code ("Creditbewijs — Datavisualisatie (DATA102)").
 */
export function issuedTitle(item: WalletCredential, t: Messages, lang: Lang): string {
  const kind = t.learner.credentialKinds[item.kind] ?? item.kind;
  const subject = pickText(item.titles, lang).value;
  return item.kind === 'credit-certificate' && item.courseUnit
    ? t.wallet.courseUnitTitle(kind, subject, item.courseUnit)
    : t.wallet.title(kind, subject);
}

/** The title of an imported credential: the name it gives itself. */
export function importedTitle(item: ImportedCredentialView, t: Messages): string {
  return item.name?.trim() || t.wallet.unnamed;
}

/** Everything the search field matches an issued credential on, in both languages. */
export function issuedSearchText(item: WalletCredential, t: Messages, lang: Lang): string {
  return [
    issuedTitle(item, t, lang),
    item.titles.nl,
    item.titles.en,
    item.microCredential.titles.nl,
    item.microCredential.titles.en,
    item.microCredential.code,
    item.courseUnit,
    item.institutionName.nl,
    item.institutionName.en,
    t.learner.credentialKinds[item.kind],
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/** What the search field matches an imported credential on. */
export function importedSearchText(item: ImportedCredentialView, t: Messages): string {
  return [
    importedTitle(item, t),
    item.issuer.name,
    item.verification.credential.achievement?.type,
    t.wallet.importedGroup,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
}

/**
 * Whether a text holds every word of the query (case and accents aside).
 *
 * @example
 * matchesQuery('creditbewijs — datavisualisatie (data102)', 'data102 credit'); // true
 */
export function matchesQuery(text: string, query: string): boolean {
  const fold = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const haystack = fold(text);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
