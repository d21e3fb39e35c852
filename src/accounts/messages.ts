import type { Lang } from '../core/i18n.ts';
import type { MessageParams } from '../core/errors.ts';
import { defineMessages, messageRenderer } from '../core/messages.ts';
import type { PasswordProblem } from './password-rules.ts';

/** "45 seconden", "1 minuut", "12 minuten": how long to wait, in words. */
function waitFor(seconds: unknown, lang: Lang): string {
  const s = Math.max(1, Math.ceil(Number(seconds ?? 1)));
  if (s < 120)
    return lang === 'nl' ? `${s} ${s === 1 ? 'seconde' : 'seconden'}` : `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  return lang === 'nl' ? `${m} minuten` : `${m} minutes`;
}

const LINK_INVALID = {
  nl: 'Deze link is niet meer geldig (al gebruikt, vervangen of verlopen); vraag een nieuwe aan.',
  en: 'This link is not valid any more (used, replaced or expired); ask for a new one.',
};
const INVITATION_INVALID = {
  nl: 'Deze uitnodiging is niet meer geldig; vraag een nieuwe aan.',
  en: 'This invitation is not valid any more; ask for a new one.',
};
const ofInvitation = (p: MessageParams) => p.of === 'invitation';

/**
 * Every refusal and every text of accounts, sessions, password reset and invitations, in Dutch and English:
 * the rule ids of the password policy and the keys the account errors carry. `core/http.ts` renders them in
 * the request's language.
 */
export const ACCOUNT_MESSAGES = defineMessages({
  // ---- the password policy (rule ids of password-rules.ts)
  'password-blank': {
    nl: 'Een wachtwoord van alleen spaties kan niet: kies een wachtwoord met letters, cijfers of tekens.',
    en: 'A password of only spaces is not allowed: choose one with letters, digits or symbols.',
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
    nl: 'Gebruik je e-mailadres niet als wachtwoord.',
    en: 'Do not use your e-mail address as your password.',
  },
  'password-common': {
    nl: 'Dit wachtwoord staat op de lijst van veelgebruikte wachtwoorden en is snel geraden. Kies een ander, bijvoorbeeld enkele losse woorden.',
    en: 'This password is on the list of commonly used passwords and is easily guessed. Choose another, for example a few unrelated words.',
  },
  // ---- a new account, an invitation
  'email-format': {
    nl: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.be.',
    en: 'Enter a valid e-mail address, such as name@example.be.',
  },
  'name-required': { nl: 'Vul je naam in.', en: 'Enter your name.' },
  'account-invalid': {
    nl: 'Het account kan niet worden aangemaakt.',
    en: 'The account cannot be created.',
  },
  'account-exists': {
    nl: 'Er is al een account met dit e-mailadres. Meld je aan, of vraag een nieuw wachtwoord.',
    en: 'There is already an account with this e-mail address. Sign in, or reset the password.',
  },
  'password-invalid': { nl: 'Dit wachtwoord kan niet.', en: 'This password is not allowed.' },
  'role-unknown': {
    nl: (p) => `Kies een van deze rollen: ${p.known}.`,
    en: (p) => `Choose one of these roles: ${p.known}.`,
  },
  'invitation-request-invalid': {
    nl: 'De uitnodiging is niet geldig.',
    en: 'The invitation is not valid.',
  },
  // ---- attempt limits
  'too-many-sign-ins': {
    nl: (p) =>
      `Te veel mislukte aanmeldpogingen. Probeer het over ${waitFor(p.seconds, 'nl')} opnieuw, of vraag een nieuw wachtwoord.`,
    en: (p) =>
      `Too many failed sign-in attempts. Try again in ${waitFor(p.seconds, 'en')}, or ask for a new password.`,
  },
  'too-many-sign-ups': {
    nl: (p) => `Te veel aanvragen voor een account. Probeer het over ${waitFor(p.seconds, 'nl')} opnieuw.`,
    en: (p) => `Too many sign-up requests. Try again in ${waitFor(p.seconds, 'en')}.`,
  },
  'too-many-reset-requests': {
    nl: (p) =>
      `Te veel aanvragen voor een nieuw wachtwoord. Probeer het over ${waitFor(p.seconds, 'nl')} opnieuw.`,
    en: (p) => `Too many password reset requests. Try again in ${waitFor(p.seconds, 'en')}.`,
  },
  // ---- sessions and links
  'credentials-wrong': {
    nl: 'Het e-mailadres of het wachtwoord klopt niet.',
    en: 'The e-mail address or the password is not right.',
  },
  'not-signed-in': { nl: 'Je bent niet aangemeld.', en: 'Not signed in.' },
  'link-invalid': LINK_INVALID,
  'invitation-invalid': INVITATION_INVALID,
  // The field rule of a link that does not work: a reset or verification link, or an invitation.
  'token-invalid': {
    nl: (p) => (ofInvitation(p) ? INVITATION_INVALID.nl : LINK_INVALID.nl),
    en: (p) => (ofInvitation(p) ? INVITATION_INVALID.en : LINK_INVALID.en),
  },
  'invitation-sign-in': {
    nl: (p) => `Meld je aan als ${p.email} (of geef het wachtwoord ervan) om deze uitnodiging te aanvaarden.`,
    en: (p) => `Sign in as ${p.email} (or give its password) to accept this invitation.`,
  },
  'member-unknown': { nl: 'Dit personeelslid bestaat niet.', en: 'There is no such member.' },
  'last-administrator': {
    nl: 'Dit is de laatste beheerder van de instelling.',
    en: 'This is the last administrator of the institution.',
  },
  // ---- the account's own profile: name, address, password
  'password-wrong': {
    nl: 'Dit wachtwoord klopt niet. Geef je huidige wachtwoord.',
    en: 'This password is not right. Give your current password.',
  },
  'profile-invalid': { nl: 'Je gegevens kunnen niet worden bewaard.', en: 'Your details cannot be saved.' },
  'email-unchanged': {
    nl: 'Dit is al het e-mailadres van je account.',
    en: 'This already is the e-mail address of your account.',
  },
  'email-taken': {
    nl: 'Er is al een ander account met dit e-mailadres. Kies een ander adres.',
    en: 'Another account already has this e-mail address. Choose another address.',
  },
  'email-has-own-proofs': {
    nl: 'Op dit e-mailadres werden al leerbewijzen uitgereikt, net als op je huidige adres. Die kunnen niet vanzelf samen bij één account: vraag de instelling die ze uitreikte om ze samen te voegen, en wijzig je adres daarna.',
    en: 'Credentials were already issued to this e-mail address, as they were to your current address. They cannot be brought together in one account by themselves: ask the institution that issued them to merge them, then change your address.',
  },
  'email-change-invalid': {
    nl: 'Het e-mailadres kan niet worden gewijzigd.',
    en: 'The e-mail address cannot be changed.',
  },
  'password-change-invalid': {
    nl: 'Het wachtwoord kan niet worden gewijzigd.',
    en: 'The password cannot be changed.',
  },
  // ---- answers
  'sign-up-check-email': {
    nl: 'Kijk in je mailbox: we stuurden een e-mail naar het opgegeven adres. Open de link erin om verder te gaan.',
    en: 'Check your mailbox: we sent an e-mail to the address you gave. Open the link in it to continue.',
  },
  'reset-requested': {
    nl: 'Als er een account is met dit adres, is er een link onderweg.',
    en: 'If the address has an account, a link is on its way.',
  },
});

export type AccountMessageKey = keyof typeof ACCOUNT_MESSAGES;

/**
 * Renders an account message in the asked language (answers that are not errors, and tests).
 *
 * @example
 * accountMessage('password-too-short', 'nl', { min: 10 }) // → 'Kies een wachtwoord van minstens 10 tekens.'
 */
export const accountMessage = messageRenderer(ACCOUNT_MESSAGES);

/** The words for a broken password rule, e.g. for a field problem. */
export function describePasswordProblem(problem: PasswordProblem, lang: Lang): string {
  return accountMessage(problem.rule, lang, problem.params ?? {});
}
