import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { publicUrlProblem, type Config } from './config.ts';
import { nowIso, type DatabaseHandle, type Tx } from './database.ts';
import { ConfigError } from './errors.ts';

/** The installation row always has this id (the table holds one row). */
const ROW_ID = 1;

/** A URL in the one spelling Stapel stores and compares: scheme, lower-case host and non-default port. */
function canonical(url: string): string {
  return new URL(url).origin;
}

/**
 * STAPEL_PUBLIC_URL names another address than the one this installation was set up with. Starting anyway
 * would sign credentials whose issuer DIDs do not resolve, and present the institutions under new DIDs.
 */
export class PublicUrlMismatchError extends ConfigError {
  constructor(
    readonly configured: string,
    readonly stored: string,
  ) {
    super(
      [
        'Invalid configuration:',
        `  - STAPEL_PUBLIC_URL is "${configured}", but this installation's public URL is "${stored}" (stored in`,
        '    the database at its first start). The did:web identifiers of its institutions, and so the issuer of',
        '    every credential it signs, are derived from that URL.',
        `    To keep the installation as it is, unset STAPEL_PUBLIC_URL or set it to "${stored}".`,
        `    To move it on purpose, run: stapel config set-public-url ${configured}`,
      ].join('\n'),
    );
  }
}

async function storedPublicUrl(tx: Tx): Promise<string | undefined> {
  const row = await tx
    .selectFrom('installation')
    .select('public_url')
    .where('id', '=', ROW_ID)
    .executeTakeFirst();
  return row?.public_url;
}

/**
 * Settles the public URL once the database is open: the first start stores the configured one; later starts
 * use the stored one, and refuse (PublicUrlMismatchError, a ConfigError) when STAPEL_PUBLIC_URL is set to
 * another. Returns the configuration with the effective URL; every other setting is unchanged.
 *
 * @example
 * const config = await pinPublicUrl(database, loadConfig(process.env)); // throws when the URL was changed
 */
export async function pinPublicUrl(database: DatabaseHandle, config: Config): Promise<Config> {
  const { settings } = config;
  const configured = canonical(settings.publicUrl);
  const stored = await database.transaction(async (tx) => {
    const existing = await storedPublicUrl(tx);
    if (existing !== undefined) return existing;
    const at = nowIso();
    // Two processes starting at once: one row wins, the other reads it.
    const inserted = await tx
      .insertInto('installation')
      .values({ id: ROW_ID, public_url: configured, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('public_url')
      .executeTakeFirst();
    if (!inserted) return (await storedPublicUrl(tx))!;
    await audit(
      tx,
      { kind: 'system', label: 'first start' },
      {
        action: 'installation.record-public-url',
        objectType: 'installation',
        objectId: String(ROW_ID),
        after: { publicUrl: configured, explicit: settings.publicUrlExplicit },
      },
    );
    return configured;
  });
  if (settings.publicUrlExplicit && stored !== configured) {
    throw new PublicUrlMismatchError(settings.publicUrl, stored);
  }
  return { ...config, settings: { ...settings, publicUrl: stored } };
}

export interface PublicUrlChange {
  before: string | undefined;
  after: string;
}

/**
 * Moves the installation to another public URL on purpose (audited). Institutions get new did:web
 * identifiers; credentials signed before keep naming the old ones, which verify only while the old
 * address still serves their DID documents.
 *
 * @example
 * await changePublicUrl(database, 'https://badges.uni.example', { kind: 'cli', label: 'stapel config set-public-url' });
 */
export async function changePublicUrl(
  database: DatabaseHandle,
  url: string,
  actor: Actor,
): Promise<PublicUrlChange> {
  const text = url.trim().replace(/\/+$/, '');
  const problem = publicUrlProblem(text);
  if (problem) throw new ConfigError(`The public URL ${problem}`);
  const after = canonical(text);
  return database.transaction(async (tx) => {
    const before = await storedPublicUrl(tx);
    if (before === after) return { before, after };
    const at = nowIso();
    await tx
      .insertInto('installation')
      .values({ id: ROW_ID, public_url: after, created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('id').doUpdateSet({ public_url: after, updated_at: at }))
      .execute();
    await audit(tx, actor, {
      action: 'installation.change-public-url',
      objectType: 'installation',
      objectId: String(ROW_ID),
      before: before === undefined ? undefined : { publicUrl: before },
      after: { publicUrl: after },
    });
    return { before, after };
  });
}
