/**
 * What a printed certificate (or a LinkedIn entry) shows, read from a signed Open Badges 3.0 credential. Pure
 * and browser-safe: it reads the document only, so it works for any Stapel credential, whichever version of
 * the platform issued it, and never for anything the signature does not cover.
 */

/** The awarding body as the credential names it. */
export interface CertificateIssuer {
  id?: string | undefined;
  name: string;
  url?: string | undefined;
  /** Country name as the credential spells it (e.g. "België"), and its ISO code. */
  country?: string | undefined;
  countryCode?: string | undefined;
  /** ISO 3166-2 region code, e.g. BE-VLG. */
  region?: string | undefined;
  locality?: string | undefined;
}

export interface CertificateFacts {
  id: string;
  /** micro-credential-certificate or credit-certificate; undefined for a credential of another kind. */
  kind?: string | undefined;
  title: string;
  description?: string | undefined;
  learnerName?: string | undefined;
  issuer: CertificateIssuer;
  /** ISO-8601 instants. */
  issuedAt?: string | undefined;
  expiresAt?: string | undefined;
  ects?: number | undefined;
  eqfLevel?: string | undefined;
  vksLevel?: string | undefined;
  language?: string | undefined;
  learningOutcomes: string[];
  assessmentType?: string | undefined;
  supervision?: string | undefined;
  participationForm?: string | undefined;
  qualityAssurance?: string | undefined;
  /** regular (form A) or outside-regular (form B). */
  form?: string | undefined;
  prerequisites?: string | undefined;
  stackability?: string | undefined;
  fieldOfStudy?: string | undefined;
  /** Notional workload in hours, from an ISO-8601 duration such as PT160H. */
  workloadHours?: number | undefined;
  furtherInformation?: string | undefined;
  /** The score with its scale, e.g. { value: '15.5', max: '20' }. */
  result?: { value: string; max?: string | undefined } | undefined;
  courseUnitCode?: string | undefined;
  partOf?: string | undefined;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string, or the first string of a language map / array the document might carry instead. */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = textOf(item);
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (isObject(value)) return textOf(value['@value']) ?? textOf(Object.values(value)[0]);
  return undefined;
}

function numberOf(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

const list = (value: unknown): unknown[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function isoInstant(value: unknown): string | undefined {
  const text = textOf(value);
  return text !== undefined && !Number.isNaN(Date.parse(text)) ? text : undefined;
}

function hoursOf(duration: unknown): number | undefined {
  const match = /^PT(\d+(?:\.\d+)?)H$/.exec(textOf(duration) ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The level an alignment states for a framework, by its target code or the number in its name. */
function levelIn(alignments: unknown[], framework: RegExp): string | undefined {
  for (const alignment of alignments) {
    if (!isObject(alignment)) continue;
    const names = `${textOf(alignment.targetFramework) ?? ''} ${textOf(alignment.targetName) ?? ''}`;
    if (!framework.test(names)) continue;
    const code = textOf(alignment.targetCode) ?? /\d+/.exec(textOf(alignment.targetName) ?? '')?.[0];
    if (code !== undefined) return code;
  }
  return undefined;
}

function issuerOf(value: unknown): CertificateIssuer {
  if (typeof value === 'string') return { id: value, name: value };
  const issuer = isObject(value) ? value : {};
  const address = isObject(issuer.address) ? issuer.address : {};
  return {
    id: textOf(issuer.id),
    name: textOf(issuer.name) ?? textOf(issuer.id) ?? '',
    url: textOf(issuer.url),
    country: textOf(address.addressCountry),
    countryCode: textOf(address.addressCountryCode),
    region: textOf(address.addressRegion),
    locality: textOf(address.addressLocality),
  };
}

function learnerNameOf(subject: Json): string | undefined {
  const named = textOf(subject.name);
  if (named) return named;
  for (const identifier of list(subject.identifier)) {
    if (isObject(identifier) && identifier.identityType === 'name' && identifier.hashed !== true)
      return textOf(identifier.identityHash);
  }
  return undefined;
}

function resultOf(subject: Json, achievement: Json): CertificateFacts['result'] {
  const descriptions = list(achievement.resultDescription).filter(isObject);
  for (const result of list(subject.result)) {
    if (!isObject(result)) continue;
    const value = textOf(result.value);
    if (value === undefined) continue;
    const description = descriptions.find((d) => d.id === result.resultDescription);
    return { value, max: textOf(description?.valueMax) };
  }
  return undefined;
}

/**
 * The facts of a credential a certificate prints, or undefined when the document is not an Open Badges
 * credential with an achievement. Values are the credential's own (enumerations stay as their codes, for
 * the labels to word).
 *
 * @example
 * const facts = certificateFacts(JSON.parse(signedText));
 * facts?.title; // 'Data-analyse met Python'
 */
export function certificateFacts(document: unknown): CertificateFacts | undefined {
  if (!isObject(document)) return undefined;
  const subject = list(document.credentialSubject).find(isObject);
  const achievement = subject && isObject(subject.achievement) ? subject.achievement : undefined;
  const id = textOf(document.id);
  if (!subject || !achievement || id === undefined) return undefined;
  const alignments = list(achievement.alignment);
  return {
    id,
    kind: textOf(achievement.proofOfLearningKind),
    title: textOf(achievement.name) ?? textOf(document.name) ?? id,
    description: textOf(achievement.description),
    learnerName: learnerNameOf(subject),
    issuer: issuerOf(document.issuer),
    issuedAt: isoInstant(document.validFrom) ?? isoInstant(document.awardedDate),
    expiresAt: isoInstant(document.validUntil),
    ects: numberOf(subject.creditsEarned) ?? numberOf(achievement.creditsAvailable),
    eqfLevel: levelIn(alignments, /European Qualifications Framework|\bEQF\b/i),
    vksLevel: levelIn(alignments, /Vlaamse kwalificatiestructuur|\bVKS\b/i),
    language: textOf(achievement.inLanguage),
    learningOutcomes: list(achievement.learningOutcome)
      .map(textOf)
      .filter((o): o is string => o !== undefined),
    assessmentType: textOf(achievement.assessmentType),
    supervision: textOf(achievement.supervisionAndIdVerification),
    participationForm: textOf(achievement.participationForm),
    qualityAssurance: textOf(achievement.qualityAssuranceType),
    form: textOf(achievement.microCredentialForm),
    prerequisites: textOf(achievement.entryRequirement),
    stackability: textOf(achievement.integrationStackabilityOptions),
    fieldOfStudy: textOf(achievement.fieldOfStudy),
    workloadHours: hoursOf(achievement.volumeOfLearning),
    furtherInformation: textOf(achievement.furtherInformation),
    result: resultOf(subject, achievement),
    courseUnitCode: textOf(achievement.courseUnitCode),
    partOf: textOf(achievement.partOfMicroCredential),
  };
}
