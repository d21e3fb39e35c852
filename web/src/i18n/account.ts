/**
 * Signing up and in, confirming an address, resetting a password and accepting an invitation.
 * Dutch first; English has exactly the same keys.
 */
export const ACCOUNT_NL = {
  account: {
    signUpTitle: 'Account aanmaken',
    signUpHeading: 'Maak een account aan',
    signUpIntro:
      'Met een account schrijf je je in voor micro-credentials en bewaar je je leerbewijzen. Iedereen kan een account maken: je hoeft geen student te zijn.',
    name: 'Naam',
    nameHint: 'Zo komt je naam op je leerbewijzen.',
    email: 'E-mailadres',
    emailHint: 'We sturen een e-mail om dit adres te bevestigen.',
    password: 'Wachtwoord',
    passwordRule: (minimum: number) =>
      `Minstens ${minimum} tekens. Geen veelgebruikt wachtwoord zoals "wachtwoord1".`,
    signUpSubmit: 'Account aanmaken',
    haveAccount: 'Heb je al een account?',
    signUpDoneTitle: 'Kijk in je mailbox',
    signUpDoneMail: (email: string) =>
      `We stuurden een e-mail naar ${email}. Open de link in die e-mail om je adres te bevestigen: daarmee ben je meteen aangemeld. Had je met dit adres al een account? Dan lees je in de e-mail hoe je je aanmeldt.`,
    signUpDoneEnrol: 'Inschrijven voor een micro-credential kan pas met een bevestigd e-mailadres.',
    toMyLearning: 'Naar Mijn leren',
    toCatalogue: 'Naar de catalogus',
    signInTitle: 'Aanmelden',
    signInHeading: 'Aanmelden',
    signInIntro: 'Meld je aan met het e-mailadres en het wachtwoord van je account.',
    signInSubmit: 'Aanmelden',
    wrongCredentials: 'Het e-mailadres of het wachtwoord klopt niet.',
    forgotLink: 'Wachtwoord vergeten?',
    noAccount: 'Nog geen account?',
    signUpLink: 'Maak een account aan',
    alreadySignedIn: (name: string) => `Je bent aangemeld als ${name}.`,
    continue: 'Verder',
    verifyTitle: 'E-mailadres bevestigen',
    verifying: 'Je e-mailadres wordt bevestigd…',
    verifiedHeading: 'Je e-mailadres is bevestigd',
    verifiedBody: (email: string) =>
      `Bedankt. ${email} is bevestigd: je kan je nu inschrijven voor micro-credentials.`,
    linkInvalidHeading: 'Deze link werkt niet (meer)',
    verifyInvalidBody:
      'De link is al gebruikt, verlopen (na 48 uur) of onvolledig. Was je adres al bevestigd, dan hoef je niets meer te doen.',
    linkMissingBody: 'In deze link ontbreekt de code. Open de link uit de e-mail opnieuw, helemaal.',
    forgotTitle: 'Wachtwoord vergeten',
    forgotHeading: 'Wachtwoord vergeten',
    forgotIntro:
      'Vul het e-mailadres van je account in. We sturen je een link waarmee je een nieuw wachtwoord kiest.',
    forgotSubmit: 'Link versturen',
    forgotSentHeading: 'Kijk in je mailbox',
    forgotSentBody: (email: string) =>
      `Als er een account is met ${email}, is er nu een e-mail onderweg met een link. De link blijft 2 uur geldig.`,
    resetTitle: 'Nieuw wachtwoord',
    resetHeading: 'Kies een nieuw wachtwoord',
    newPassword: 'Nieuw wachtwoord',
    resetSubmit: 'Wachtwoord opslaan',
    resetDoneHeading: 'Je wachtwoord is gewijzigd',
    resetDoneBody:
      'Meld je aan met je nieuwe wachtwoord. Op toestellen waar je nog aangemeld was, ben je nu afgemeld.',
    resetInvalidBody: 'De link is al gebruikt, verlopen (na 2 uur) of onvolledig. Vraag een nieuwe link aan.',
    requestNewLink: 'Nieuwe link aanvragen',
    invitationTitle: 'Uitnodiging',
    invitationHeading: 'Uitnodiging aanvaarden',
    invitationIntro: 'Je bent uitgenodigd om met een rol mee te werken aan micro-credentials op Stapel.',
    invitationNewAccount:
      'Nieuw op Stapel? Kies je naam en een wachtwoord. Je account krijgt het e-mailadres waarop je de uitnodiging ontving.',
    invitationHaveAccount: 'Heb je al een account met dat e-mailadres?',
    invitationSignInFirst: 'Meld je dan eerst aan',
    invitationSignedIn: (name: string, email: string) => `Je bent aangemeld als ${name} (${email}).`,
    invitationNotYou: 'Kwam de uitnodiging op een ander e-mailadres? Meld je dan eerst af.',
    invitationAccept: 'Uitnodiging aanvaarden',
    invitationCreate: 'Account aanmaken en aanvaarden',
    invitationDoneHeading: 'Uitnodiging aanvaard',
    invitationDoneBody: (role: string, institution: string) => `Je bent nu ${role} bij ${institution}.`,
    invitationWrongAccount:
      'Deze uitnodiging is voor een ander e-mailadres dan dat van je account. Meld je af en open de link opnieuw.',
    invitationExistingAccount:
      'Er is al een account met het uitgenodigde e-mailadres. Meld je eerst aan met dat account, of vul hier het wachtwoord ervan in.',
    invitationInvalidBody:
      'De uitnodiging is al aanvaard, verlopen (na 7 dagen) of onvolledig. Vraag de beheerder om een nieuwe uitnodiging.',
    toManage: (institution: string) => `Naar Beheer ${institution}`,
  },
};

