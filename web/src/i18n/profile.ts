/**
 * Texts of the learner's own data: the profile page (name, address, password, the export, erasure) and the
 * page that confirms a new address.
 * Dutch first; English has exactly the same keys.
 */
export const PROFILE_NL = {
  profile: {
    menuLink: 'Mijn gegevens',
    title: 'Mijn gegevens',
    lead: 'Je naam, je e-mailadres en je wachtwoord, en alles wat Stapel over je bewaart.',
    loadFailed: 'Je gegevens konden niet worden geladen.',
    // name
    nameHeading: 'Naam',
    nameSubmit: 'Naam opslaan',
    nameSaved: 'Je naam is opgeslagen.',
    // address
    emailHeading: 'E-mailadres',
    currentEmail: 'Huidig e-mailadres',
    confirmed: 'bevestigd',
    unconfirmed: 'nog niet bevestigd',
    memberSince: 'Account sinds',
    roles: 'Rollen',
    noRoles: 'Geen: je gebruikt Stapel als lerende.',
    pending: (email: string) =>
      `Wacht op bevestiging: ${email}. Open de link in de e-mail aan dat adres; tot dan blijft je huidige adres in gebruik.`,
    newEmail: 'Nieuw e-mailadres',
    newEmailHint: 'We sturen een link naar het nieuwe adres, en een bericht naar je huidige adres.',
    passwordForChange: 'Je wachtwoord',
    passwordForChangeHint: 'Ter controle dat jij het bent.',
    emailSubmit: 'Bevestigingslink versturen',
    emailSent: (email: string) =>
      `We stuurden een link naar ${email}. Open die om het nieuwe adres te gebruiken.`,
    // password
    passwordHeading: 'Wachtwoord',
    currentPassword: 'Huidig wachtwoord',
    newPassword: 'Nieuw wachtwoord',
    passwordSubmit: 'Wachtwoord wijzigen',
    passwordSaved: 'Je wachtwoord is gewijzigd. Op je andere toestellen ben je afgemeld.',
    // export
    exportHeading: 'Mijn gegevens downloaden',
    exportBody:
      'Een bestand (JSON) met alles wat Stapel over je bewaart: je account, inschrijvingen, resultaten, je leerbewijzen zoals ze zijn uitgereikt, wat je deelt, je verzamelingen, ingevoerde leerbewijzen en het logboek van wat er met je gegevens gebeurde.',
    exportLink: 'Mijn gegevens downloaden',
    // erasure
    eraseHeading: 'Account wissen',
    eraseIntro: 'Als je je account wist, gebeurt dit:',
    eraseName:
      'Je naam en e-mailadres worden overal in Stapel vervangen door een code die niet naar jou verwijst.',
    eraseShares:
      'Wat je deelt verdwijnt: de openbare pagina’s van je leerbewijzen en verzamelingen werken niet meer.',
    eraseImports: 'Je verzamelingen en de leerbewijzen die je zelf invoerde, worden verwijderd.',
    eraseCredentials:
      'Leerbewijzen die je al kreeg, blijven geldig voor wie het bestand heeft: de instelling bewaart wat ze uitreikte, zoals de wet op studiegegevens vraagt.',
    eraseFinal: 'Dit kan niet ongedaan worden gemaakt. Download eerst je gegevens als je ze wil bewaren.',
    eraseStaff: 'Heb je een rol als personeelslid? Vraag dan eerst een beheerder om die rol weg te nemen.',
    erasePassword: 'Je wachtwoord',
    eraseConfirmation: 'Typ je e-mailadres ter bevestiging',
    eraseConfirmationHint: (email: string) => `Typ: ${email}`,
    eraseConfirmationWrong: 'Typ het e-mailadres van je account over, zoals het boven dit veld staat.',
    passwordRequired: 'Vul je wachtwoord in.',
    eraseSubmit: 'Account definitief wissen',
    erasedTitle: 'Je account is gewist',
    erasedBody:
      'Je naam en e-mailadres zijn uit Stapel verwijderd en je bent afgemeld. Leerbewijzen die je downloadde, blijven geldig.',
    toCatalogue: 'Naar de catalogus',
    toProfile: 'Naar Mijn gegevens',
    // the link of an address change
    changeConfirmTitle: 'Nieuw e-mailadres bevestigen',
    changeConfirmedHeading: 'Je nieuwe e-mailadres is bevestigd',
    changeConfirmedBody: (email: string) =>
      `Je account gebruikt voortaan ${email}. Meld je voortaan met dit adres aan.`,
    changeInvalidBody:
      'De link is al gebruikt, vervangen door een nieuwere aanvraag, verlopen (na 48 uur) of onvolledig. Vraag de wijziging opnieuw aan bij Mijn gegevens.',
    changeRefusedHeading: 'Je e-mailadres kon niet worden gewijzigd',
  },
};

