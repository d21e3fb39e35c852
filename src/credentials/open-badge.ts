import { createHash } from 'node:crypto';
import type {
  LocalizedText,
  ParticipationForm,
  ProofKind,
  QaType,
  Supervision,
  Form,
} from '../catalogue/rules.ts';
import { OB_CONTEXT, VC_V2_CONTEXT, stapelContextUrl } from './contexts.ts';
import { STATUS_MESSAGES, STATUS_SIZE } from './bitstring.ts';

/** The issuer Profile: the awarding body, with the country and region the EU elements ask for. */
export interface IssuerProfile {
  id: string;
  name: string;
  url: string;
  email?: string | null;
  address: {
    street?: string | null;
    postalCode?: string | null;
    locality?: string | null;
    region: string;
    country: string;
  };
}

export interface AchievementFacts {
  id: string;
  kind: ProofKind;
  form: Form;
  title: LocalizedText;
  description?: LocalizedText | undefined;
  ects: number;
  vksLevel: number;
  language: string;
  learningOutcomes: LocalizedText[];
  assessmentType?: LocalizedText | undefined;
  participationForm?: ParticipationForm | undefined;
  supervision?: Supervision | undefined;
  prerequisites?: LocalizedText | undefined;
  qaType: QaType;
  stackability?: LocalizedText | undefined;
  fieldOfStudy?: string | undefined;
  workloadHours?: number | undefined;
  furtherInfoUrl?: string | undefined;
  version: number;
  /** Credit certificates: the course unit's code and the micro-credential it belongs to. */
  courseUnitCode?: string | undefined;
  partOf?: { id: string; title: LocalizedText } | undefined;
  /**
   * The address of the achievement's badge image (`/achievements/<micro-credential version id>/image`); a
   * credit certificate shows the badge of the micro-credential it is part of.
   */
  badgeImageUrl?: string | undefined;
}

export interface LearnerIdentity {
  email: string;
  name?: string | null | undefined;
  /** Random per credential, so that hashes cannot be linked across credentials. */
  salt: string;
}

export interface CredentialInput {
  id: string;
  publicUrl: string;
  issuer: IssuerProfile;
  achievement: AchievementFacts;
  learner: LearnerIdentity;
  /** Score on 20, when the evaluation gave one. */
  score?: number | null | undefined;
  passMark: number;
  issuedAt: string;
  /** The credential's entry on the institution's one-bit revocation list. */
  status: StatusSlotRef;
  /** Its entry on a one-bit suspension list, when the installation issues suspendable credentials. */
  suspension?: StatusSlotRef | undefined;
}

/** Where a credential's bit lives: the status list credential's URL and the entry's index. */
export interface StatusSlotRef {
  listUrl: string;
  index: number;
}

/**
 * A one-bit `BitstringStatusListEntry`, the shape every verifier reads (VC Bitstring Status List).
 *
 * @example
 * statusEntry('revocation', { listUrl: 'https://stapel.example/status-lists/1', index: 7 });
 */
export function statusEntry(
  purpose: 'revocation' | 'suspension',
  slot: StatusSlotRef,
): Record<string, unknown> {
  return {
    id: `${slot.listUrl}#${slot.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(slot.index),
    statusListCredential: slot.listUrl,
  };
}

/**
 * The two-bit `message` entry of credentials issued before one-bit lists. Never issued any more; kept
 * because those credentials stay valid, and so that tests can build one.
 *
 * @example
 * messageStatusEntry({ listUrl: 'https://stapel.example/status-lists/1', index: 7 });
 */
export function messageStatusEntry(slot: StatusSlotRef): Record<string, unknown> {
  return {
    id: `${slot.listUrl}#${slot.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'message',
    statusListIndex: String(slot.index),
    statusListCredential: slot.listUrl,
    statusSize: STATUS_SIZE,
    statusMessage: STATUS_MESSAGES.map((m) => ({ ...m })),
  };
}

const COUNTRY_NAMES: Record<string, string> = {
  BE: 'België',
  NL: 'Nederland',
  FR: 'France',
  DE: 'Deutschland',
  LU: 'Luxembourg',
};

/** OB 3.0 IdentityObject for an e-mail address: `sha256$` + hex(sha256(lower-cased address + salt)). */
export function hashedEmail(
  email: string,
  salt: string,
): {
  type: 'IdentityObject';
  identityHash: string;
  identityType: 'emailAddress';
  hashed: true;
  salt: string;
} {
  const hex = createHash('sha256')
    .update(email.trim().toLowerCase() + salt)
    .digest('hex');
  return {
    type: 'IdentityObject',
    identityHash: `sha256$${hex}`,
    identityType: 'emailAddress',
    hashed: true,
    salt,
  };
}

const text = (t: LocalizedText | undefined, lang: string): string | undefined =>
  t ? (lang === 'en' ? (t.en ?? t.nl) : t.nl) : undefined;

/**
 * The achievement's OB 3.0 `Image`: its badge's address and a caption that says whose badge it is (for a
 * credit certificate, the micro-credential's, whose badge it carries).
 */
function badgeImage(
  url: string,
  a: AchievementFacts,
  lang: 'nl' | 'en',
): { id: string; type: 'Image'; caption: string } {
  const title = text(a.partOf?.title ?? a.title, lang)!;
  return {
    id: url,
    type: 'Image',
    caption:
      lang === 'en' ? `Badge of the micro-credential ${title}` : `Badge van de micro-credential ${title}`,
  };
}

function hoursToDuration(hours: number): string {
  return `PT${Math.round(hours)}H`;
}

