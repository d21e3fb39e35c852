import type {
  Form,
  ParticipationForm,
  Partner,
  ProofKind,
  QaType,
  Supervision,
} from '../../../src/catalogue/rules.ts';
import type { Role } from '../../../src/core/actor.ts';

type PartnerKind = NonNullable<Partner['kind']>;

/**
 * Words the whole interface shares: the frame of every page, form messages, roles and the vocabulary of the framework.
 * Dutch first; English has exactly the same keys.
 */
export const COMMON_NL = {
  meta: {
    productName: 'Stapel',
    tagline: 'Micro-credentials van het Vlaamse hoger onderwijs',
    titleSuffix: 'Stapel',
  },
  layout: {
    skipLink: 'Naar de inhoud',
    mainNav: 'Hoofdnavigatie',
    catalogueLink: 'Catalogus',
    verifyLink: 'Verifiëren',
    languageSwitch: 'Taal van de website',
    footerAbout:
      'Stapel toont kleine, gecertificeerde leereenheden van Vlaamse hogescholen en universiteiten, met alle elementen uit de Europese aanbeveling over micro-credentials (2022/C 243/02).',
    footerApi: 'API-documentatie (OpenAPI)',
    footerNav: 'Voettekst',
    signIn: 'Aanmelden',
    accountMenu: 'Account',
    signedInAs: 'Aangemeld als',
    myLearning: 'Mijn leren',
    manageInstitution: (institution: string) => `Beheer ${institution}`,
    signOut: 'Afmelden',
    signOutFailed: 'Afmelden is niet gelukt. Probeer het opnieuw.',
  },
  languages: {
    nl: 'Nederlands',
    en: 'English',
  },
  formMessages: {
    errorSummaryTitle: 'Er is een probleem',
    errorSummaryTitleMany: (count: number) => `Er zijn ${count} problemen`,
    errorPrefix: 'Fout:',
    warningPrefix: 'Waarschuwing:',
    optional: '(niet verplicht)',
    unreachable: 'De server is niet bereikbaar. Controleer je internetverbinding en probeer het opnieuw.',
    serverError: 'Er ging iets mis op de server. Probeer het later opnieuw.',
    sessionExpired: 'Je bent niet (meer) aangemeld. Meld je opnieuw aan.',
    forbidden: 'Dat mag je niet met de rollen die je hebt.',
    loading: 'Bezig met laden…',
    retry: 'Opnieuw proberen',
    nameRequired: 'Vul je naam in.',
    emailRequired: 'Vul een e-mailadres in.',
    emailInvalid: 'Vul een geldig e-mailadres in, zoals naam@voorbeeld.be.',
    passwordRequired: 'Vul je wachtwoord in.',
    passwordTooShort: (minimum: number) => `Kies een wachtwoord van minstens ${minimum} tekens.`,
    passwordTooLong: 'Kies een wachtwoord van hoogstens 256 tekens.',
    passwordIsEmail: 'Gebruik je e-mailadres niet als wachtwoord.',
    passwordBlank:
      'Een wachtwoord van alleen spaties kan niet: kies een wachtwoord met letters, cijfers of tekens.',
    passwordPolicy:
      'Kies een wachtwoord van minstens 10 tekens dat niet je e-mailadres is en geen veelgebruikt wachtwoord.',
  },
  roles: {
    administrator: 'beheerder',
    designer: 'ontwerper',
    'qa-reviewer': 'kwaliteitsbeoordelaar',
    assessor: 'evaluator',
    registrar: 'inschrijvingsbeheerder',
  } satisfies Record<Role, string>,
  forms: {
    regular: 'A · uit regulier aanbod',
    'outside-regular': 'B · buiten regulier aanbod',
  } satisfies Record<Form, string>,
  formExplanations: {
    regular:
      'Opgebouwd uit opleidingsonderdelen van reguliere opleidingen. De Codex Hoger Onderwijs is van toepassing; het studiegeld ligt vast bij decreet.',
    'outside-regular':
      'Ontwikkeld buiten het reguliere aanbod, bijvoorbeeld als permanente vorming. De Codex Hoger Onderwijs is niet van toepassing; de instelling bepaalt het studiegeld.',
  } satisfies Record<Form, string>,
  participationForms: {
    online: 'Online',
    'on-site': 'Op de campus',
    blended: 'Gemengd (online en op de campus)',
  } satisfies Record<ParticipationForm, string>,
  participationFormsShort: {
    online: 'Online',
    'on-site': 'Op de campus',
    blended: 'Gemengd',
  } satisfies Record<ParticipationForm, string>,
  supervision: {
    'unsupervised-no-id-check': 'Zonder toezicht en zonder identiteitscontrole',
    'supervised-no-id-check': 'Onder toezicht, zonder identiteitscontrole',
    'supervised-with-id-check': 'Onder toezicht (online of op de campus), met identiteitscontrole',
  } satisfies Record<Supervision, string>,
  qaTypes: {
    'internal-and-external': 'Interne en externe kwaliteitszorg',
    institution: 'Kwaliteitszorg door de instelling',
  } satisfies Record<QaType, string>,
  proofKinds: {
    'credit-certificate': 'een creditbewijs per opleidingsonderdeel',
    'micro-credential-certificate': 'een micro-credentialcertificaat',
  } satisfies Record<ProofKind, string>,
  partnerKinds: {
    company: 'bedrijf',
    'sector-organisation': 'sectororganisatie',
    'public-body': 'overheid',
    education: 'onderwijsinstelling',
    other: 'andere partner',
  } satisfies Record<PartnerKind, string>,
  regions: {
    'BE-VLG': 'Vlaanderen',
    'BE-WAL': 'Wallonië',
    'BE-BRU': 'Brussels Hoofdstedelijk Gewest',
  } as Record<string, string>,
};

