import type { Actor } from '../../src/core/actor.ts';
import { runCommand, type Command } from '../../src/core/command.ts';
import type { DatabaseHandle } from '../../src/core/database.ts';

/** Mail queued during set-up stays in the outbox: nothing is sent. */
export const SET_UP_MAIL = { smtpUrl: undefined, from: 'set-up@stapel.invalid' };

/**
 * Runs set-up writes the way the application does: one command, as `actor` (the test set-up by default).
 *
 * @example await setUp(t.database.handle, (cmd) => issueApiToken(cmd, institution, 'quality system'));
 */
export function setUp<T>(
  database: DatabaseHandle,
  fn: (cmd: Command) => Promise<T>,
  actor: Actor = { kind: 'system', label: 'test set-up' },
): Promise<T> {
  return runCommand({ database, mail: SET_UP_MAIL, actor }, fn);
}
