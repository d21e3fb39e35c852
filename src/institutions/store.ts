import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import {
  ConflictError,
  NotFoundError,
  StapelError,
  UnauthorizedError,
  ValidationError,
  type MessageParams,
  type RuleProblem,
} from '../core/errors.ts';
import type { ApiTokenRow, InstitutionRow } from '../core/schema.ts';
import { actorId, actorLabel, type Actor, type Role } from '../core/actor.ts';
import type { AuditEntry } from '../core/audit.ts';
import type { Command } from '../core/command.ts';
import { checkTokenRequest, storedRoles, tokenState, type TokenRequest } from './token-rules.ts';
import { institutionMessage, type InstitutionMessageKey } from './messages.ts';
import type { ApiTokenResponse } from './schemas.ts';

import type { Institution } from '../core/institution.ts';
export type { Institution } from '../core/institution.ts';

export interface NewInstitution {
  slug: string;
  name: { nl: string; en: string };
  url: string;
  email?: string;
  address: { street?: string; postalCode?: string; locality?: string; region: string; country: string };
}

export function toInstitution(row: InstitutionRow): Institution {
  return {
    id: row.id,
    slug: row.slug,
    name: { nl: row.name_nl, en: row.name_en },
    url: row.url,
    email: row.email,
    address: {
      street: row.street,
      postalCode: row.postal_code,
      locality: row.locality,
      region: row.region,
      country: row.country,
    },
  };
}

/**
 * Refuses with problems named by rule id and a summary key of this domain's table; the English words go along
 * for the command line, the HTTP layer says them in the request's language.
 */
function refuseInstitution(
  problems: readonly RuleProblem[],
  key: InstitutionMessageKey,
  params: MessageParams = {},
): never {
  throw new ValidationError(
    problems.map((p) => ({
      ...p,
      message: institutionMessage(p.rule as InstitutionMessageKey, 'en', p.params),
    })),
    institutionMessage(key, 'en', params),
    { key, params },
  );
}

/** An error whose words are a key of this domain's table, its English kept as the fallback. */
function fail<E extends StapelError>(
  make: (english: string, options: { key: string; params: MessageParams }) => E,
  key: InstitutionMessageKey,
  params: MessageParams = {},
): E {
  return make(institutionMessage(key, 'en', params), { key, params });
}

export async function createInstitution(tx: Tx, input: NewInstitution): Promise<Institution> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.slug))
    refuseInstitution([{ field: 'slug', rule: 'slug-format' }], 'institution-invalid');
  if (!/^[A-Z]{2}$/.test(input.address.country))
    refuseInstitution([{ field: 'address.country', rule: 'country-code' }], 'institution-invalid');
  const row: InstitutionRow = {
    id: randomUUID(),
    slug: input.slug,
    name_nl: input.name.nl,
    name_en: input.name.en,
    url: input.url,
    email: input.email ?? null,
    street: input.address.street ?? null,
    postal_code: input.address.postalCode ?? null,
    locality: input.address.locality ?? null,
    region: input.address.region,
    country: input.address.country,
    created_at: nowIso(),
  };
  await tx.insertInto('institutions').values(row).execute();
  return toInstitution(row);
}

export async function findInstitution(db: Db | Tx, slug: string): Promise<Institution | undefined> {
  const row = await db.selectFrom('institutions').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toInstitution(row) : undefined;
}

export async function getInstitution(db: Db | Tx, slug: string): Promise<Institution> {
  const institution = await findInstitution(db, slug);
  if (!institution) throw fail((m, o) => new NotFoundError(m, o), 'institution-unknown', { slug });
  return institution;
}

export async function getInstitutionById(db: Db | Tx, id: string): Promise<Institution> {
  const row = await db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw fail((m, o) => new NotFoundError(m, o), 'institution-id-unknown');
  return toInstitution(row);
}

export async function listInstitutions(db: Db | Tx): Promise<Institution[]> {
  const rows = await db.selectFrom('institutions').selectAll().orderBy('name_nl').execute();
  return rows.map(toInstitution);
}

const TOKEN_PREFIX = 'stp_';

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** An API token as administrators and operators see it: everything but the secret (see `ApiTokenSchema`). */
export type ApiTokenView = ApiTokenResponse;

function toView(row: ApiTokenRow, slug: string, now: Date): ApiTokenView {
  return {
    id: row.id,
    institution: slug,
    name: row.label,
    roles: storedRoles(row.roles),
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    state: tokenState({ revokedAt: row.revoked_at, expiresAt: row.expires_at }, now),
  };
}

