import { loadConfig, type Config } from '../core/config.ts';
import { openDatabase, type DatabaseHandle } from '../core/database.ts';
import { pinPublicUrl } from '../core/installation.ts';
import { sqlitePathFor } from '../core/paths.ts';
import { createAppContext } from '../create-app-context.ts';
import type { AppContext } from '../core/app-context.ts';

export interface Runtime {
  config: Config;
  database: DatabaseHandle;
}

export interface OpenRuntimeOptions {
  /** Bring the schema up to date on open (default true); `stapel migrate` does it itself. */
  migrate?: boolean;
  /**
   * Settle the public URL against the one stored in the database (default: when migrating). Only
   * `stapel config set-public-url`, which changes it, and `stapel migrate`, which pins after migrating,
   * open without.
   */
  pinPublicUrl?: boolean;
}

/**
 * Reads the configuration once and opens the database the same way the server does; the configuration
 * returned carries the installation's public URL (refused with a ConfigError when STAPEL_PUBLIC_URL names
 * another one).
 *
 * @example
 * const { config, database } = await openRuntime();
 */
export async function openRuntime(
  options: OpenRuntimeOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<Runtime> {
  const config = loadConfig(env);
  const database = await openDatabase({
    databaseUrl: config.settings.databaseUrl,
    sqlitePath: sqlitePathFor(config.settings),
    migrate: options.migrate ?? true,
  });
  if (!(options.pinPublicUrl ?? options.migrate ?? true)) return { config, database };
  try {
    return { config: await pinPublicUrl(database, config), database };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Everything issuing needs, from an open runtime, the same as the server's AppContext. */
export function issuingContextOf(runtime: Runtime): AppContext {
  return createAppContext(runtime);
}
