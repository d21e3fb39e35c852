import type { Db, Tx } from '../core/database.ts';
import type { Lang } from '../core/i18n.ts';
import { rolesAt, type Actor } from '../core/actor.ts';
import { localizedText } from '../catalogue/rows.ts';
import { effectiveQaType, type Form, type LocalizedText, type Supervision } from '../catalogue/rules.ts';
import type { ProofKind } from '../catalogue/rules.ts';
import { linkedInFacts, linkedInProfileLink } from '../certificates/linkedin.ts';
import { credentialsWithFacts } from '../issuing/manage-credentials.ts';
import { localiseResult, type VerificationResult } from '../verification/verify.ts';
import { credentialAccess, canRead, type CredentialAccess } from './credential-access.ts';
import { holdsCredential } from './holding.ts';
import { isShared } from './shares.ts';
import type { CredentialDetails, CredentialView, RelatedCredential } from './schemas.ts';

const STATUS_NAMES = { 0: 'valid', 1: 'revoked', 2: 'suspended' } as const;
type StatusName = (typeof STATUS_NAMES)[keyof typeof STATUS_NAMES];
const statusName = (status: number): StatusName =>
  STATUS_NAMES[status as keyof typeof STATUS_NAMES] ?? 'valid';

/** Credential ids are UUIDs: anything else is no credential of ours, without asking the database. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function credentialQuery(db: Db | Tx) {
  return credentialsWithFacts(db).select([
    'c.id',
    'c.credential_url',
    'c.kind',
    'c.document',
    'c.status',
    'c.status_reason',
    'c.status_changed_at',
    'c.issued_at',
    'c.institution_id',
    'c.learner_id',
    'c.micro_credential_version_id',
    'n.user_id as enrolment_user_id',
    'l.name as learner_name',
    'm.code as mc_code',
    'v.version',
    'v.title_nl',
    'v.title_en',
    'v.form',
    'v.ects',
    'v.vks_level',
    'v.learning_outcomes',
    'v.assessment_type',
    'v.supervision',
    'v.qa_type',
    'i.slug',
    'i.name_nl',
    'i.name_en',
    'cu.code as course_unit',
    'cuv.title_nl as cu_title_nl',
    'cuv.title_en as cu_title_en',
    'cuv.ects as cu_ects',
    'cuv.vks_level as cu_vks_level',
    'cuv.learning_outcomes as cu_learning_outcomes',
  ]);
}

export type StoredCredential = NonNullable<Awaited<ReturnType<typeof findStoredCredential>>>;

/**
 * One issued credential with what its page needs, by its id (the UUID at the end of its URL).
 *
 * @example
 * const stored = await findStoredCredential(db, id); // undefined when there is none
 */
export async function findStoredCredential(db: Db | Tx, id: string) {
  if (!UUID.test(id)) return undefined;
  return credentialQuery(db).where('c.id', '=', id).executeTakeFirst();
}

/**
 * How one viewer may see one stored credential: its holder, the issuing institution's staff, anyone when
 * shared, else nobody.
 *
 * @example
 * const access = await accessTo(db, stored, await viewerOf(request, db));
 */
export async function accessTo(
  db: Db | Tx,
  stored: StoredCredential,
  viewer: Actor | undefined,
): Promise<{ access: CredentialAccess; shared: boolean }> {
  const isHolder = viewer?.kind === 'user' ? await holdsCredential(db, viewer.userId, stored.id) : false;
  const isIssuerStaff = rolesAt(viewer, stored.institution_id).length > 0 && viewer?.kind !== 'system';
  const shared = await isShared(db, stored.id);
  return { access: credentialAccess({ isHolder, isIssuerStaff, shared }), shared };
}

const parsed = <T>(text: string | null): T | undefined => (text ? (JSON.parse(text) as T) : undefined);

/** The achievement's image in the signed document, when it has one. */
function badgeImageOf(document: Record<string, unknown>): string | null {
  const subject = document.credentialSubject as { achievement?: { image?: unknown } } | undefined;
  const image = subject?.achievement?.image;
  if (typeof image === 'string') return image;
  if (image && typeof image === 'object' && typeof (image as { id?: unknown }).id === 'string')
    return (image as { id: string }).id;
  return null;
}

/** The holder's credit certificates of the same micro-credential version: what a form A certificate rests on. */
async function creditCertificatesOf(
  db: Db | Tx,
  stored: StoredCredential,
  access: CredentialAccess,
): Promise<RelatedCredential[]> {
  if (stored.kind !== 'micro-credential-certificate' || stored.form !== 'regular') return [];
  const all = await credentialQuery(db)
    .where('c.micro_credential_version_id', '=', stored.micro_credential_version_id)
    .where('c.learner_id', '=', stored.learner_id)
    .where('c.kind', '=', 'credit-certificate')
    .orderBy('cu.code')
    .execute();
  // Someone who sees the certificate because it is shared sees only the credit certificates shared too.
  const shown = access === 'public' ? await Promise.all(all.map((row) => isShared(db, row.id))) : [];
  const rows = access === 'public' ? all.filter((_row, i) => shown[i]) : all;
  return rows.map((row) => ({
    id: row.id,
    url: row.credential_url,
    kind: 'credit-certificate',
    title: localizedText(row.cu_title_nl ?? row.title_nl, row.cu_title_en ?? row.title_en),
    courseUnit: row.course_unit,
    issuedAt: row.issued_at,
    status: statusName(row.status),
  }));
}

