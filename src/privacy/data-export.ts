import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { NotFoundError } from '../core/errors.ts';
import type { AuditLogRow } from '../core/schema.ts';
import { membershipsOf } from '../accounts/sessions.ts';
import { learnerCredentials } from '../issuing/manage-credentials.ts';
import type { DataExport } from './schemas.ts';

export type { DataExport };

type Reader = Db | Tx;

/** Stored JSON text as its value; text that is not JSON (it should not happen) as the text itself. */
function parsed(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * The learner records of the account: by its address, once proven (as the account's credentials are
 * found), so that an unconfirmed address shows nobody else's results.
 */
async function learnerIdsOf(db: Reader, user: { email: string; email_verified_at: string | null }) {
  if (!user.email_verified_at) return [];
  const rows = await db.selectFrom('learners').select('id').where('email', '=', user.email).execute();
  return rows.map((r) => r.id);
}

async function enrolmentsOf(db: Reader, userId: string) {
  const rows = await db
    .selectFrom('enrolments as n')
    .innerJoin('editions as e', 'e.id', 'n.edition_id')
    .innerJoin('institutions as i', 'i.id', 'e.institution_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'e.micro_credential_version_id')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .leftJoin('tuition_reductions as r', 'r.id', 'n.reduction_id')
    .select([
      'n.id',
      'i.slug',
      'e.code as edition',
      'm.code as mc',
      'e.starts_on',
      'e.ends_on',
      'n.status',
      'n.waitlist_since',
      'n.prerequisites_confirmed_at',
      'r.code as reduction',
      'n.amount_due_cents',
      'n.decision_reason',
      'n.created_at',
      'n.updated_at',
    ])
    .where('n.user_id', '=', userId)
    .orderBy('n.created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    institution: r.slug,
    edition: r.edition,
    microCredential: r.mc,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: r.status,
    waitlistSince: r.waitlist_since,
    prerequisitesConfirmedAt: r.prerequisites_confirmed_at,
    reduction: r.reduction,
    amountDueCents: Number(r.amount_due_cents),
    decisionReason: r.decision_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

async function evaluationsOf(db: Reader, enrolmentIds: string[], learnerIds: string[]) {
  if (enrolmentIds.length === 0 && learnerIds.length === 0) return [];
  const rows = await db
    .selectFrom('evaluations')
    .selectAll()
    .where((eb) =>
      eb.or([
        ...(enrolmentIds.length ? [eb('enrolment_id', 'in', enrolmentIds)] : []),
        ...(learnerIds.length ? [eb('learner_id', 'in', learnerIds)] : []),
      ]),
    )
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    enrolmentId: r.enrolment_id,
    microCredentialVersionId: r.micro_credential_version_id,
    courseUnitVersionId: r.course_unit_version_id,
    score: r.score === null ? null : Number(r.score),
    passed: Number(r.passed) === 1,
    assessedOn: r.assessed_on,
    assessmentType: r.assessment_type,
    supervision: r.supervision,
    supersedesId: r.supersedes_id,
    createdAt: r.created_at,
  }));
}

async function collectionsOf(db: Reader, userId: string) {
  const collections = await db
    .selectFrom('collections')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
  const items = collections.length
    ? await db
        .selectFrom('collection_items')
        .selectAll()
        .where(
          'collection_id',
          'in',
          collections.map((c) => c.id),
        )
        .orderBy('position')
        .execute()
    : [];
  return collections.map((c) => ({
    id: c.id,
    publicId: c.public_id,
    title: c.title,
    description: c.description,
    shared: Number(c.shared) === 1,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    items: items
      .filter((i) => i.collection_id === c.id)
      .map((i) => ({ kind: i.item_kind, id: i.item_id, position: Number(i.position) })),
  }));
}

async function importsOf(db: Reader, userId: string) {
  const rows = await db
    .selectFrom('imported_credentials')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('imported_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    sourceUrl: r.source_url,
    document: parsed(r.document),
    credentialId: r.credential_id,
    name: r.name,
    issuerId: r.issuer_id,
    issuerName: r.issuer_name,
    validFrom: r.valid_from,
    identity: r.identity,
    verification: parsed(r.verification),
    verified: Number(r.verified) === 1,
    checkedAt: r.checked_at,
    importedAt: r.imported_at,
  }));
}

/**
 * The ids of what is the person's: their account, enrolments, evaluations, credentials, learner records,
 * and the collections and imported credentials their wallet holds.
 */
export interface OwnObjects {
  userId: string;
  enrolmentIds: string[];
  evaluationIds: string[];
  /** Credential ids and credential URLs: records name a credential by either. */
  credentialRefs: string[];
  learnerIds: string[];
  collectionIds: string[];
  importIds: string[];
}

/**
 * What only a holder does, to their own wallet: whatever they did to these is about them, also once the
 * object is gone (a collection deleted, a credential no longer theirs since an address change).
 */
const HOLDER_OBJECT_TYPES = ['collection', 'imported-credential'] as const;
const HOLDER_ACTIONS = ['credential.share', 'credential.unshare'] as const;

