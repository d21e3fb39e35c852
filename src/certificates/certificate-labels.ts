/**
 * The words of a printed certificate, in Dutch and English. Browser-safe: the web may show the same words
 * next to a preview. The enumerations follow `catalogue/rules.ts`; a code this table does not know is
 * printed as the credential gives it, so that a credential from a later version still prints.
 */

export type CertificateLang = 'nl' | 'en';

export interface CertificateLabels {
  /** The document's title by proof kind; `other` for a credential of another kind. */
  documentTitle: Readonly<Record<string, string>> & { other: string };
  /** "{institution} declares that" — the line before the learner's name. */
  declares: (institution: string) => string;
  /** Stands for the learner's name in a credential that carries none. */
  holder: string;
  /** The line between the learner's name and the title, by proof kind. */
  obtained: Readonly<Record<string, string>> & { other: string };
  fields: {
    awardingBody: string;
    countryRegion: string;
    issuedOn: string;
    workload: string;
    level: string;
    assessmentType: string;
    supervision: string;
    participationForm: string;
    qualityAssurance: string;
    form: string;
    prerequisites: string;
    stackability: string;
    result: string;
    fieldOfStudy: string;
    courseUnit: string;
    validUntil: string;
    furtherInformation: string;
  };
  learningOutcomes: string;
  continued: string;
  verifyHeading: string;
  verifyHow: string;
  credentialId: string;
  attachmentNote: string;
  page: (n: number, of: number) => string;
  /** "6 studiepunten (ECTS) · 160 uur" */
  workload: (ects: number | undefined, hours: number | undefined) => string;
  result: (value: string, max: string | undefined) => string;
  participationForms: Readonly<Record<string, string>>;
  supervisions: Readonly<Record<string, string>>;
  qualityAssurances: Readonly<Record<string, string>>;
  forms: Readonly<Record<string, string>>;
  regions: Readonly<Record<string, string>>;
  countries: Readonly<Record<string, string>>;
  /** The locale dates are written in. */
  locale: string;
  /** The language tag of the PDF (its /Lang). */
  languageTag: string;
}

const decimal = (value: string, lang: CertificateLang) => (lang === 'nl' ? value.replace('.', ',') : value);

const number = (n: number, lang: CertificateLang) => decimal(String(n), lang);

