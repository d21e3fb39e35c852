import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { ConflictError, NotFoundError } from '../core/errors.ts';
import { type Role } from '../core/actor.ts';
import type { Command } from '../core/command.ts';
import type { Institution } from '../core/institution.ts';
import type { Member } from './schemas.ts';

/**
 * The staff of an institution with their roles, one line per membership, by e-mail address.
 *
 * @example
 * const members = await listMembers(db, institution);
 */
export async function listMembers(db: Db | Tx, institution: Pick<Institution, 'id'>): Promise<Member[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'u.email', 'u.name', 'm.role', 'm.created_at as since'])
    .where('m.institution_id', '=', institution.id)
    .orderBy('u.email')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

/**
 * Takes a role away from a member of the institution; the last administrator stays (409).
 *
 * @example
 * await removeMembership(cmd, institution, { membershipId });
 */
export async function removeMembership(
  cmd: Command,
  institution: Pick<Institution, 'id'>,
  input: { membershipId: string },
): Promise<void> {
  const { tx } = cmd;
  const institutionId = institution.id;
  const row = await tx
    .selectFrom('memberships')
    .selectAll()
    .where('id', '=', input.membershipId)
    .where('institution_id', '=', institutionId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('There is no such member.', { key: 'member-unknown' });
  if (row.role === 'administrator') {
    const admins = await tx
      .selectFrom('memberships')
      .select('id')
      .where('institution_id', '=', institutionId)
      .where('role', '=', 'administrator')
      .execute();
    if (admins.length === 1)
      throw new ConflictError('invalid-state', 'This is the last administrator of the institution.', {
        key: 'last-administrator',
      });
  }
  await tx.deleteFrom('memberships').where('id', '=', input.membershipId).execute();
  await cmd.audit({
    action: 'membership.remove',
    objectType: 'membership',
    objectId: input.membershipId,
    institutionId,
    before: { userId: row.user_id, role: row.role },
  });
}

export async function insertMembership(
  tx: Tx,
  userId: string,
  institutionId: string,
  role: Role,
): Promise<void> {
  await tx
    .insertInto('memberships')
    .values({ id: randomUUID(), user_id: userId, institution_id: institutionId, role, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['user_id', 'institution_id', 'role']).doNothing())
    .execute();
}

/**
 * Gives an account a role at an institution, audited (set-up, the demo; people are invited with
 * `inviteToRole`).
 *
 * @example
 * await grantRole(cmd, institution, { userId: user.id, role: 'designer' });
 */
export async function grantRole(
  cmd: Command,
  institution: Pick<Institution, 'id'>,
  input: { userId: string; role: Role },
): Promise<void> {
  const { userId, role } = input;
  await insertMembership(cmd.tx, userId, institution.id, role);
  await cmd.audit({
    action: 'membership.create',
    objectType: 'membership',
    objectId: `${userId}:${role}`,
    institutionId: institution.id,
    after: { userId, role },
  });
}
