import type { ExpressionBuilder } from 'kysely';
import type { Command } from '../core/command.ts';
import { localizedText } from '../catalogue/rows.ts';
import type { Db, Tx } from '../core/database.ts';
import type { CredentialRow, Database, EnrolmentRow, LearnerRow } from '../core/schema.ts';
import { NotFoundError, refuse } from '../core/errors.ts';
import type { ProofKind } from '../catalogue/rules.ts';
import type { Institution } from '../institutions/store.ts';
import type { IssuingContext } from './context.ts';
import { statusChangeMail } from './mail.ts';
import type { CredentialListItem, LearnerCredential, StatusChange } from './schemas.ts';
import {
  canSuspend,
  changeCredentialStatus,
  type CredentialStatusName,
  type StatusAction,
} from './status.ts';

export type { CredentialListItem, LearnerCredential } from './schemas.ts';

const STATUS_NAMES: Record<number, CredentialStatusName> = { 0: 'valid', 1: 'revoked', 2: 'suspended' };

/**
 * Issued credentials (`c`) with what they were issued for and to whom: learner (`l`), micro-credential version
 * (`v`, `m`), institution (`i`), course unit of a credit certificate (`cuv`, `cu`) and enrolment (`n`). Each
 * reader selects what it shows.
 *
 * @example
 * const row = await credentialsWithFacts(db).select(['c.id', 'v.title_nl']).where('c.id', '=', id).executeTakeFirst();
 */
export function credentialsWithFacts(db: Db | Tx) {
  return db
    .selectFrom('credentials as c')
    .innerJoin('learners as l', 'l.id', 'c.learner_id')
    .innerJoin('micro_credential_versions as v', 'v.id', 'c.micro_credential_version_id')
    .innerJoin('micro_credentials as m', 'm.id', 'v.micro_credential_id')
    .innerJoin('institutions as i', 'i.id', 'c.institution_id')
    .leftJoin('course_unit_versions as cuv', 'cuv.id', 'c.course_unit_version_id')
    .leftJoin('course_units as cu', 'cu.id', 'cuv.course_unit_id')
    .leftJoin('enrolments as n', 'n.id', 'c.enrolment_id');
}

/** The tables a holder condition reads: the credential, its learner and the enrolment it came from. */
type HeldScope = ExpressionBuilder<
  Database & { c: CredentialRow; l: LearnerRow; n: EnrolmentRow },
  'c' | 'l' | 'n'
>;

/**
 * Who holds an issued credential, as one condition on `credentialsWithFacts`: the account whose enrolment it
 * was issued from, or the account whose confirmed e-mail address it was awarded to. An account that does not
 * exist or was erased holds nothing (undefined).
 *
 * @example
 * const held = await heldByAccount(db, userId);
 * const mine = held ? await credentialsWithFacts(db).select('c.id').where(held).execute() : [];
 */
export async function heldByAccount(db: Db | Tx, userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['email', 'email_verified_at', 'erased_at'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user || user.erased_at) return undefined;
  return (eb: HeldScope) =>
    eb.or([
      eb('n.user_id', '=', userId),
      ...(user.email_verified_at ? [eb('l.email', '=', user.email.toLowerCase())] : []),
    ]);
}

