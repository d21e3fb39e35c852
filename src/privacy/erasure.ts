import { sql } from 'kysely';
import type { Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, NotFoundError, refuse } from '../core/errors.ts';
import { actingAs, type Command } from '../core/command.ts';
import type { Actor } from '../core/actor.ts';
import { forgetHolder } from '../wallet/forget-holder.ts';
import { auditEntriesAbout, ownObjectsOf } from './data-export.ts';
import { erasedIdentity, scrubText, scrubValue, type Identity } from './pseudonym.ts';

/**
 * Columns outside the person's own rows that may hold their address or their actor label ("Name <address>"),
 * for someone who once was staff or was invited: rewritten wherever the address appears.
 */
const LABEL_COLUMNS: ReadonlyArray<{ table: string; key: string; columns: readonly string[] }> = [
  { table: 'invitations', key: 'id', columns: ['email', 'invited_by'] },
  { table: 'api_tokens', key: 'id', columns: ['created_by', 'revoked_by'] },
  { table: 'evaluations', key: 'id', columns: ['assessor_id'] },
  { table: 'enrolments', key: 'id', columns: ['decided_by', 'decision_reason'] },
  { table: 'qa_reviews', key: 'id', columns: ['submitted_by', 'decided_by', 'rationale'] },
  { table: 'outbox', key: 'id', columns: ['subject', 'body'] },
];

export interface ErasureInput {
  /** The account's e-mail address, typed out: the person means it. */
  confirmation: string;
}

export interface Erasure {
  erasedAt: string;
  pseudonym: string;
}

/**
 * Every address and name the account has had: the current ones, one waiting for its link, and the earlier
 * ones its own audit records name (an address change, a rename).
 */
async function identityOf(
  tx: Tx,
  user: { id: string; email: string; name: string; pending_email: string | null },
): Promise<Identity> {
  const emails = new Set([user.email, ...(user.pending_email ? [user.pending_email] : [])]);
  const names = new Set([user.name]);
  const history = await tx
    .selectFrom('audit_log')
    .select(['action', 'before', 'after'])
    .where('object_type', '=', 'user')
    .where('object_id', '=', user.id)
    .execute();
  for (const entry of history) {
    for (const text of [entry.before, entry.after]) {
      const value = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      for (const key of ['email', 'pendingEmail'])
        if (typeof value[key] === 'string') emails.add(value[key].toLowerCase());
      if (typeof value.name === 'string') names.add(value.name);
    }
  }
  return { emails: [...emails], names: [...names].filter((n) => n.trim().length > 0) };
}

/** Rows of `table` whose columns mention one of the addresses, rewritten with the pseudonym. */
async function scrubColumns(
  tx: Tx,
  spec: (typeof LABEL_COLUMNS)[number],
  identity: Identity,
  erased: Identity,
): Promise<void> {
  const mentions = spec.columns.flatMap((column) =>
    identity.emails.map((email) => sql<boolean>`lower(${sql.ref(column)}) like ${`%${email}%`}`),
  );
  const rows = await sql<Record<string, string | null>>`
    select ${sql.ref(spec.key)} as row_key, ${sql.join(spec.columns.map((c) => sql.ref(c)))}
    from ${sql.table(spec.table)} where ${sql.join(mentions, sql` or `)}`.execute(tx);
  for (const row of rows.rows) {
    const changes = spec.columns.map((c) => {
      const value = row[c];
      return sql`${sql.ref(c)} = ${value == null ? null : scrubText(value, identity, erased)}`;
    });
    await sql`update ${sql.table(spec.table)} set ${sql.join(changes)} where ${sql.ref(spec.key)} = ${row.row_key}`.execute(
      tx,
    );
  }
}

/**
 * Erases the signed-in person's account (whose password the route checked), in one transaction:
 * - sessions and links end; what the wallet keeps (shares, collections, imported credentials) is deleted;
 * - the account keeps its id, under a pseudonym instead of name and address, with no password;
 * - the learner record of its (confirmed) address, the personal fields of its enrolments, mail to it and
 *   every audit entry about it lose the name and the address, which become the pseudonym;
 * - the erasure is audited under the pseudonym.
 * Issued credentials stay as they are: the `credentials` rows and the status lists are the institution's
 * record of what it issued, which the law on study records requires it to keep, and a credential the holder
 * downloaded goes on verifying for whoever has the file. Staff are refused while they hold a role.
 *
 * @example
 * await eraseAccount(cmd, user.userId, { confirmation: 'lien@example.be' });
 */
