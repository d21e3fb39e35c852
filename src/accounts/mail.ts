import type { Role } from '../core/actor.ts';
import type { Lang } from '../core/i18n.ts';
import type { MailMessage } from '../core/mail.ts';

/**
 * The e-mails of accounts: confirming an address, the note to an address that already has an account, a
 * password reset and an invitation to a role. Each is written in Dutch and English in one message (the
 * reader's language is not known to the outbox): the Dutch text first, then the English. Callers queue them
 * with `cmd.mail.send`, so they leave only after the change commits.
 */

/** What a mail of this module writes: the rest of the message (to, institution) is the caller's. */
export type MailText = Pick<MailMessage, 'subject' | 'body'>;

type Bilingual = Readonly<Record<Lang, string>>;

/** A role in words, as the web UI names it in each language. */
export const ROLE_WORDS: Readonly<Record<Role, Bilingual>> = {
  administrator: { nl: 'beheerder', en: 'administrator' },
  designer: { nl: 'ontwerper', en: 'designer' },
  'qa-reviewer': { nl: 'kwaliteitsbeoordelaar', en: 'quality reviewer' },
  assessor: { nl: 'evaluator', en: 'assessor' },
  registrar: { nl: 'inschrijvingsbeheerder', en: 'registrar' },
};

function compose(subject: Bilingual, body: Bilingual): MailText {
  return { subject: `${subject.nl} — ${subject.en}`, body: `${body.nl}\n\n${body.en}` };
}

/** The link of a page of the web UI that carries a secret token. */
export function tokenLink(publicUrl: string, path: string, token: string): string {
  return `${publicUrl}${path}?token=${encodeURIComponent(token)}`;
}

/**
 * A new account confirms its address with the link; following it signs the account in.
 *
 * @example
 * await cmd.mail.send({ to: user.email, ...verificationMail({ name: user.name, link }) });
 */
export function verificationMail(facts: { name: string; link: string }): MailText {
  return compose(
    { nl: 'Bevestig je e-mailadres', en: 'Confirm your e-mail address' },
    {
      nl: `Welkom bij Stapel, ${facts.name}.\n\nBevestig je e-mailadres: ${facts.link}\n\nHeb je geen account aangevraagd? Negeer dan dit bericht.`,
      en: `Welcome to Stapel, ${facts.name}. Confirm your e-mail address with the link above.\n\nDid not sign up? Ignore this message.`,
    },
  );
}

/**
 * The owner of an address someone tried to sign up with hears of it, with the way to sign in or to ask for
 * a new password; the account itself is left as it was.
 *
 * @example
 * await cmd.mail.send({ to: owner.email, ...knownAddressMail({ signIn, reset }) });
 */
export function knownAddressMail(links: { signIn: string; reset: string }): MailText {
  return compose(
    { nl: 'Je hebt al een account', en: 'You already have an account' },
    {
      nl:
        `Iemand probeerde een Stapel-account aan te maken met dit e-mailadres, maar er is er al een.\n\n` +
        `Was jij dat? Meld je aan: ${links.signIn}\nWachtwoord vergeten? Vraag een nieuw: ${links.reset}\n\n` +
        `Was jij het niet? Dan hoef je niets te doen: er is niets veranderd aan je account.`,
      en:
        `Someone tried to create a Stapel account with this e-mail address, but it already has one.\n\n` +
        `Was it you? Sign in: ${links.signIn}\nForgot your password? Ask for a new one: ${links.reset}\n\n` +
        `Was it not you? Then there is nothing to do: nothing changed on your account.`,
    },
  );
}

/**
 * A link to choose a new password, valid for two hours.
 *
 * @example
 * await cmd.mail.send({ to: user.email, ...passwordResetMail({ link }) });
 */
export function passwordResetMail(facts: { link: string }): MailText {
  return compose(
    { nl: 'Nieuw wachtwoord', en: 'Reset your password' },
    {
      nl: `Kies een nieuw wachtwoord (2 uur geldig): ${facts.link}\n\nHeb je dit niet gevraagd? Negeer dan dit bericht.`,
      en: 'Choose a new password with the link above (valid for 2 hours). Did not ask for this? Ignore this message.',
    },
  );
}

