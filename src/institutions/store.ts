import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import {
  ConflictError,
  NotFoundError,
  StapelError,
  UnauthorizedError,
  ValidationError,
} from '../core/errors.ts';
import type { ApiTokenRow, InstitutionRow } from '../core/schema.ts';
import { actorId, actorLabel, type Actor, type Role } from '../core/actor.ts';
import { audit } from '../core/audit.ts';
import type { Lang } from '../core/i18n.ts';
import {
  checkTokenRequest,
  storedRoles,
  tokenState,
  type TokenRequest,
  type TokenState,
} from './token-rules.ts';
import { describeTokenProblem, formatInstant, tokenMessage } from './messages.ts';

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

export async function createInstitution(tx: Tx, input: NewInstitution): Promise<Institution> {
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(input.slug)) {
    throw new ValidationError([
      { field: 'slug', rule: 'slug-format', message: 'Use 2 to 63 lower-case letters, digits or hyphens.' },
    ]);
  }
  if (!/^[A-Z]{2}$/.test(input.address.country)) {
    throw new ValidationError([
      {
        field: 'address.country',
        rule: 'country-code',
        message: 'Use an ISO 3166-1 alpha-2 code such as BE.',
      },
    ]);
  }
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
  if (!institution) throw new NotFoundError(`There is no institution "${slug}".`);
  return institution;
}

export async function getInstitutionById(db: Db | Tx, id: string): Promise<Institution> {
  const row = await db.selectFrom('institutions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError('There is no such institution.');
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

/** An API token as administrators and operators see it: everything but the secret. */
export interface ApiTokenView {
  id: string;
  institution: string;
  name: string;
  roles: Role[];
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  state: TokenState;
}

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

export interface CreateApiTokenOptions {
  /** The language a refusal is explained in. */
  lang?: Lang;
  /** The role the actor acts in, for the audit log. */
  role?: Role | undefined;
  now?: Date;
}

/**
 * Creates an API token for an institution's staff. The secret is returned once; only its hash is kept.
 * A plain string is the name of a token with every role and no expiry, as tokens were before they had
 * role sets. The request is checked by the rules (name, expiry in the future, known roles) and the
 * creation is audited in the same transaction.
 *
 * @example
 * const { token } = await createApiToken(tx, institution.id, { name: 'registry sync', expires: '90d', roles: ['registrar'] }, actor);
 * // send as: Authorization: Bearer stp_…
 */
export async function createApiToken(
  tx: Tx,
  institutionId: string,
  request: string | TokenRequest,
  actor: Actor = { kind: 'cli', label: 'stapel token create' },
  options: CreateApiTokenOptions = {},
): Promise<{ id: string; token: string; view: ApiTokenView }> {
  const lang = options.lang ?? 'en';
  const now = options.now ?? new Date();
  const checked = checkTokenRequest(typeof request === 'string' ? { name: request } : request, now);
  if (!checked.ok) {
    throw new ValidationError(
      checked.problems.map((p) => ({ field: p.field, rule: p.rule, message: describeTokenProblem(p, lang) })),
      tokenMessage('token-invalid', lang),
    );
  }
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
  await audit(tx, actor, {
    action: 'api-token.create',
    objectType: 'api-token',
    objectId: row.id,
    institutionId,
    role: options.role,
    after: { label: spec.name, roles: spec.roles, expiresAt: spec.expiresAt },
  });
  return { id: row.id, token, view: toView(row, institution.slug, now) };
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

export interface RevokeApiTokenOptions {
  /** Only a token of this institution may be revoked (administrators); absent for operators. */
  institutionId?: string;
  lang?: Lang;
  /** The role the actor acts in, for the audit log. */
  role?: Role | undefined;
  now?: Date;
}

/**
 * Revokes an API token for good: from this moment every request with it is refused (401), and the
 * revocation is audited. Revoking a revoked token is refused (409), so nobody believes they just did it.
 *
 * @example
 * await revokeApiToken(tx, actor, tokenId, { institutionId: institution.id, lang: 'nl' });
 */
export async function revokeApiToken(
  tx: Tx,
  actor: Actor,
  tokenId: string,
  options: RevokeApiTokenOptions = {},
): Promise<ApiTokenView> {
  const lang = options.lang ?? 'en';
  const now = options.now ?? new Date();
  let query = tx
    .selectFrom('api_tokens')
    .innerJoin('institutions', 'institutions.id', 'api_tokens.institution_id')
    .selectAll('api_tokens')
    .select('institutions.slug as slug')
    .where('api_tokens.id', '=', tokenId);
  if (options.institutionId) query = query.where('api_tokens.institution_id', '=', options.institutionId);
  const found = await query.executeTakeFirst();
  if (!found) throw new NotFoundError(tokenMessage('token-not-found', lang, { id: tokenId }));
  const { slug, ...row } = found;
  if (row.revoked_at !== null) {
    throw new ConflictError(
      'invalid-state',
      tokenMessage('token-already-revoked', lang, { at: formatInstant(row.revoked_at, lang) }),
    );
  }
  const revoked: ApiTokenRow = { ...row, revoked_at: now.toISOString(), revoked_by: actorLabel(actor) };
  // Guarded by revoked_at is null, so two revocations at once leave one record and one winner.
  const updated = await tx
    .updateTable('api_tokens')
    .set({ revoked_at: revoked.revoked_at, revoked_by: revoked.revoked_by })
    .where('id', '=', row.id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new ConflictError(
      'invalid-state',
      tokenMessage('token-already-revoked', lang, { at: formatInstant(revoked.revoked_at!, lang) }),
    );
  }
  await audit(tx, actor, {
    action: 'api-token.revoke',
    objectType: 'api-token',
    objectId: row.id,
    institutionId: row.institution_id,
    role: options.role,
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
 * `token-revoked`), in `lang`.
 *
 * @example
 * const { institution, roles } = await authenticateToken(db, 'stp_…');
 */
export async function authenticateToken(
  db: Db,
  token: string | undefined,
  lang: Lang = 'en',
): Promise<AuthenticatedToken> {
  const checked = await checkApiToken(db, token);
  if (checked.ok) return checked;
  const message = refusedTokenMessage(checked, lang);
  if (checked.reason === 'expired') throw new StapelError('token-expired', message);
  if (checked.reason === 'revoked') throw new StapelError('token-revoked', message);
  throw new UnauthorizedError(message);
}

/** The message for a refused bearer token, in the language of the request. */
export function refusedTokenMessage(refused: RefusedToken, lang: Lang): string {
  switch (refused.reason) {
    case 'missing':
      return tokenMessage('token-missing', lang);
    case 'unknown':
      return tokenMessage('token-unknown', lang);
    case 'expired':
      return tokenMessage('token-expired', lang, { at: formatInstant(refused.at ?? '', lang) });
    case 'revoked':
      return tokenMessage('token-revoked', lang, { at: formatInstant(refused.at ?? '', lang) });
  }
}
