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
 * Free-text columns that may name the person, by address, by actor label ("Name <address>") or by name
 * alone: their staff traces (invitations, tokens, reviews, decisions), mail about them to others, and the
 * reason an institution gave for a credential's status. Rewritten wherever one of their addresses or names
 * appears; the rest of each row stays as it is.
 */
const TEXT_COLUMNS: ReadonlyArray<{ table: string; key: string; columns: readonly string[] }> = [
  { table: 'invitations', key: 'id', columns: ['email', 'invited_by'] },
  { table: 'api_tokens', key: 'id', columns: ['label', 'created_by', 'revoked_by'] },
  { table: 'evaluations', key: 'id', columns: ['assessor_id'] },
  { table: 'enrolments', key: 'id', columns: ['decided_by', 'decision_reason'] },
  { table: 'qa_reviews', key: 'id', columns: ['submitted_by', 'decided_by', 'rationale', 'checklist'] },
  { table: 'outbox', key: 'id', columns: ['subject', 'body', 'error'] },
  // A column of the credential row, not the signed document: the document and the status lists stay.
  { table: 'credentials', key: 'id', columns: ['status_reason'] },
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
 * Every address and name the account has had: the current ones, one waiting for its link, the earlier ones
 * its own audit records name (sign-up, an address change, a rename), and the names its learner records
 * were given at an award.
 */
async function identityOf(
  tx: Tx,
  user: { id: string; email: string; name: string; pending_email: string | null },
  learnerIds: readonly string[],
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
  if (learnerIds.length > 0) {
    const learners = await tx.selectFrom('learners').select('name').where('id', 'in', learnerIds).execute();
    for (const { name } of learners) if (name) names.add(name);
  }
  return { emails: [...emails], names: [...names].map((n) => n.trim()).filter((n) => n.length > 0) };
}

/**
 * The LIKE patterns that find a mention of someone: each address and name, lower-cased against a
 * lower-cased column, and as written too (SQLite lower-cases ASCII letters only, so "Élise" would be
 * missed). They only pick candidate rows; `scrubText` decides what is a mention.
 */
function mentionPatterns(identity: Identity): Array<{ lower: boolean; pattern: string }> {
  const texts = [...identity.emails, ...identity.names];
  return texts.flatMap((text) => [
    { lower: true, pattern: `%${text.toLowerCase()}%` },
    { lower: false, pattern: `%${text}%` },
  ]);
}

/** Rows of `table` whose columns mention one of the addresses or names, rewritten with the pseudonym. */
async function scrubColumns(
  tx: Tx,
  spec: (typeof TEXT_COLUMNS)[number],
  identity: Identity,
  erased: Identity,
): Promise<void> {
  const mentions = spec.columns.flatMap((column) =>
    mentionPatterns(identity).map(({ lower, pattern }) =>
      lower
        ? sql<boolean>`lower(${sql.ref(column)}) like ${pattern}`
        : sql<boolean>`${sql.ref(column)} like ${pattern}`,
    ),
  );
  const rows = await sql<Record<string, string | null>>`
    select ${sql.ref(spec.key)} as row_key, ${sql.join(spec.columns.map((c) => sql.ref(c)))}
    from ${sql.table(spec.table)} where ${sql.join(mentions, sql` or `)}`.execute(tx);
  for (const row of rows.rows) {
    // Only the columns that change are written: a name inside a longer word is no mention.
    const changes = spec.columns.flatMap((c) => {
      const value = row[c];
      if (value == null) return [];
      const scrubbed = scrubText(value, identity, erased);
      return scrubbed === value ? [] : [sql`${sql.ref(c)} = ${scrubbed}`];
    });
    if (changes.length === 0) continue;
    await sql`update ${sql.table(spec.table)} set ${sql.join(changes)} where ${sql.ref(spec.key)} = ${row.row_key}`.execute(
      tx,
    );
  }
}

/**
 * Erases the signed-in person's account (whose password the route checked), in one transaction:
 * - sessions and links end; what the wallet keeps (shares, collections, imported credentials) is deleted;
 * - the account keeps its id, under a pseudonym instead of name and address, with no password;
 * - the learner record of its (confirmed) address and the personal fields of its enrolments are cleared,
 *   mail to it is deleted, and every other text that names it, by address or by name alone (mail about it,
 *   reasons, reviews, the reason of a credential's status, audit entries), gets the pseudonym instead;
 * - the erasure is audited under the pseudonym.
 * Issued credentials stay as they are (but for the text of a status reason): the signed documents, the
 * rest of the `credentials` rows and the status lists are the institution's
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
  // What is theirs is found before anything changes: the credentials are found by the account's address.
  const own = await ownObjectsOf(tx, userId);
  const identity = await identityOf(tx, user, own.learnerIds);
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
  for (const spec of TEXT_COLUMNS) await scrubColumns(tx, spec, identity, erased);
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
 * their actor, and every copy of their name or address in an entry becomes the pseudonym. Entries they
 * made (as staff, too) and entries that mention them without being about them (someone invited them, a
 * reason given for someone else names them) are rewritten as well.
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
      eb.or([
        eb('actor_id', '=', userId),
        ...mentionPatterns(identity).flatMap(({ lower, pattern }) =>
          (['actor_label', 'before', 'after'] as const).map((column) =>
            lower ? eb(eb.fn('lower', [column]), 'like', pattern) : eb(column, 'like', pattern),
          ),
        ),
      ]),
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