function baseQuery(db: Db | Tx) {
  return credentialsWithFacts(db)
    .leftJoin('editions as e', 'e.id', 'n.edition_id')
    .innerJoin('status_lists as sl', 'sl.id', 'c.status_list_id')
    .select([
      'c.id',
      'c.credential_url',
      'c.kind',
      'c.status',
      'c.status_reason',
      'c.suspension_list_id',
      'sl.purpose as list_purpose',
      'c.status_changed_at',
      'c.issued_at',
      'c.enrolment_id',
      'c.document',
      'l.email',
      'l.name',
      'm.code as mc_code',
      'v.version',
      'v.title_nl',
      'v.title_en',
      'i.slug',
      'cu.code as course_unit',
      'cuv.title_nl as course_unit_title_nl',
      'cuv.title_en as course_unit_title_en',
      'e.code as edition_code',
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function item(row: BaseRow): CredentialListItem {
  const microCredential = localizedText(row.title_nl, row.title_en);
  return {
    id: row.credential_url,
    credentialId: row.id,
    kind: row.kind as ProofKind,
    titles:
      row.course_unit_title_nl !== null
        ? localizedText(row.course_unit_title_nl, row.course_unit_title_en)
        : microCredential,
    courseUnit: row.course_unit,
    microCredential: {
      code: row.mc_code,
      version: row.version,
      title: row.title_nl,
      titles: microCredential,
    },
    institution: row.slug,
    learner: { email: row.email, name: row.name },
    edition: row.edition_code,
    enrolmentId: row.enrolment_id,
    status: STATUS_NAMES[row.status] ?? 'valid',
    suspendable: canSuspend({ suspensionListId: row.suspension_list_id, listPurpose: row.list_purpose }),
    statusReason: row.status_reason,
    statusChangedAt: row.status_changed_at,
    issuedAt: row.issued_at,
  };
}

export interface CredentialListOptions {
  /** Only credentials issued from this edition (by its code). */
  edition?: string | undefined;
  limit?: number | undefined;
}

/**
 * The credentials an institution issued, newest first; optionally those of one edition.
 *
 * @example
 * const list = await listCredentials(db, institution, { edition: 'DATA-2025-1' });
 */
export async function listCredentials(
  db: Db | Tx,
  institution: Institution,
  options: CredentialListOptions = {},
): Promise<CredentialListItem[]> {
  let query = baseQuery(db).where('c.institution_id', '=', institution.id);
  if (options.edition) query = query.where('e.code', '=', options.edition);
  const rows = await query
    .orderBy('c.issued_at', 'desc')
    .orderBy('c.id')
    .limit(options.limit ?? 500)
    .execute();
  return rows.map(item);
}

/**
 * A learner's own credentials, with the signed document: those issued from their enrolments, and those
 * awarded to their e-mail address once they have confirmed that address.
 *
 * @example
 * const mine = await learnerCredentials(db, actor.userId);
 */
export async function learnerCredentials(db: Db | Tx, userId: string): Promise<LearnerCredential[]> {
  const held = await heldByAccount(db, userId);
  if (!held) return [];
  const rows = await baseQuery(db).where(held).orderBy('c.issued_at', 'desc').orderBy('c.id').execute();
  return rows.map((row) => ({ ...item(row), document: JSON.parse(row.document) as Record<string, unknown> }));
}

export interface StatusChangeInput {
  /** The credential's id or its URL. */
  credential: string;
  action: StatusAction;
  reason?: string | undefined;
  /** Revocation and suspension from the UI always say why; the command line asks it for revocation only. */
  reasonRequired: boolean;
}

/**
 * Revokes, suspends or reinstates one of the institution's credentials, writes the audit record and
 * e-mails the learner, all in the command's transaction (run it with STATUS_TRANSACTION).
 *
 * @example
 * await runRequestCommand(request, context, (cmd) => changeStatusAndNotify(cmd, context, institution, { credential: id, action: 'revoke', reason: 'issued in error', reasonRequired: true }), STATUS_TRANSACTION);
 */
export async function changeStatusAndNotify(
  cmd: Command,
  context: IssuingContext,
  institution: Institution,
  input: StatusChangeInput,
): Promise<StatusChange> {
  const { tx } = cmd;
  const ref = input.credential;
  const row = await baseQuery(tx)
    .where('c.institution_id', '=', institution.id)
    .where((eb) => eb.or([eb('c.id', '=', ref), eb('c.credential_url', '=', ref)]))
    .executeTakeFirst();
  if (!row)
    throw new NotFoundError(`There is no credential ${ref} at ${institution.slug}.`, {
      key: 'institution-credential-unknown',
      params: { id: ref, institution: institution.slug },
    });
  const why = input.reason?.trim() || undefined;
  if (input.reasonRequired && input.action !== 'unsuspend' && !why)
    refuse([{ field: 'reason', rule: 'status-reason-required', params: { action: input.action } }]);
  const before = item(row);
  const { previous, ...change } = await changeCredentialStatus(tx, context, row.id, input.action, why);
  await cmd.audit({
    action: `credential.${input.action}`,
    objectType: 'credential',
    objectId: row.id,
    institutionId: institution.id,
    before: previous,
    after: { status: change.status, reason: change.reason },
  });
  // Each language part names what was earned: the course unit for a credit certificate, in its own language.
  const code = before.courseUnit ? ` (${before.courseUnit})` : '';
  await cmd.mail.send({
    to: before.learner.email,
    institutionId: institution.id,
    ...statusChangeMail({
      institution,
      action: input.action,
      name: { nl: `${before.titles.nl}${code}`, en: `${before.titles.en || before.titles.nl}${code}` },
      credential: before.id,
      reason: change.reason,
    }),
  });
  return change;
}