export const CERTIFICATE_LABELS: Readonly<Record<CertificateLang, CertificateLabels>> = {
  nl: {
    documentTitle: {
      'micro-credential-certificate': 'Micro-credentialcertificaat',
      'credit-certificate': 'Creditbewijs',
      other: 'Leerbewijs',
    },
    declares: (institution) => `${institution} verklaart dat`,
    holder: 'de houder van dit leerbewijs',
    obtained: {
      'micro-credential-certificate': 'met succes de micro-credential behaalde',
      'credit-certificate': 'met succes het creditbewijs behaalde voor het opleidingsonderdeel',
      other: 'met succes behaalde',
    },
    fields: {
      awardingBody: 'Uitreikende instelling',
      countryRegion: 'Land en regio',
      issuedOn: 'Datum van uitreiking',
      workload: 'Studiebelasting',
      level: 'Niveau',
      assessmentType: 'Soort evaluatie',
      supervision: 'Toezicht en identiteitscontrole',
      participationForm: 'Vorm van deelname',
      qualityAssurance: 'Kwaliteitszorg',
      form: 'Vorm',
      prerequisites: 'Toelatingsvoorwaarden',
      stackability: 'Integratie en stapelbaarheid',
      result: 'Resultaat',
      fieldOfStudy: 'Studiegebied',
      courseUnit: 'Opleidingsonderdeel',
      validUntil: 'Geldig tot',
      furtherInformation: 'Meer informatie',
    },
    learningOutcomes: 'Leerresultaten',
    continued: 'vervolg',
    verifyHeading: 'Echtheid controleren',
    verifyHow: 'Scan de QR-code of ga naar',
    credentialId: 'Kenmerk van het leerbewijs',
    attachmentNote:
      'Het ondertekende leerbewijs (Open Badges 3.0) zit als bijlage in dit PDF-bestand: ook het bestand alleen is te controleren.',
    page: (n, of) => `Pagina ${n} van ${of}`,
    workload: (ects, hours) =>
      [
        ects === undefined ? undefined : `${number(ects, 'nl')} studiepunten (ECTS)`,
        hours === undefined ? undefined : `${number(hours, 'nl')} uur`,
      ]
        .filter(Boolean)
        .join(' · '),
    result: (value, max) => `${decimal(value, 'nl')}${max ? ` op ${max}` : ''}`,
    participationForms: {
      online: 'Online',
      'on-site': 'Op de campus',
      blended: 'Gemengd (online en op de campus)',
    },
    supervisions: {
      'unsupervised-no-id-check': 'Zonder toezicht en zonder identiteitscontrole',
      'supervised-no-id-check': 'Onder toezicht, zonder identiteitscontrole',
      'supervised-with-id-check': 'Onder toezicht (online of op de campus), met identiteitscontrole',
    },
    qualityAssurances: {
      'internal-and-external': 'Interne en externe kwaliteitszorg',
      institution: 'Kwaliteitszorg door de instelling',
    },
    forms: {
      regular: 'A · uit regulier aanbod',
      'outside-regular': 'B · buiten regulier aanbod',
    },
    regions: {
      'BE-VLG': 'Vlaanderen',
      'BE-WAL': 'Wallonië',
      'BE-BRU': 'Brussels Hoofdstedelijk Gewest',
    },
    countries: { BE: 'België', NL: 'Nederland', FR: 'Frankrijk', DE: 'Duitsland', LU: 'Luxemburg' },
    locale: 'nl-BE',
    languageTag: 'nl-BE',
  },
  en: {
    documentTitle: {
      'micro-credential-certificate': 'Micro-credential certificate',
      'credit-certificate': 'Credit certificate',
      other: 'Credential',
    },
    declares: (institution) => `${institution} declares that`,
    holder: 'the holder of this credential',
    obtained: {
      'micro-credential-certificate': 'has successfully obtained the micro-credential',
      'credit-certificate': 'has successfully obtained the credit certificate for the course unit',
      other: 'has successfully obtained',
    },
    fields: {
      awardingBody: 'Awarding body',
      countryRegion: 'Country and region',
      issuedOn: 'Date of issue',
      workload: 'Notional workload',
      level: 'Level',
      assessmentType: 'Type of assessment',
      supervision: 'Supervision and identity verification',
      participationForm: 'Form of participation',
      qualityAssurance: 'Quality assurance',
      form: 'Form',
      prerequisites: 'Prerequisites',
      stackability: 'Integration and stackability',
      result: 'Grade',
      fieldOfStudy: 'Field of study',
      courseUnit: 'Course unit',
      validUntil: 'Valid until',
      furtherInformation: 'Further information',
    },
    learningOutcomes: 'Learning outcomes',
    continued: 'continued',
    verifyHeading: 'Check that it is genuine',
    verifyHow: 'Scan the QR code or go to',
    credentialId: 'Credential identifier',
    attachmentNote:
      'The signed credential (Open Badges 3.0) is attached to this PDF file, so the file alone can be verified too.',
    page: (n, of) => `Page ${n} of ${of}`,
    workload: (ects, hours) =>
      [
        ects === undefined ? undefined : `${number(ects, 'en')} ECTS credits`,
        hours === undefined ? undefined : `${number(hours, 'en')} hours`,
      ]
        .filter(Boolean)
        .join(' · '),
    result: (value, max) => `${value}${max ? ` out of ${max}` : ''}`,
    participationForms: {
      online: 'Online',
      'on-site': 'On site',
      blended: 'Blended (online and on site)',
    },
    supervisions: {
      'unsupervised-no-id-check': 'Unsupervised, without identity verification',
      'supervised-no-id-check': 'Supervised, without identity verification',
      'supervised-with-id-check': 'Supervised online or on site, with identity verification',
    },
    qualityAssurances: {
      'internal-and-external': 'Internal and external quality assurance',
      institution: 'Quality assurance by the institution',
    },
    forms: {
      regular: 'A · from the regular curriculum',
      'outside-regular': 'B · outside the regular curriculum',
    },
    regions: {
      'BE-VLG': 'Flanders',
      'BE-WAL': 'Wallonia',
      'BE-BRU': 'Brussels-Capital Region',
    },
    countries: { BE: 'Belgium', NL: 'the Netherlands', FR: 'France', DE: 'Germany', LU: 'Luxembourg' },
    locale: 'en-GB',
    languageTag: 'en',
  },
};

/**
 * A date as a certificate writes it, in Belgian time (where the institution awarded it).
 *
 * @example
 * certificateDate('2026-12-04T19:07:23Z', 'nl'); // '4 december 2026'
 */
export function certificateDate(iso: string, lang: CertificateLang): string {
  return new Intl.DateTimeFormat(CERTIFICATE_LABELS[lang].locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Brussels',
  }).format(new Date(iso));
}