export async function eraseAccount(cmd: Command, userId: string, input: ErasureInput): Promise<Erasure> {
  const { tx } = cmd;
  const user = await tx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user || user.erased_at) throw new NotFoundError('There is no such account.', { key: 'not-signed-in' });
  if (input.confirmation.trim().toLowerCase() !== user.email)
    refuse([{ field: 'confirmation', rule: 'erase-confirmation-wrong' }], { key: 'erase-invalid' });
  const roles = await tx.selectFrom('memberships').select('id').where('user_id', '=', userId).execute();
  if (roles.length > 0)
    throw new ConflictError('invalid-state', 'Ask an administrator to remove your staff roles first.', {
      key: 'erase-staff',
    });

  const erasedAt = nowIso();
  const erased = erasedIdentity(userId);
  const identity = await identityOf(tx, user);
  // What is theirs is found before anything changes: the credentials are found by the account's address.
  const own = await ownObjectsOf(tx, userId);
  const entries = await auditEntriesAbout(tx, own);

  await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await tx.deleteFrom('user_tokens').where('user_id', '=', userId).execute();
  const forgotten = await forgetHolder(cmd, userId);
  await tx
    .updateTable('users')
    .set({
      name: erased.names[0]!,
      email: erased.emails[0]!,
      pending_email: null,
      password_hash: null,
      erased_at: erasedAt,
    })
    .where('id', '=', userId)
    .execute();
  // Only a confirmed address's learner record is theirs: an unconfirmed one may be someone else's.
  if (own.learnerIds.length > 0)
    await tx
      .updateTable('learners')
      .set({ name: null, email: erased.emails[0]! })
      .where('id', '=', own.learnerIds[0]!)
      .execute();
  for (const [index, id] of own.learnerIds.slice(1).entries())
    await tx
      .updateTable('learners')
      .set({ name: null, email: `erased-${userId}-${index + 1}@erased.invalid` })
      .where('id', '=', id)
      .execute();
  await tx
    .updateTable('enrolments')
    .set({ decision_reason: null, reduction_id: null, prerequisites_confirmed_at: null })
    .where('user_id', '=', userId)
    .execute();
  // Mail to the person is of no use to anyone once they are gone, and holds their address and name.
  await tx.deleteFrom('outbox').where('recipient', 'in', identity.emails).execute();
  for (const spec of LABEL_COLUMNS) await scrubColumns(tx, spec, identity, erased);
  await scrubAudit(tx, userId, entries, identity, erased);

  const pseudonymActor: Actor = {
    kind: 'user',
    userId,
    email: erased.emails[0]!,
    name: erased.names[0]!,
    memberships: [],
  };
  await actingAs(cmd, pseudonymActor, null).audit({
    action: 'account.erase',
    objectType: 'user',
    objectId: userId,
    after: { erasedAt, ...forgotten },
  });
  return { erasedAt, pseudonym: erased.emails[0]! };
}

/**
 * The audit log keeps what happened and drops who it was: the person's entries carry the pseudonym as
 * their actor, and every copy of their name or address in an entry becomes the pseudonym. Entries that
 * mention the address without being about the person (someone invited them) are rewritten too.
 */
async function scrubAudit(
  tx: Tx,
  userId: string,
  about: ReadonlyArray<{ id: string }>,
  identity: Identity,
  erased: Identity,
): Promise<void> {
  const mentioning = await tx
    .selectFrom('audit_log')
    .select('id')
    .where((eb) =>
      eb.or(
        identity.emails.flatMap((email) =>
          (['actor_label', 'before', 'after'] as const).map((column) =>
            eb(eb.fn('lower', [column]), 'like', `%${email}%`),
          ),
        ),
      ),
    )
    .execute();
  const ids = [...new Set([...about.map((e) => e.id), ...mentioning.map((e) => e.id)])];
  const label = `${erased.names[0]!} <${erased.emails[0]!}>`;
  for (const id of ids) {
    const row = await tx.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const rewrite = (text: string | null) =>
      text === null ? null : JSON.stringify(scrubValue(JSON.parse(text), identity, erased));
    await tx
      .updateTable('audit_log')
      .set({
        actor_label: row.actor_id === userId ? label : scrubText(row.actor_label, identity, erased),
        before: rewrite(row.before),
        after: rewrite(row.after),
      })
      .where('id', '=', id)
      .execute();
  }
}