/** The paths of a credential's downloads. */
export function downloadPaths(id: string): CredentialDetails['downloads'] {
  const base = `/credentials/${id}`;
  return {
    json: `${base}/credential.json`,
    pdfNl: `${base}/certificate.pdf?lang=nl`,
    pdfEn: `${base}/certificate.pdf?lang=en`,
    png: `${base}/badge.png`,
    svg: `${base}/badge.svg`,
  };
}

/**
 * What a readable credential's page shows: the catalogue's facts in both languages, its status, the
 * credits it rests on and a live verification (worded in `lang`).
 *
 * @example
 * const details = await credentialDetails(db, stored, await verify(JSON.parse(stored.document)), 'nl', 'public');
 */
export async function credentialDetails(
  db: Db | Tx,
  stored: StoredCredential,
  verification: VerificationResult,
  lang: Lang,
  access: CredentialAccess,
): Promise<CredentialDetails> {
  const document = JSON.parse(stored.document) as Record<string, unknown>;
  const credit = stored.kind === 'credit-certificate' && stored.cu_title_nl !== null;
  const outcomes =
    (credit ? parsed<LocalizedText[]>(stored.cu_learning_outcomes) : undefined) ??
    parsed<LocalizedText[]>(stored.learning_outcomes) ??
    [];
  const form = stored.form as Form;
  return {
    kind: stored.kind as ProofKind,
    form,
    title: credit
      ? localizedText(stored.cu_title_nl ?? '', stored.cu_title_en)
      : localizedText(stored.title_nl, stored.title_en),
    courseUnit: stored.course_unit,
    microCredential: {
      code: stored.mc_code,
      version: stored.version,
      title: localizedText(stored.title_nl, stored.title_en),
    },
    institution: { slug: stored.slug, name: localizedText(stored.name_nl, stored.name_en) },
    issuer: {
      ...(verification.issuer.name !== undefined ? { name: verification.issuer.name } : {}),
      trust: verification.issuer.trust,
    },
    learnerName: stored.learner_name,
    issuedAt: stored.issued_at,
    ects: credit ? (stored.cu_ects ?? stored.ects) : stored.ects,
    vksLevel: credit ? (stored.cu_vks_level ?? stored.vks_level) : stored.vks_level,
    learningOutcomes: outcomes,
    assessmentType: parsed<LocalizedText>(stored.assessment_type) ?? null,
    supervision: (stored.supervision as Supervision | null) ?? null,
    qaType: effectiveQaType({
      form,
      qaType: (stored.qa_type ?? undefined) as CredentialDetails['qaType'] | undefined,
    }),
    badgeImage: badgeImageOf(document),
    status: statusName(stored.status),
    statusChangedAt: stored.status_changed_at,
    // The reason is public as in every verification of this platform's credentials (the status check words it).
    statusReason: stored.status_reason,
    creditCertificates: await creditCertificatesOf(db, stored, access),
    downloads: downloadPaths(stored.id),
    linkedIn: null,
    verification: localiseResult(verification, lang),
  };
}

/** The holder's LinkedIn links in both languages, each leading to the credential's page. */
function linkedInLinks(stored: StoredCredential): CredentialDetails['linkedIn'] {
  const document: unknown = JSON.parse(stored.document);
  const link = (lang: Lang) => {
    const facts = linkedInFacts(document, stored.credential_url, lang);
    if (!facts) return undefined;
    const { url, fields } = linkedInProfileLink(facts);
    return { url, fields: { ...fields } as Record<string, string> };
  };
  const nl = link('nl');
  const en = link('en');
  return nl && en ? { nl, en } : null;
}

/**
 * The page's view for one viewer: everything when they may read it, else only that it exists and is private.
 *
 * @example
 * const view = await credentialView(db, stored, { access: 'private', shared: false }, verify, 'en');
 */
export async function credentialView(
  db: Db | Tx,
  stored: StoredCredential,
  seen: { access: CredentialAccess; shared: boolean },
  verify: (input: unknown) => Promise<VerificationResult>,
  lang: Lang,
): Promise<CredentialView> {
  const base = { id: stored.id, url: stored.credential_url, access: seen.access };
  if (!canRead(seen.access)) return { ...base, shared: false, credential: null };
  const verification = await verify(JSON.parse(stored.document));
  const details = await credentialDetails(db, stored, verification, lang, seen.access);
  return {
    ...base,
    shared: seen.shared,
    credential: seen.access === 'holder' ? { ...details, linkedIn: linkedInLinks(stored) } : details,
  };
}
