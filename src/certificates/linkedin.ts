import { certificateFacts } from './certificate-facts.ts';
import { CERTIFICATE_LABELS, type CertificateLang } from './certificate-labels.ts';

/** What LinkedIn's "add a licence or certification" form is filled with. */
export interface LinkedInFacts {
  /** The certification's name, as the learner's profile will show it. */
  name: string;
  organizationName: string;
  /** LinkedIn's numeric id of the institution's page, when known: LinkedIn then links the entry to it. */
  organizationId?: string | undefined;
  /** ISO-8601 instants. */
  issuedAt: string;
  expiresAt?: string | undefined;
  /** Where the entry links to: the credential's public page. */
  certUrl: string;
  certId: string;
}

/** The query of the link, field by field, as LinkedIn reads it. */
export interface LinkedInFields {
  startTask: 'CERTIFICATION_NAME';
  name: string;
  organizationName: string;
  organizationId?: string;
  issueYear: string;
  /** 1 to 12: LinkedIn counts months from 1 (January = 1). */
  issueMonth: string;
  expirationYear?: string;
  expirationMonth?: string;
  certUrl: string;
  certId: string;
}

const ADD_TO_PROFILE = 'https://www.linkedin.com/profile/add';

/**
 * Year and month (counted from 1, as LinkedIn counts them) of an instant in Belgian time: the day the
 * certificate and the credential's page show, so that a proof issued just after midnight on 1 February in
 * Brussels says February everywhere.
 */
const BELGIAN_MONTH = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: 'numeric',
});

function yearAndMonth(iso: string): { year: string; month: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an ISO-8601 date: ${iso}`);
  const parts = BELGIAN_MONTH.formatToParts(date);
  const part = (type: 'year' | 'month') => parts.find((p) => p.type === type)?.value ?? '';
  return { year: String(Number(part('year'))), month: String(Number(part('month'))) };
}

/**
 * The link that opens LinkedIn's form to add a certification to the learner's profile, filled in, and its
 * fields. Months are 1-based and in Belgian time; the expiry fields appear only for a credential that expires.
 *
 * @example
 * linkedInProfileLink({ name: 'Data-analyse met Python', organizationName: 'Hogeschool Schelde',
 *   issuedAt: '2026-01-15T10:00:00Z', certUrl: 'https://stapel.example/credentials/1', certId: 'https://stapel.example/credentials/1' }).url;
 * // 'https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Data-analyse%20met%20Python&…&issueMonth=1&…'
 */
export function linkedInProfileLink(facts: LinkedInFacts): { url: string; fields: LinkedInFields } {
  const issued = yearAndMonth(facts.issuedAt);
  const fields: LinkedInFields = {
    startTask: 'CERTIFICATION_NAME',
    name: facts.name,
    organizationName: facts.organizationName,
    ...(facts.organizationId ? { organizationId: facts.organizationId } : {}),
    issueYear: issued.year,
    issueMonth: issued.month,
    certUrl: facts.certUrl,
    certId: facts.certId,
  };
  if (facts.expiresAt) {
    const expires = yearAndMonth(facts.expiresAt);
    fields.expirationYear = expires.year;
    fields.expirationMonth = expires.month;
  }
  // In LinkedIn's documented order; encodeURIComponent (not URLSearchParams' "+") so that the link reads
  // the same in every client that opens it.
  const order: Array<keyof LinkedInFields> = [
    'startTask',
    'name',
    'organizationName',
    'organizationId',
    'issueYear',
    'issueMonth',
    'expirationYear',
    'expirationMonth',
    'certUrl',
    'certId',
  ];
  const query = order
    .filter((key) => fields[key] !== undefined)
    .map((key) => `${key}=${encodeURIComponent(fields[key]!)}`)
    .join('&');
  return { url: `${ADD_TO_PROFILE}?${query}`, fields };
}

/**
 * What a LinkedIn entry says of a credential: its title (a credit certificate says so), the issuer, the
 * dates it carries, a link to `pageUrl` and the credential's id. Undefined for a document that is not an
 * Open Badges credential with a date of issue.
 *
 * @example
 * const facts = linkedInFacts(JSON.parse(text), 'https://stapel.example/credentials/1', 'nl');
 * if (facts) window.open(linkedInProfileLink(facts).url);
 */
export function linkedInFacts(
  document: unknown,
  pageUrl: string,
  lang: CertificateLang,
): LinkedInFacts | undefined {
  const facts = certificateFacts(document);
  if (!facts?.issuedAt || !facts.issuer.name) return undefined;
  const name =
    facts.kind === 'credit-certificate'
      ? `${facts.title} (${CERTIFICATE_LABELS[lang].documentTitle['credit-certificate']!.toLowerCase()})`
      : facts.title;
  return {
    name,
    organizationName: facts.issuer.name,
    issuedAt: facts.issuedAt,
    ...(facts.expiresAt ? { expiresAt: facts.expiresAt } : {}),
    certUrl: pageUrl,
    certId: facts.id,
  };
}
