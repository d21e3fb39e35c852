import type { Actor, Role } from './actor.ts';
import { audit, type AuditEntry } from './audit.ts';
import type { AfterCommit, DatabaseHandle, Db, TransactionOptions, Tx } from './database.ts';
import { queueMail, type MailMessage, type MailSettings } from './mail.ts';

/** Queues mail in the command's transaction; it leaves (SMTP) only after commit, never on rollback. */
export interface CommandMail {
  send(message: MailMessage): Promise<string>;
}

/**
 * One change, as every write function receives it: `fn(cmd, institution, input)`.
 * - `tx`: the transaction the change and its audit record share;
 * - `afterCommit`: side effects (webhooks, signals) to run once committed;
 * - `actor` and `role`: who acts, in which role (recorded with every audit record);
 * - `mail`: the outbox of this change.
 */
export interface Command {
  readonly tx: Tx;
  readonly afterCommit: AfterCommit;
  readonly actor: Actor;
  readonly role: Role | null;
  readonly mail: CommandMail;
  /** The audit record of this change, in its transaction, carrying the actor and the role. */
  audit(entry: Omit<AuditEntry, 'role'>): Promise<void>;
}

/** Who acts and where mail goes: what `runCommand` needs besides the work itself. */
export interface CommandOptions {
  database: DatabaseHandle;
  mail: MailSettings;
  actor: Actor;
  role?: Role | null | undefined;
  transaction?: TransactionOptions | undefined;
}

/** Builds the command of one attempt of a transaction (a retry gets a fresh one). */
export function commandIn(
  tx: Tx,
  afterCommit: AfterCommit,
  db: Db,
  options: Pick<CommandOptions, 'mail' | 'actor' | 'role'>,
): Command {
  const role = options.role ?? null;
  return {
    tx,
    afterCommit,
    actor: options.actor,
    role,
    mail: { send: (message) => queueMail(tx, afterCommit, db, options.mail, message) },
    audit: (entry) => audit(tx, options.actor, { ...entry, role }),
  };
}

/**
 * Runs one change in one transaction (retried on conflicts) with its command; side effects run after commit.
 * Routes call it through `runRequestCommand` (core/route-command.ts), the CLI directly.
 *
 * @example
 * const view = await runCommand({ database, mail, actor, role: 'registrar' }, (cmd) =>
 *   createEdition(cmd, institution, input));
 */
export function runCommand<T>(options: CommandOptions, fn: (cmd: Command) => Promise<T>): Promise<T> {
  const { database } = options;
  return database.transaction(
    (tx, afterCommit) => fn(commandIn(tx, afterCommit, database.db, options)),
    options.transaction,
  );
}

/**
 * The same change, another actor: for the rare write in which a second party acts within one transaction
 * (a catalogue import records its submission and, as the institution's own procedure, its approval).
 *
 * @example
 * await recordDecision(actingAs(cmd, { kind: 'system', label: 'catalogue import' }, null), …);
 */
export function actingAs(cmd: Command, actor: Actor, role: Role | null): Command {
  return { ...cmd, actor, role, audit: (entry) => audit(cmd.tx, actor, { ...entry, role }) };
}
