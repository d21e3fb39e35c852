import type { Settings } from '../core/config.ts';
import type { DatabaseHandle } from '../core/database.ts';

/** What issuing needs from the running installation. */
export interface IssuingContext {
  database: DatabaseHandle;
  settings: Settings;
  /** Decrypts the institutions' signing keys. */
  masterKey: Buffer;
}
