import type { Config } from './core/config.ts';
import type { DatabaseHandle } from './core/database.ts';
import type { AppContext } from './core/app-context.ts';
import { resolveMasterKey } from './credentials/keys.ts';

export interface CreateAppContextOptions {
  config: Config;
  database: DatabaseHandle;
  /** Defaults to the key from the configuration (or the development key file). */
  masterKey?: Buffer | undefined;
}

/**
 * The one way to assemble what the domains need from a running installation: the server and the CLI alike.
 *
 * @example
 * const context = createAppContext({ config, database });
 */
export function createAppContext(options: CreateAppContextOptions): AppContext {
  const { config, database } = options;
  return {
    database,
    settings: config.settings,
    masterKey: options.masterKey ?? resolveMasterKey(config),
    mail: { smtpUrl: config.secrets.smtpUrl, from: config.settings.mailFrom },
  };
}
