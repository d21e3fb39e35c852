import { randomUUID } from 'node:crypto';
import type { Command } from '../core/command.ts';
import type { Db, Tx } from '../core/database.ts';
import { ConflictError, NotFoundError, StapelError } from '../core/errors.ts';
import type { ImportedCredentialRow } from '../core/schema.ts';
import { learnerCredentials } from '../issuing/manage-credentials.ts';
import { summariseCredential } from '../verification/summary.ts';
import type { VerificationResult } from '../verification/verify.ts';
import type { JsonObject } from '../verification/values.ts';
import { identityMatch } from './identity-match.ts';
import type {
  ImportSource,
  ImportStatus,
  ImportedCredentialDetail,
  ImportedCredentialView,
} from './wallet-schemas.ts';

/** How long a stored check is shown as it is before the credential is verified again. */
export const RECHECK_AFTER_MS = 60_000;

/**
 * A credential that does not verify is not added: the refusal carries the result, so that the answer can
 * name every failing check.
 */
export class ImportNotVerifiedError extends StapelError {
  readonly result: VerificationResult;
  constructor(result: VerificationResult) {
    super('credential-not-verified', 'The credential could not be verified; it was not added.', {
      key: 'import-not-verified',
    });
    this.result = result;
  }
}

/** What the learner brought in, once read into a credential and verified. */
export interface ImportInput {
  source: ImportSource;
  sourceUrl?: string | undefined;
  credential: JsonObject;
  /** The credential as text, as it will be kept. */
  document: string;
  verification: VerificationResult;
}

/** The checks that made a credential fail, for a refusal that names them. */
export function failingChecks(result: VerificationResult): VerificationResult['checks'] {
  return result.checks.filter((check) => !check.ok && !check.skipped && check.level === 'error');
}

/**
 * The live state of an imported credential by its last check: revoked, suspended and expired are said as
 * such, any other failure is `not-verified`.
 *
 * @example
 * importStatus(result); // 'revoked'
 */
export function importStatus(result: VerificationResult): ImportStatus {
  const code = (name: string) => result.checks.find((check) => check.name === name)?.code;
  if (code('status') === 'status-revoked') return 'revoked';
  if (code('status') === 'status-suspended') return 'suspended';
  if (code('validity') === 'validity-expired') return 'expired';
  return result.verified ? 'valid' : 'not-verified';
}

function view(row: ImportedCredentialRow): ImportedCredentialView {
  const verification = JSON.parse(row.verification) as VerificationResult;
  return {
    id: row.id,
    source: row.source,
    sourceUrl: row.source_url,
    credentialId: row.credential_id,
    name: row.name,
    issuer: { id: row.issuer_id, name: row.issuer_name },
    validFrom: row.valid_from,
    identity: row.identity,
    status: importStatus(verification),
    verification,
    checkedAt: row.checked_at,
    importedAt: row.imported_at,
  };
}

/** The name a person knows the credential by: its achievement's name, else the credential's. */
function titleOf(credential: JsonObject): string | null {
  const summary = summariseCredential(credential);
  return summary.achievement?.name ?? summary.name ?? null;
}

/**
 * Adds a verified credential from elsewhere to the learner's wallet, with how it came in and whether it
 * names the learner's e-mail address. Refuses a credential this platform issued to the learner (it is in
 * the wallet already) and one the learner added before.
 *
 * @example
 * const added = await importCredential(cmd, user.userId, { source: 'file', credential, document, verification });
 */
export async function importCredential(
  cmd: Command,
  userId: string,
  input: ImportInput,
): Promise<ImportedCredentialView> {
  const { tx } = cmd;
  if (!input.verification.verified) throw new ImportNotVerifiedError(input.verification);
  const user = await tx
    .selectFrom('users')
    .select('email')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const credentialId = typeof input.credential.id === 'string' ? input.credential.id : null;
  if (credentialId && (await learnerCredentials(tx, userId)).some((own) => own.id === credentialId))
    throw new ConflictError('already-exists', 'This credential was issued to you on this platform.', {
      key: 'import-already-yours',
    });
  // Without an id of its own, the same document is the same credential.
  const earlier = await tx
    .selectFrom('imported_credentials')
    .select('imported_at')
    .where('user_id', '=', userId)
    .where(credentialId ? 'credential_id' : 'document', '=', credentialId ?? input.document)
    .executeTakeFirst();
  if (earlier)
    throw new ConflictError('already-exists', 'You already added this credential.', {
      key: 'import-duplicate',
      params: { date: earlier.imported_at.slice(0, 10) },
    });
  const now = new Date().toISOString();
  const summary = summariseCredential(input.credential);
  const row: ImportedCredentialRow = {
    id: randomUUID(),
    user_id: userId,
    source: input.source,
    source_url: input.sourceUrl ?? null,
    document: input.document,
    credential_id: credentialId,
    name: titleOf(input.credential),
    issuer_id: summary.issuer?.id ?? null,
    issuer_name: input.verification.issuer.name ?? summary.issuer?.name ?? null,
    valid_from: summary.validFrom ?? null,
    identity: identityMatch(input.credential, user.email),
    verification: JSON.stringify(input.verification),
    verified: input.verification.verified ? 1 : 0,
    checked_at: now,
    imported_at: now,
  };
  await tx.insertInto('imported_credentials').values(row).execute();
  const added = view(row);
  await cmd.audit({
    action: 'credential.import',
    objectType: 'imported-credential',
    objectId: row.id,
    after: {
      source: row.source,
      sourceUrl: row.source_url,
      credentialId,
      issuer: row.issuer_id,
      identity: row.identity,
    },
  });
  return added;
}