export const COMMON_EN: typeof COMMON_NL = {
  meta: {
    productName: 'Stapel',
    tagline: 'Micro-credentials from Flemish higher education',
    titleSuffix: 'Stapel',
  },
  layout: {
    skipLink: 'Skip to content',
    mainNav: 'Main navigation',
    catalogueLink: 'Catalogue',
    verifyLink: 'Verify',
    languageSwitch: 'Website language',
    footerAbout:
      'Stapel lists small, certified units of learning from Flemish universities and universities of applied sciences, with every element of the European recommendation on micro-credentials (2022/C 243/02).',
    footerApi: 'API documentation (OpenAPI)',
    footerNav: 'Footer',
    signIn: 'Sign in',
    accountMenu: 'Account',
    signedInAs: 'Signed in as',
    myLearning: 'My learning',
    manageInstitution: (institution: string) => `Manage ${institution}`,
    signOut: 'Sign out',
    signOutFailed: 'Signing out did not work. Please try again.',
  },
  languages: {
    nl: 'Nederlands',
    en: 'English',
  },
  formMessages: {
    errorSummaryTitle: 'There is a problem',
    errorSummaryTitleMany: (count: number) => `There are ${count} problems`,
    errorPrefix: 'Error:',
    warningPrefix: 'Warning:',
    optional: '(optional)',
    unreachable: 'The server cannot be reached. Check your internet connection and try again.',
    serverError: 'Something went wrong on the server. Please try again later.',
    sessionExpired: 'You are not signed in (any more). Please sign in again.',
    forbidden: 'Your roles do not allow this.',
    loading: 'Loading…',
    retry: 'Try again',
    nameRequired: 'Enter your name.',
    emailRequired: 'Enter an email address.',
    emailInvalid: 'Enter a valid email address, such as name@example.com.',
    passwordRequired: 'Enter your password.',
    passwordTooShort: (minimum: number) => `Choose a password of at least ${minimum} characters.`,
    passwordTooLong: 'Choose a password of at most 256 characters.',
    passwordIsEmail: 'Do not use your email address as your password.',
    passwordBlank: 'A password of only spaces is not allowed: choose one with letters, digits or symbols.',
    passwordPolicy:
      'Choose a password of at least 10 characters that is not your email address and not a commonly used password.',
  },
  roles: {
    administrator: 'administrator',
    designer: 'designer',
    'qa-reviewer': 'quality reviewer',
    assessor: 'assessor',
    registrar: 'registrar',
  },
  forms: {
    regular: 'A · from the regular curriculum',
    'outside-regular': 'B · outside the regular curriculum',
  },
  formExplanations: {
    regular:
      'Built from course units of regular degree programmes. The Higher Education Code applies; tuition is set by decree.',
    'outside-regular':
      'Developed outside the regular curriculum, for example as continuing education. The Higher Education Code does not apply; the institution sets the tuition.',
  },
  participationForms: {
    online: 'Online',
    'on-site': 'On site',
    blended: 'Blended (online and on site)',
  },
  participationFormsShort: {
    online: 'Online',
    'on-site': 'On site',
    blended: 'Blended',
  },
  supervision: {
    'unsupervised-no-id-check': 'Unsupervised, without identity verification',
    'supervised-no-id-check': 'Supervised, without identity verification',
    'supervised-with-id-check': 'Supervised online or on site, with identity verification',
  },
  qaTypes: {
    'internal-and-external': 'Internal and external quality assurance',
    institution: 'Quality assurance by the institution',
  },
  proofKinds: {
    'credit-certificate': 'a credit certificate for each course unit',
    'micro-credential-certificate': 'a micro-credential certificate',
  },
  partnerKinds: {
    company: 'company',
    'sector-organisation': 'sector organisation',
    'public-body': 'public body',
    education: 'educational institution',
    other: 'other partner',
  },
  regions: {
    'BE-VLG': 'Flanders',
    'BE-WAL': 'Wallonia',
    'BE-BRU': 'Brussels-Capital Region',
  },
};