/** A token just made: its secret, shown this once, and the token as lists show it. */
export interface CreatedApiTokenResult {
  id: string;
  token: string;
  view: ApiTokenView;
}

/** Checks and writes a token; returns it with the audit record of its creation. */
async function insertApiToken(
  tx: Tx,
  actor: Actor,
  institutionId: string,
  request: string | TokenRequest,
  now: Date,
): Promise<CreatedApiTokenResult & { entry: Omit<AuditEntry, 'role'> }> {
  const checked = checkTokenRequest(typeof request === 'string' ? { name: request } : request, now);
  if (!checked.ok) refuseInstitution(checked.problems, 'api-token-invalid');
  const { spec } = checked;
  const institution = await getInstitutionById(tx, institutionId);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const row: ApiTokenRow = {
    id: randomUUID(),
    institution_id: institutionId,
    label: spec.name,
    token_hash: hashToken(token),
    created_at: now.toISOString(),
    last_used_at: null,
    roles: JSON.stringify(spec.roles),
    expires_at: spec.expiresAt,
    revoked_at: null,
    revoked_by: null,
    created_by_id: actorId(actor),
    created_by: actorLabel(actor),
  };
  await tx.insertInto('api_tokens').values(row).execute();
  // A token acts for the institution without a person behind each request: its creation is worth a line
  // in the audit log, with what it may do and for how long.
  const entry = {
    action: 'api-token.create',
    objectType: 'api-token',
    objectId: row.id,
    institutionId,
    after: { label: spec.name, roles: spec.roles, expiresAt: spec.expiresAt },
  };
  return { id: row.id, token, view: toView(row, institution.slug, now), entry };
}

/**
 * Creates an API token for an institution's staff. The secret is returned once; only its hash is kept.
 * A plain string is the name of a token with every role and no expiry, as tokens were before they had
 * role sets. The request is checked by the rules (name, expiry in the future, known roles) and the
 * creation is audited in the command's transaction, with the role the actor acts in.
 *
 * @example
 * const { token } = await issueApiToken(cmd, institution, { name: 'registry sync', expires: '90d', roles: ['registrar'] });
 * // send as: Authorization: Bearer stp_…
 */
export async function issueApiToken(
  cmd: Command,
  institution: Pick<Institution, 'id'>,
  request: string | TokenRequest,
  options: { now?: Date } = {},
): Promise<CreatedApiTokenResult> {
  const { entry, ...created } = await insertApiToken(
    cmd.tx,
    cmd.actor,
    institution.id,
    request,
    options.now ?? new Date(),
  );
  await cmd.audit(entry);
  return created;
}

/**
 * The API tokens of one institution (or of all, for operators), newest first, without their secrets.
 *
 * @example
 * const tokens = await listApiTokens(db, { institutionId: institution.id });
 */
export async function listApiTokens(
  db: Db | Tx,
  filter: { institutionId?: string; now?: Date } = {},
): Promise<ApiTokenView[]> {
  let query = db
    .selectFrom('api_tokens')
    .innerJoin('institutions', 'institutions.id', 'api_tokens.institution_id')
    .selectAll('api_tokens')
    .select('institutions.slug as slug');
  if (filter.institutionId) query = query.where('api_tokens.institution_id', '=', filter.institutionId);
  const rows = await query.orderBy('api_tokens.created_at', 'desc').orderBy('api_tokens.id').execute();
  const now = filter.now ?? new Date();
  return rows.map(({ slug, ...row }) => toView(row, slug, now));
}

const alreadyRevoked = (at: string) =>
  fail((m, o) => new ConflictError('invalid-state', m, o), 'token-already-revoked', { at });

/**
 * Revokes an API token for good: from this moment every request with it is refused (401), and the
 * revocation is audited. Revoking a revoked token is refused (409), so nobody believes they just did it.
 * An administrator revokes only a token of their institution; an operator (`institution` null) any.
 *
 * @example
 * await revokeApiToken(cmd, institution, { id: tokenId });
 */
