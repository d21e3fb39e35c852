import type { Lang } from '../core/i18n.ts';
import type { PasswordProblem, PasswordRuleId } from './password-rules.ts';

type Params = Record<string, string | number>;
type Template = (p: Params) => string;

export type AccountMessageKey =
  | PasswordRuleId
  | 'email-format'
  | 'name-required'
  | 'account-invalid'
  | 'password-invalid'
  | 'too-many-sign-ins'
  | 'too-many-sign-ups'
  | 'too-many-reset-requests'
  | 'sign-up-check-email'
  | 'credentials-wrong'
  | 'link-invalid'
  | 'invitation-invalid'
  | 'invitation-sign-in';

/** "45 seconden", "1 minuut", "12 minuten": how long to wait, in words. */
function waitFor(seconds: number | string, lang: Lang): string {
  const s = Math.max(1, Math.ceil(Number(seconds)));
  if (s < 120)
    return lang === 'nl' ? `${s} ${s === 1 ? 'seconde' : 'seconden'}` : `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return lang === 'nl' ? `${m} minuten` : `${m} minutes`;
}

/** Messages of accounts, by key, in both languages; keys of refusals are the rule identifiers. */
export const ACCOUNT_MESSAGES: Record<AccountMessageKey, { nl: Template; en: Template }> = {
  'password-blank': {
    nl: () =>
      'Een wachtwoord van alleen spaties kan niet: kies een wachtwoord met letters, cijfers of tekens.',
    en: () => 'A password of only spaces is not allowed: choose one with letters, digits or symbols.',
  },
  'password-too-short': {
    nl: (p) => `Kies een wachtwoord van minstens ${p.min} tekens.`,
    en: (p) => `Choose a password of at least ${p.min} characters.`,
  },
  'password-too-long': {
    nl: (p) => `Kies een wachtwoord van hoogstens ${p.max} tekens.`,
    en: (p) => `Choose a password of at most ${p.max} characters.`,
  },
  'password-is-email': {
    nl: () => 'Gebruik je e-mailadres niet als wachtwoord.',
    en: () => 'Do not use your e-mail address as your password.',
  },
  'password-common': {
    nl: () =>
      'Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden en is snel geraden. Kies een ander, bijvoorbeeld enkele losse woorden.',
    en: () =>
      'This password is on the list of commonly used passwords and is easily guessed. Choose another, for example a few unrelated words.',
  },
  'email-format': {
    nl: () => 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.be.',
    en: () => 'Enter a valid e-mail address, such as name@example.be.',
  },
  'name-required': { nl: () => 'Vul je naam in.', en: () => 'Enter your name.' },
  'account-invalid': {
    nl: () => 'Het account kan niet worden aangemaakt.',
    en: () => 'The account cannot be created.',
  },
  'password-invalid': {
    nl: () => 'Dit wachtwoord kan niet.',
    en: () => 'This password is not allowed.',
  },
  'too-many-sign-ins': {
    nl: (p) =>
      `Te veel mislukte aanmeldpogingen. Probeer het over ${waitFor(p.seconds ?? 1, 'nl')} opnieuw, of vraag een nieuw wachtwoord.`,
    en: (p) =>
      `Too many failed sign-in attempts. Try again in ${waitFor(p.seconds ?? 1, 'en')}, or ask for a new password.`,
  },
  'too-many-sign-ups': {
    nl: (p) =>
      `Te veel aanvragen voor een account. Probeer het over ${waitFor(p.seconds ?? 1, 'nl')} opnieuw.`,
    en: (p) => `Too many sign-up requests. Try again in ${waitFor(p.seconds ?? 1, 'en')}.`,
  },
  'too-many-reset-requests': {
    nl: (p) =>
      `Te veel aanvragen voor een nieuw wachtwoord. Probeer het over ${waitFor(p.seconds ?? 1, 'nl')} opnieuw.`,
    en: (p) => `Too many password reset requests. Try again in ${waitFor(p.seconds ?? 1, 'en')}.`,
  },
  'credentials-wrong': {
    nl: () => 'Het e-mailadres of het wachtwoord klopt niet.',
    en: () => 'The e-mail address or the password is not right.',
  },
  'link-invalid': {
    nl: () => 'Deze link is niet meer geldig (al gebruikt, vervangen of verlopen); vraag een nieuwe aan.',
    en: () => 'This link is not valid any more (used, replaced or expired); ask for a new one.',
  },
  'invitation-invalid': {
    nl: () => 'Deze uitnodiging is niet meer geldig; vraag een nieuwe aan.',
    en: () => 'This invitation is not valid any more; ask for a new one.',
  },
  'invitation-sign-in': {
    nl: (p) => `Meld je aan als ${p.email} (of geef het wachtwoord ervan) om deze uitnodiging te aanvaarden.`,
    en: (p) => `Sign in as ${p.email} (or give its password) to accept this invitation.`,
  },
  'sign-up-check-email': {
    nl: () =>
      'Kijk in je mailbox: we stuurden een e-mail naar het opgegeven adres. Open de link erin om verder te gaan.',
    en: () =>
      'Check your mailbox: we sent an e-mail to the address you gave. Open the link in it to continue.',
  },
};

/**
 * Renders an account message in the asked language.
 *
 * @example
 * accountMessage('password-too-short', 'nl', { min: 10 }) // → 'Kies een wachtwoord van minstens 10 tekens.'
 */
export function accountMessage(key: AccountMessageKey, lang: Lang, params: Params = {}): string {
  return ACCOUNT_MESSAGES[key][lang](params);
}

/** The words for a broken password rule, e.g. for a field problem. */
export function describePasswordProblem(problem: PasswordProblem, lang: Lang): string {
  return accountMessage(problem.rule, lang, problem.params ?? {});
}

/** The e-mail to the owner of an address someone tried to sign up with (nl, then en). */
export function knownAddressMail(links: { signIn: string; reset: string }): {
  subject: string;
  body: string;
} {
  return {
    subject: 'Je hebt al een account — You already have an account',
    body:
      `Iemand probeerde een Stapel-account aan te maken met dit e-mailadres, maar er is er al een.\n\n` +
      `Was jij dat? Meld je aan: ${links.signIn}\nWachtwoord vergeten? Vraag een nieuw: ${links.reset}\n\n` +
      `Was jij het niet? Dan hoef je niets te doen: er is niets veranderd aan je account.\n\n` +
      `Someone tried to create a Stapel account with this e-mail address, but it already has one.\n\n` +
      `Was it you? Sign in: ${links.signIn}\nForgot your password? Ask for a new one: ${links.reset}\n\n` +
      `Was it not you? Then there is nothing to do: nothing changed on your account.`,
  };
}