/**
 * Builds an unsigned OpenBadgeCredential for a micro-credential certificate or a credit certificate,
 * carrying every EU mandatory element: standard Open Badges properties where they exist, the Stapel
 * extension context for the rest, and a one-bit revocation entry (with `suspension`, a second entry for
 * suspension). Pure: same input, same document.
 *
 * @example
 * const unsigned = buildOpenBadgeCredential({ id, publicUrl, issuer, achievement, learner, passMark: 10, issuedAt, status });
 */
export function buildOpenBadgeCredential(input: CredentialInput): Record<string, unknown> {
  const { achievement: a, issuer, learner } = input;
  const lang = a.language === 'en' ? 'en' : 'nl';
  const name = text(a.title, lang)!;
  const outcomes = a.learningOutcomes.map((o) => text(o, lang)!).filter(Boolean);
  const resultDescriptionId = `${a.id}#score`;
  const certificateName =
    a.kind === 'credit-certificate'
      ? `${lang === 'en' ? 'Credit certificate' : 'Creditbewijs'}: ${name}`
      : `Micro-credential: ${name}`;

  const achievement: Record<string, unknown> = {
    id: a.id,
    type: ['Achievement'],
    achievementType: a.kind === 'credit-certificate' ? 'Course' : 'MicroCredential',
    name,
    description: text(a.description, lang) ?? name,
    criteria: {
      narrative: [
        lang === 'en'
          ? 'Awarded after a passed evaluation of these learning outcomes:'
          : 'Toegekend na een geslaagde evaluatie van deze leerresultaten:',
        ...outcomes.map((o) => `- ${o}`),
      ].join('\n'),
    },
    creditsAvailable: a.ects,
    inLanguage: a.language,
    version: String(a.version),
    alignment: [
      {
        type: ['Alignment'],
        targetName: `EQF ${a.vksLevel}`,
        targetUrl: `http://data.europa.eu/snb/eqf/${a.vksLevel}`,
        targetFramework: 'European Qualifications Framework',
        targetCode: String(a.vksLevel),
      },
      {
        type: ['Alignment'],
        targetName: `VKS ${a.vksLevel}`,
        targetUrl: 'https://www.vlaamsekwalificatiestructuur.be/',
        targetFramework: 'Vlaamse kwalificatiestructuur (VKS)',
        targetCode: String(a.vksLevel),
      },
    ],
    resultDescription: [
      {
        id: resultDescriptionId,
        type: ['ResultDescription'],
        name: lang === 'en' ? 'Score out of 20' : 'Score op 20',
        resultType: 'ScaledScore',
        valueMin: '0',
        valueMax: '20',
        requiredValue: String(input.passMark),
      },
    ],
    microCredentialForm: a.form,
    proofOfLearningKind: a.kind,
    learningOutcome: outcomes,
    qualityAssuranceType: a.qaType,
  };
  if (a.fieldOfStudy) achievement.fieldOfStudy = a.fieldOfStudy;
  if (a.workloadHours) achievement.volumeOfLearning = hoursToDuration(a.workloadHours);
  if (a.assessmentType) achievement.assessmentType = text(a.assessmentType, lang);
  if (a.participationForm) achievement.participationForm = a.participationForm;
  if (a.supervision) achievement.supervisionAndIdVerification = a.supervision;
  if (a.prerequisites) achievement.entryRequirement = text(a.prerequisites, lang);
  if (a.stackability) achievement.integrationStackabilityOptions = text(a.stackability, lang);
  if (a.furtherInfoUrl) achievement.furtherInformation = a.furtherInfoUrl;
  if (a.courseUnitCode) achievement.courseUnitCode = a.courseUnitCode;
  if (a.partOf) achievement.partOfMicroCredential = a.partOf.id;
  if (a.badgeImageUrl) achievement.image = badgeImage(a.badgeImageUrl, a, lang);

  const identifiers: Array<Record<string, unknown>> = [hashedEmail(learner.email, learner.salt)];
  if (learner.name)
    identifiers.push({
      type: 'IdentityObject',
      identityHash: learner.name,
      identityType: 'name',
      hashed: false,
    });

  const subject: Record<string, unknown> = {
    type: ['AchievementSubject'],
    identifier: identifiers,
    achievement,
    creditsEarned: a.ects,
  };
  if (input.score !== undefined && input.score !== null) {
    subject.result = [
      { type: ['Result'], resultDescription: resultDescriptionId, value: String(input.score) },
    ];
  }

  const address: Record<string, unknown> = {
    type: ['Address'],
    addressCountry: COUNTRY_NAMES[issuer.address.country] ?? issuer.address.country,
    addressCountryCode: issuer.address.country,
    addressRegion: issuer.address.region,
  };
  if (issuer.address.locality) address.addressLocality = issuer.address.locality;
  if (issuer.address.postalCode) address.postalCode = issuer.address.postalCode;
  if (issuer.address.street) address.streetAddress = issuer.address.street;
  const issuerProfile: Record<string, unknown> = {
    id: issuer.id,
    type: ['Profile'],
    name: issuer.name,
    url: issuer.url,
    address,
  };
  if (issuer.email) issuerProfile.email = issuer.email;

  return {
    '@context': [VC_V2_CONTEXT, OB_CONTEXT, stapelContextUrl(input.publicUrl)],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: certificateName,
    issuer: issuerProfile,
    validFrom: input.issuedAt,
    awardedDate: input.issuedAt,
    credentialSubject: subject,
    // One entry is what the OB 3.0 schema allows; a suspension entry makes it an array (VC 2.0).
    credentialStatus: input.suspension
      ? [statusEntry('revocation', input.status), statusEntry('suspension', input.suspension)]
      : statusEntry('revocation', input.status),
  };
}