async function rowOf(db: Db | Tx, userId: string, id: string): Promise<ImportedCredentialRow> {
  const row = await db
    .selectFrom('imported_credentials')
    .selectAll()
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row)
    throw new NotFoundError(`There is no imported credential ${id}.`, {
      key: 'import-unknown',
      params: { id },
    });
  return row;
}

/**
 * Takes an imported credential out of the wallet (and out of the learner's collections).
 *
 * @example
 * await removeImport(cmd, user.userId, id);
 */
export async function removeImport(cmd: Command, userId: string, id: string): Promise<void> {
  const row = await rowOf(cmd.tx, userId, id);
  await cmd.tx
    .deleteFrom('collection_items')
    .where('item_kind', '=', 'imported')
    .where('item_id', '=', id)
    .execute();
  await cmd.tx.deleteFrom('imported_credentials').where('id', '=', id).execute();
  await cmd.audit({
    action: 'credential.import-remove',
    objectType: 'imported-credential',
    objectId: id,
    before: { source: row.source, credentialId: row.credential_id, issuer: row.issuer_id },
  });
}

/**
 * The learner's imported credentials, newest first, as last checked.
 *
 * @example
 * const imports = await listImports(db, user.userId);
 */
export async function listImports(db: Db | Tx, userId: string): Promise<ImportedCredentialView[]> {
  const rows = await db
    .selectFrom('imported_credentials')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('imported_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(view);
}

/**
 * One imported credential with its document, as last checked.
 *
 * @example
 * const detail = await getImport(db, user.userId, id);
 */
export async function getImport(db: Db | Tx, userId: string, id: string): Promise<ImportedCredentialDetail> {
  const row = await rowOf(db, userId, id);
  return { ...view(row), document: JSON.parse(row.document) as Record<string, unknown> };
}

/** A stored check that is due again, and the credential it checks. */
export interface DueCheck {
  id: string;
  checkedAt: string;
  credential: unknown;
}

/**
 * The learner's imports whose last check is older than `maxAgeMs` (one, or all when `id` is absent).
 *
 * @example
 * const due = await checksDue(db, user.userId, { now: new Date() });
 */
export async function checksDue(
  db: Db | Tx,
  userId: string,
  options: { now: Date; id?: string; maxAgeMs?: number },
): Promise<DueCheck[]> {
  const before = new Date(options.now.getTime() - (options.maxAgeMs ?? RECHECK_AFTER_MS)).toISOString();
  let query = db
    .selectFrom('imported_credentials')
    .select(['id', 'checked_at', 'document'])
    .where('user_id', '=', userId)
    .where('checked_at', '<', before);
  if (options.id !== undefined) query = query.where('id', '=', options.id);
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, checkedAt: row.checked_at, credential: JSON.parse(row.document) }));
}

/**
 * Keeps the result of checking imported credentials again. Not the holder's change, and no one else's:
 * the credential stays as it was received, only what the issuer's status list and the clock now say of
 * it is refreshed, as a cache of the verifier's answer. So no audit record; a check that another request
 * already refreshed is left as that one wrote it.
 *
 * @example
 * await recordChecks(cmd, user.userId, [{ id, checkedAt: due.checkedAt, result }]);
 */
export async function recordChecks(
  cmd: Command,
  userId: string,
  checks: ReadonlyArray<{ id: string; checkedAt: string; result: VerificationResult }>,
): Promise<void> {
  const now = new Date().toISOString();
  for (const check of checks)
    await cmd.tx
      .updateTable('imported_credentials')
      .set({
        verification: JSON.stringify(check.result),
        verified: check.result.verified ? 1 : 0,
        checked_at: now,
      })
      .where('user_id', '=', userId)
      .where('id', '=', check.id)
      .where('checked_at', '=', check.checkedAt)
      .execute();
}
