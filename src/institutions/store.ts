import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { NotFoundError, UnauthorizedError, ValidationError } from '../core/errors.ts';
import type { InstitutionRow } from '../core/schema.ts';
import type { Actor } from '../core/actor.ts';
import { audit } from '../core/audit.ts';

export interface Institution {
  id: string;
  slug: string;
  name: { nl: string; en: string };
  url: string;
  email: string | null;
  address: {
    street: string | null;
    postalCode: string | null;
    locality: string | null;
    region: string;
    country: string;
  };
}

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

/**
 * Creates an API token for an institution's staff. The token is returned once; only its hash is kept.
 *
 * @example
 * const { token } = await createApiToken(tx, institution.id, 'registrar script');
 * // send as: Authorization: Bearer stp_…
 */
export async function createApiToken(
  tx: Tx,
  institutionId: string,
  label: string,
  actor: Actor = { kind: 'cli', label: 'stapel token create' },
): Promise<{ id: string; token: string }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const id = randomUUID();
  await tx
    .insertInto('api_tokens')
    .values({
      id,
      institution_id: institutionId,
      label,
      token_hash: hashToken(token),
      created_at: nowIso(),
      last_used_at: null,
    })
    .execute();
  // A token holds every role of the institution: its creation is worth a line in the audit log.
  await audit(tx, actor, {
    action: 'api-token.create',
    objectType: 'api-token',
    objectId: id,
    institutionId,
    after: { label },
  });
  return { id, token };
}

/** The institution a bearer token belongs to; throws UnauthorizedError for a missing or unknown token. */
export async function authenticateToken(
  db: Db,
  token: string | undefined,
): Promise<{ institution: Institution; tokenId: string; label: string }> {
  if (!token || !token.startsWith(TOKEN_PREFIX))
    throw new UnauthorizedError('Send an API token: Authorization: Bearer stp_…');
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('institutions', 'institutions.id', 'api_tokens.institution_id')
    .selectAll('institutions')
    .select(['api_tokens.id as token_id', 'api_tokens.label as token_label'])
    .where('api_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (!row) throw new UnauthorizedError('This API token is not known.');
  await db.updateTable('api_tokens').set({ last_used_at: nowIso() }).where('id', '=', row.token_id).execute();
  return { institution: toInstitution(row), tokenId: row.token_id, label: row.token_label };
}