export async function revokeApiToken(
  cmd: Command,
  institution: Pick<Institution, 'id'> | null,
  input: { id: string },
  options: { now?: Date } = {},
): Promise<ApiTokenView> {
  const { tx, actor } = cmd;
  const now = options.now ?? new Date();
  let query = tx
    .selectFrom('api_tokens')
    .innerJoin('institutions', 'institutions.id', 'api_tokens.institution_id')
    .selectAll('api_tokens')
    .select('institutions.slug as slug')
    .where('api_tokens.id', '=', input.id);
  if (institution) query = query.where('api_tokens.institution_id', '=', institution.id);
  const found = await query.executeTakeFirst();
  if (!found) throw fail((m, o) => new NotFoundError(m, o), 'token-not-found', { id: input.id });
  const { slug, ...row } = found;
  if (row.revoked_at !== null) throw alreadyRevoked(row.revoked_at);
  const revoked: ApiTokenRow = { ...row, revoked_at: now.toISOString(), revoked_by: actorLabel(actor) };
  // Guarded by revoked_at is null, so two revocations at once leave one record and one winner.
  const updated = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: revoked.revoked_at, revoked_by: revoked.revoked_by })
    .where('id', '=', row.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw alreadyRevoked(revoked.revoked_at!);
  await cmd.audit({
    action: 'api-token.revoke',
    objectType: 'api-token',
    objectId: row.id,
    institutionId: row.institution_id,
    before: { label: row.label, revokedAt: null },
    after: { label: row.label, revokedAt: revoked.revoked_at },
  });
  return toView(revoked, slug, now);
}

/** A bearer token that works: whose it is and what it may do. */
export interface AuthenticatedToken {
  ok: true;
  institution: Institution;
  tokenId: string;
  label: string;
  roles: Role[];
}

/** A bearer token that does not work, and why; `at` is when it expired or was revoked. */
export interface RefusedToken {
  ok: false;
  reason: 'missing' | 'unknown' | 'expired' | 'revoked';
  at?: string;
}

/**
 * Looks up a bearer token. A known, unexpired, unrevoked token answers with its institution and roles
 * (and its last use is recorded); anything else answers why not, so the caller decides between 401 and
 * carrying on anonymously.
 *
 * @example
 * const check = await checkApiToken(db, header.slice(7));
 * if (!check.ok && check.reason === 'expired') …
 */
export async function checkApiToken(
  db: Db,
  token: string | undefined,
  now: Date = new Date(),
): Promise<AuthenticatedToken | RefusedToken> {
  if (!token) return { ok: false, reason: 'missing' };
  if (!token.startsWith(TOKEN_PREFIX)) return { ok: false, reason: 'unknown' };
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('institutions', 'institutions.id', 'api_tokens.institution_id')
    .selectAll('institutions')
    .select([
      'api_tokens.id as token_id',
      'api_tokens.label as token_label',
      'api_tokens.roles as token_roles',
      'api_tokens.expires_at as token_expires_at',
      'api_tokens.revoked_at as token_revoked_at',
    ])
    .where('api_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'unknown' };
  const state = tokenState({ revokedAt: row.token_revoked_at, expiresAt: row.token_expires_at }, now);
  if (state === 'revoked') return { ok: false, reason: 'revoked', at: row.token_revoked_at! };
  if (state === 'expired') return { ok: false, reason: 'expired', at: row.token_expires_at! };
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: now.toISOString() })
    .where('id', '=', row.token_id)
    .execute();
  return {
    ok: true,
    institution: toInstitution(row),
    tokenId: row.token_id,
    label: row.token_label,
    roles: storedRoles(row.token_roles),
  };
}

/**
 * The token's institution and roles, or a 401 error saying why not (`unauthorized`, `token-expired`,
 * `token-revoked`), whose words the HTTP layer says in the request's language.
 *
 * @example
 * const { institution, roles } = await authenticateToken(db, 'stp_…');
 */
export async function authenticateToken(db: Db, token: string | undefined): Promise<AuthenticatedToken> {
  const checked = await checkApiToken(db, token);
  if (checked.ok) return checked;
  const { key, params } = refusedTokenMessage(checked);
  const english = institutionMessage(key, 'en', params);
  if (checked.reason === 'expired') throw new StapelError('token-expired', english, { key, params });
  if (checked.reason === 'revoked') throw new StapelError('token-revoked', english, { key, params });
  throw new UnauthorizedError(english, { key, params });
}

/** The message (key and parameters) for a refused bearer token. */
export function refusedTokenMessage(refused: RefusedToken): {
  key: InstitutionMessageKey;
  params: MessageParams;
} {
  switch (refused.reason) {
    case 'missing':
      return { key: 'token-missing', params: {} };
    case 'unknown':
      return { key: 'token-unknown', params: {} };
    case 'expired':
      return { key: 'token-expired', params: { at: refused.at ?? '' } };
    case 'revoked':
      return { key: 'token-revoked', params: { at: refused.at ?? '' } };
  }
}
