import { randomUUID } from 'node:crypto';
import type { Tx } from '../core/database.ts';
import { nowIso } from '../core/database.ts';
import { refuse, UnauthorizedError, type RuleProblem } from '../core/errors.ts';
import { ROLES, type Actor, type Role } from '../core/actor.ts';
import { audit, type AuditEntry } from '../core/audit.ts';
import type { Command } from '../core/command.ts';
import type { Institution } from '../core/institution.ts';
import { verifyPassword } from './passwords.ts';
import { invitationMail, tokenLink } from './mail.ts';
import { accountMessage } from './messages.ts';
import type { AcceptedInvitation, CreatedInvitationView } from './schemas.ts';
import { HOUR, type SiteLinks, inMs, newToken, refuseToken, sha256 } from './account-links.ts';
import { insertMembership } from './memberships.ts';
import { userActor } from './sessions.ts';
import { EMAIL, createUser, toUser } from './users.ts';

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export interface InvitationInput {
  email: string;
  role: string;
}

/** Writes an invitation to a role; returns its record for the audit log and the token for its link. */
async function insertInvitation(
  tx: Tx,
  actor: Actor,
  institution: Pick<Institution, 'id'>,
  input: InvitationInput,
): Promise<{ id: string; token: string; email: string; role: Role; entry: Omit<AuditEntry, 'role'> }> {
  const problems: RuleProblem[] = [];
  if (!EMAIL.test(input.email.trim())) problems.push({ field: 'email', rule: 'email-format' });
  if (!isRole(input.role))
    problems.push({ field: 'role', rule: 'role-unknown', params: { known: ROLES.join(', ') } });
  if (problems.length) refuse(problems, { key: 'invitation-request-invalid' });
  const role = input.role as Role;
  const token = newToken();
  const id = randomUUID();
  const email = input.email.trim().toLowerCase();
  await tx
    .insertInto('invitations')
    .values({
      id,
      institution_id: institution.id,
      email,
      role,
      token_hash: sha256(token),
      invited_by: actor.kind === 'user' ? actor.userId : actor.kind,
      created_at: nowIso(),
      expires_at: inMs(7 * 24 * HOUR),
      accepted_at: null,
    })
    .execute();
  const entry = {
    action: 'invitation.create',
    objectType: 'invitation',
    objectId: id,
    institutionId: institution.id,
    after: { email, role },
  };
  return { id, token, email, role, entry };
}

/**
 * An administrator invites someone by e-mail to a role: the invitation is written and audited, and the mail
 * with its link (valid for seven days) is queued, naming the role in words.
 *
 * @example
 * const invitation = await inviteToRole(cmd, institution, { email, role: 'designer', publicUrl });
 */
export async function inviteToRole(
  cmd: Command,
  institution: Institution,
  input: InvitationInput & SiteLinks,
): Promise<CreatedInvitationView> {
  const created = await insertInvitation(cmd.tx, cmd.actor, institution, input);
  await cmd.audit(created.entry);
  await cmd.mail.send({
    to: created.email,
    institutionId: institution.id,
    ...invitationMail({
      institution,
      role: created.role,
      link: tokenLink(input.publicUrl, '/account/invitation', created.token),
    }),
  });
  return { id: created.id, email: created.email, role: created.role };
}

/**
 * Writes an invitation without mailing it, for set-up (tests): people are invited with `inviteToRole`.
 * Returns the token for the invitation link.
 *
 * @example
 * const { token } = await createInvitation(tx, actor, institution, { email, role: 'assessor' });
 */
export async function createInvitation(
  tx: Tx,
  actor: Actor,
  institution: Pick<Institution, 'id'>,
  input: InvitationInput,
): Promise<{ id: string; token: string }> {
  const created = await insertInvitation(tx, actor, institution, input);
  await audit(tx, actor, { ...created.entry, role: 'administrator' });
  return { id: created.id, token: created.token };
}

/**
 * Accepts an invitation: the invited address gets the role. A new address becomes an account with the
 * given name and password (verified, since the link came by e-mail); an existing account must be the one
 * signed in (the command's actor), or give its password. The account is the actor of the record, in the
 * role it was given.
 *
 * @example
 * const accepted = await acceptInvitation(cmd, { token, name, password });
 */
export async function acceptInvitation(
  cmd: Command,
  input: { token: string; name?: string | undefined; password?: string | undefined },
): Promise<AcceptedInvitation> {
  const { tx, actor } = cmd;
  const invitation = await tx
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', sha256(input.token))
    .executeTakeFirst();
  if (!invitation || invitation.accepted_at || invitation.expires_at < nowIso()) refuseToken('invitation');
  let row = await tx.selectFrom('users').selectAll().where('email', '=', invitation.email).executeTakeFirst();
  if (row) {
    const isSignedIn = actor.kind === 'user' && actor.userId === row.id;
    if (
      !isSignedIn &&
      !(row.password_hash && input.password && (await verifyPassword(row.password_hash, input.password)))
    ) {
      const params = { email: invitation.email };
      throw new UnauthorizedError(accountMessage('invitation-sign-in', 'en', params), {
        key: 'invitation-sign-in',
        params,
      });
    }
  } else {
    const { user } = await createUser(tx, {
      email: invitation.email,
      name: input.name ?? '',
      password: input.password ?? '',
    });
    row = await tx.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
  }
  if (!row.email_verified_at)
    await tx.updateTable('users').set({ email_verified_at: nowIso() }).where('id', '=', row.id).execute();
  await insertMembership(tx, row.id, invitation.institution_id, invitation.role as Role);
  await tx
    .updateTable('invitations')
    .set({ accepted_at: nowIso() })
    .where('id', '=', invitation.id)
    .execute();
  await audit(tx, await userActor(tx, row.id), {
    action: 'membership.create',
    objectType: 'membership',
    objectId: `${row.id}:${invitation.role}`,
    institutionId: invitation.institution_id,
    role: invitation.role,
    after: { email: row.email, role: invitation.role, invitation: invitation.id },
  });
  return {
    user: toUser({ ...row, email_verified_at: row.email_verified_at ?? nowIso() }),
    institutionId: invitation.institution_id,
    role: invitation.role as Role,
  };
}
