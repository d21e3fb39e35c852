import { loadConfig, type Config } from '../core/config.ts';
import { openDatabase, type DatabaseHandle } from '../core/database.ts';
import { sqlitePathFor } from '../core/paths.ts';
import { resolveMasterKey } from '../credentials/keys.ts';
import type { AppContext } from '../core/app-context.ts';

export interface Runtime {
  config: Config;
  database: DatabaseHandle;
}

/** Reads the configuration once and opens the database the same way the server does. */
export interface OpenRuntimeOptions {
  /** Bring the schema up to date on open (default true); `stapel migrate` does it itself. */
  migrate?: boolean;
}

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
  return { config, database };
}

/** Everything issuing needs, from an open runtime, the same as the server's AppContext. */
export function issuingContextOf(runtime: Runtime): AppContext {
  return {
    database: runtime.database,
    settings: runtime.config.settings,
    masterKey: resolveMasterKey(runtime.config),
    mail: { smtpUrl: runtime.config.secrets.smtpUrl, from: runtime.config.settings.mailFrom },
  };
}