/**
 * The audit entries about a person: the object is their account, an enrolment, an evaluation, a credential
 * or a learner record of theirs, or their wallet (shares, collections, imports). What they did to other
 * people's data as staff is not about them: it is the institution's record about those people. Shared
 * with the erasure, which rewrites these (and the entries where the person acted).
 *
 * @example
 * const entries = await auditEntriesAbout(db, own);
 */
export async function auditEntriesAbout(db: Reader, own: OwnObjects): Promise<AuditLogRow[]> {
  const objects = [
    own.userId,
    ...own.enrolmentIds,
    ...own.evaluationIds,
    ...own.credentialRefs,
    ...own.learnerIds,
    ...own.collectionIds,
    ...own.importIds,
  ];
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('object_id', 'in', objects),
        eb.and([
          eb('actor_id', '=', own.userId),
          eb.or([eb('object_type', 'in', HOLDER_OBJECT_TYPES), eb('action', 'in', HOLDER_ACTIONS)]),
        ]),
      ]),
    )
    .orderBy('at')
    .orderBy('id')
    .execute();
}

/**
 * The ids of what belongs to a person (see `OwnObjects`), found as the export finds them.
 *
 * @example
 * const own = await ownObjectsOf(tx, userId);
 */
export async function ownObjectsOf(db: Reader, userId: string): Promise<OwnObjects> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const learnerIds = await learnerIdsOf(db, user);
  const enrolmentIds = (
    await db.selectFrom('enrolments').select('id').where('user_id', '=', userId).execute()
  ).map((r) => r.id);
  const evaluations = await evaluationsOf(db, enrolmentIds, learnerIds);
  const credentials = await learnerCredentials(db, userId);
  const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id);
  return {
    userId,
    enrolmentIds,
    evaluationIds: evaluations.map((e) => e.id),
    credentialRefs: credentials.flatMap((c) => [c.credentialId, c.id]),
    learnerIds,
    collectionIds: ids(
      await db.selectFrom('collections').select('id').where('user_id', '=', userId).execute(),
    ),
    importIds: ids(
      await db.selectFrom('imported_credentials').select('id').where('user_id', '=', userId).execute(),
    ),
  };
}

/**
 * One audit entry as the person gets it. Who acted is theirs to know only when it was they: for anyone
 * else (staff, a token, the system) the entry says what kind of actor, in which role, and not who, since
 * names and addresses of staff are not the person's data.
 */
function exportedEntry(entry: AuditLogRow, userId: string): DataExport['audit'][number] {
  return {
    id: entry.id,
    at: entry.at,
    actor: { type: entry.actor_type, self: entry.actor_id === userId },
    role: entry.role,
    institutionId: entry.institution_id,
    action: entry.action,
    objectType: entry.object_type,
    objectId: entry.object_id,
    before: parsed(entry.before),
    after: parsed(entry.after),
  };
}

/**
 * Everything Stapel holds about the signed-in person, for them to download: the account (never its password
 * hash), roles, enrolments, results, the credentials as issued (the signed documents as stored), what they
 * shared, their collections, the credentials they imported, and the audit entries about them.
 *
 * @example
 * const data = await exportPersonalData(db, userOf(request).userId);
 */
export async function exportPersonalData(db: Reader, userId: string): Promise<DataExport> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user || user.erased_at) throw new NotFoundError('There is no such account.', { key: 'not-signed-in' });
  const learnerIds = await learnerIdsOf(db, user);
  const enrolments = await enrolmentsOf(db, userId);
  const evaluations = await evaluationsOf(
    db,
    enrolments.map((e) => e.id),
    learnerIds,
  );
  const credentials = await learnerCredentials(db, userId);
  const shares = await db
    .selectFrom('credential_shares')
    .select(['credential_id', 'shared_at'])
    .where('user_id', '=', userId)
    .orderBy('shared_at')
    .execute();
  const collections = await collectionsOf(db, userId);
  const importedCredentials = await importsOf(db, userId);
  const audit = await auditEntriesAbout(db, {
    userId,
    enrolmentIds: enrolments.map((e) => e.id),
    evaluationIds: evaluations.map((e) => e.id),
    credentialRefs: credentials.flatMap((c) => [c.credentialId, c.id]),
    learnerIds,
    collectionIds: collections.map((c) => c.id),
    importIds: importedCredentials.map((i) => i.id),
  });
  return {
    format: 'stapel-data-export',
    version: 1,
    exportedAt: nowIso(),
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerifiedAt: user.email_verified_at,
      pendingEmail: user.pending_email,
      createdAt: user.created_at,
    },
    memberships: await membershipsOf(db, userId),
    enrolments,
    evaluations,
    credentials,
    shares: shares.map((s) => ({ credentialId: s.credential_id, sharedAt: s.shared_at })),
    collections,
    importedCredentials,
    audit: audit.map((entry) => exportedEntry(entry, userId)),
  };
}