export const PROFILE_EN: typeof PROFILE_NL = {
  profile: {
    menuLink: 'My details',
    title: 'My details',
    lead: 'Your name, your e-mail address and your password, and everything Stapel keeps about you.',
    loadFailed: 'Your details could not be loaded.',
    nameHeading: 'Name',
    nameSubmit: 'Save name',
    nameSaved: 'Your name was saved.',
    emailHeading: 'E-mail address',
    currentEmail: 'Current e-mail address',
    confirmed: 'confirmed',
    unconfirmed: 'not confirmed yet',
    memberSince: 'Account since',
    roles: 'Roles',
    noRoles: 'None: you use Stapel as a learner.',
    pending: (email: string) =>
      `Waiting for confirmation: ${email}. Open the link in the e-mail to that address; until then your current address stays in use.`,
    newEmail: 'New e-mail address',
    newEmailHint: 'We send a link to the new address, and a message to your current address.',
    passwordForChange: 'Your password',
    passwordForChangeHint: 'To check that it is you.',
    emailSubmit: 'Send confirmation link',
    emailSent: (email: string) => `We sent a link to ${email}. Open it to use the new address.`,
    passwordHeading: 'Password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    passwordSubmit: 'Change password',
    passwordSaved: 'Your password was changed. You were signed out on your other devices.',
    exportHeading: 'Download my data',
    exportBody:
      'A file (JSON) with everything Stapel keeps about you: your account, enrolments, results, your credentials as they were issued, what you share, your collections, credentials you imported, and the log of what happened to your data.',
    exportLink: 'Download my data',
    eraseHeading: 'Erase account',
    eraseIntro: 'When you erase your account, this happens:',
    eraseName:
      'Your name and e-mail address are replaced everywhere in Stapel by a code that does not point to you.',
    eraseShares:
      'What you share disappears: the public pages of your credentials and collections stop working.',
    eraseImports: 'Your collections and the credentials you imported yourself are deleted.',
    eraseCredentials:
      'Credentials you already received stay valid for whoever has the file: the institution keeps what it issued, as the law on study records requires.',
    eraseFinal: 'This cannot be undone. Download your data first if you want to keep it.',
    eraseStaff: 'Do you hold a staff role? Then ask an administrator to remove that role first.',
    erasePassword: 'Your password',
    eraseConfirmation: 'Type your e-mail address to confirm',
    eraseConfirmationHint: (email: string) => `Type: ${email}`,
    eraseConfirmationWrong: 'Type the e-mail address of your account, as it is shown above this field.',
    passwordRequired: 'Enter your password.',
    eraseSubmit: 'Erase account for good',
    erasedTitle: 'Your account was erased',
    erasedBody:
      'Your name and e-mail address were removed from Stapel and you are signed out. Credentials you downloaded stay valid.',
    toCatalogue: 'To the catalogue',
    toProfile: 'To My details',
    changeConfirmTitle: 'Confirm new e-mail address',
    changeConfirmedHeading: 'Your new e-mail address is confirmed',
    changeConfirmedBody: (email: string) =>
      `Your account uses ${email} from now on. Sign in with this address from now on.`,
    changeInvalidBody:
      'The link was used already, replaced by a newer request, expired (after 48 hours) or is incomplete. Ask for the change again under My details.',
    changeRefusedHeading: 'Your e-mail address could not be changed',
  },
};
