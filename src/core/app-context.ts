import type { Settings } from './config.ts';
import type { DatabaseHandle } from './database.ts';
import type { MailSettings } from './mail.ts';

/** What every domain's routes may need from the running installation. */
export interface AppContext {
  database: DatabaseHandle;
  settings: Settings;
  /** Decrypts the institutions' signing keys. */
  masterKey: Buffer;
  mail: MailSettings;
}