export const ACCOUNT_EN: typeof ACCOUNT_NL = {
  account: {
    signUpTitle: 'Create an account',
    signUpHeading: 'Create an account',
    signUpIntro:
      'With an account you enrol in micro-credentials and keep your proofs of learning. Anyone can create one: you do not need to be a student.',
    name: 'Name',
    nameHint: 'Your name as it will appear on your proofs of learning.',
    email: 'Email address',
    emailHint: 'We will send an email to confirm this address.',
    password: 'Password',
    passwordRule: (minimum: number) =>
      `At least ${minimum} characters. No commonly used password such as "password123".`,
    signUpSubmit: 'Create account',
    haveAccount: 'Already have an account?',
    signUpDoneTitle: 'Check your mailbox',
    signUpDoneMail: (email: string) =>
      `We sent an email to ${email}. Open the link in that email to confirm your address: it signs you in as well. Did you already have an account with this address? Then the email tells you how to sign in.`,
    signUpDoneEnrol: 'You need a confirmed email address to enrol in a micro-credential.',
    toMyLearning: 'Go to My learning',
    toCatalogue: 'Go to the catalogue',
    signInTitle: 'Sign in',
    signInHeading: 'Sign in',
    signInIntro: 'Sign in with the email address and password of your account.',
    signInSubmit: 'Sign in',
    wrongCredentials: 'The email address or the password is not right.',
    forgotLink: 'Forgot your password?',
    noAccount: 'No account yet?',
    signUpLink: 'Create an account',
    alreadySignedIn: (name: string) => `You are signed in as ${name}.`,
    continue: 'Continue',
    verifyTitle: 'Confirm email address',
    verifying: 'Confirming your email address…',
    verifiedHeading: 'Your email address is confirmed',
    verifiedBody: (email: string) =>
      `Thank you. ${email} is confirmed: you can now enrol in micro-credentials.`,
    linkInvalidHeading: 'This link does not work (any more)',
    verifyInvalidBody:
      'The link has been used already, has expired (after 48 hours) or is incomplete. If your address was confirmed already, there is nothing more to do.',
    linkMissingBody: 'The code is missing from this link. Open the link from the email again, in full.',
    forgotTitle: 'Forgot password',
    forgotHeading: 'Forgot your password',
    forgotIntro: 'Enter the email address of your account. We will send you a link to choose a new password.',
    forgotSubmit: 'Send link',
    forgotSentHeading: 'Check your mailbox',
    forgotSentBody: (email: string) =>
      `If there is an account with ${email}, an email with a link is on its way. The link is valid for 2 hours.`,
    resetTitle: 'New password',
    resetHeading: 'Choose a new password',
    newPassword: 'New password',
    resetSubmit: 'Save password',
    resetDoneHeading: 'Your password has been changed',
    resetDoneBody:
      'Sign in with your new password. Wherever you were still signed in, you are now signed out.',
    resetInvalidBody:
      'The link has been used already, has expired (after 2 hours) or is incomplete. Ask for a new link.',
    requestNewLink: 'Ask for a new link',
    invitationTitle: 'Invitation',
    invitationHeading: 'Accept the invitation',
    invitationIntro: 'You have been invited to work on micro-credentials on Stapel in a role.',
    invitationNewAccount:
      'New to Stapel? Choose your name and a password. Your account gets the email address the invitation was sent to.',
    invitationHaveAccount: 'Already have an account with that email address?',
    invitationSignInFirst: 'Then sign in first',
    invitationSignedIn: (name: string, email: string) => `You are signed in as ${name} (${email}).`,
    invitationNotYou: 'Was the invitation sent to another email address? Then sign out first.',
    invitationAccept: 'Accept the invitation',
    invitationCreate: 'Create account and accept',
    invitationDoneHeading: 'Invitation accepted',
    invitationDoneBody: (role: string, institution: string) => `You are now ${role} at ${institution}.`,
    invitationWrongAccount:
      'This invitation is for another email address than the one of your account. Sign out and open the link again.',
    invitationExistingAccount:
      'There is already an account with the invited email address. Sign in with that account first, or enter its password here.',
    invitationInvalidBody:
      'The invitation has been accepted already, has expired (after 7 days) or is incomplete. Ask the administrator for a new invitation.',
    toManage: (institution: string) => `Go to Manage ${institution}`,
  },
};