/**
 * An invitation to a role at an institution, the role named in words in each language; the link is valid
 * for seven days.
 *
 * @example
 * await cmd.mail.send({ to: email, institutionId, ...invitationMail({ institution, role: 'qa-reviewer', link }) });
 */
export function invitationMail(facts: {
  institution: { name: { nl: string; en: string } };
  role: Role;
  link: string;
}): MailText {
  const role = ROLE_WORDS[facts.role];
  const name = facts.institution.name;
  return {
    subject: `Uitnodiging: ${name.nl} — Invitation`,
    body:
      `Je bent uitgenodigd als ${role.nl} bij ${name.nl} op Stapel: ${facts.link}\nDe link is 7 dagen geldig.\n\n` +
      `You are invited as ${role.en} at ${name.en} on Stapel. The link above is valid for 7 days.`,
  };
}

/**
 * The link that confirms a new address, sent to that address; the account keeps its old address until the
 * link is opened (two days).
 *
 * @example
 * await cmd.mail.send({ to: newEmail, ...emailChangeMail({ name, link }) });
 */
export function emailChangeMail(facts: { name: string; link: string }): MailText {
  return compose(
    { nl: 'Bevestig je nieuwe e-mailadres', en: 'Confirm your new e-mail address' },
    {
      nl:
        `Dag ${facts.name},\n\nJe vroeg om dit adres voortaan te gebruiken voor je Stapel-account. ` +
        `Bevestig het (2 dagen geldig): ${facts.link}\n\nTot je bevestigt, blijft je oude adres in gebruik. ` +
        `Heb je dit niet gevraagd? Negeer dan dit bericht.`,
      en:
        `Hello ${facts.name}, you asked to use this address for your Stapel account from now on. Confirm it ` +
        `with the link above (valid for 2 days); until then your old address stays in use. Did not ask for ` +
        `this? Ignore this message.`,
    },
  );
}

/**
 * The notice to the old address that someone asked to move the account to another one: the owner of a
 * stolen session hears of it while the old address still works.
 *
 * @example
 * await cmd.mail.send({ to: user.email, ...emailChangeNoticeMail({ newEmail, reset }) });
 */
export function emailChangeNoticeMail(facts: { newEmail: string; reset: string }): MailText {
  return compose(
    { nl: 'Je e-mailadres wordt gewijzigd', en: 'Your e-mail address is being changed' },
    {
      nl:
        `Iemand die aangemeld is op je Stapel-account vroeg om het adres te wijzigen naar ${facts.newEmail}. ` +
        `Het nieuwe adres geldt pas als de link in de e-mail aan dat adres geopend wordt.\n\n` +
        `Was jij het niet? Kies dan meteen een nieuw wachtwoord: ${facts.reset}`,
      en:
        `Someone signed in to your Stapel account asked to change its address to ${facts.newEmail}. The new ` +
        `address only applies once the link in the e-mail to it is opened. Was it not you? Choose a new ` +
        `password at once with the link above.`,
    },
  );
}

/**
 * The notice that the account's password changed and its other sessions ended.
 *
 * @example
 * await cmd.mail.send({ to: user.email, ...passwordChangedMail({ reset }) });
 */
export function passwordChangedMail(facts: { reset: string }): MailText {
  return compose(
    { nl: 'Je wachtwoord is gewijzigd', en: 'Your password was changed' },
    {
      nl:
        `Het wachtwoord van je Stapel-account is gewijzigd; je bent overal anders afgemeld.\n\n` +
        `Was jij het niet? Kies dan meteen een nieuw wachtwoord: ${facts.reset}`,
      en:
        `The password of your Stapel account was changed; you were signed out everywhere else. Was it not ` +
        `you? Choose a new password at once with the link above.`,
    },
  );
}
