import path from 'node:path';
import type { Settings } from './config.ts';

/** Where the embedded SQLite database lives inside the data folder. */
export function sqlitePathFor(settings: Pick<Settings, 'dataDir'>): string {
  return path.join(settings.dataDir, 'stapel.db');
}
