import { useState, type FormEvent } from 'react';
import { ROLES } from '../../../../src/core/actor.ts';
import { fetchMembers, inviteMember, removeMember, type Member, type Role } from '../../api/accounts.ts';
import { emailProblem, failureText } from '../../account-rules.ts';
import { ApiError } from '../../api/http.ts';
import { ErrorSummary, useErrorSummary, type SummaryItem } from '../../components/error-summary.tsx';
import { SelectField, TextField } from '../../components/form-field.tsx';
import { formatDate } from '../../format.ts';
import { useI18n } from '../../i18n/language.tsx';
import type { ManageContext } from './manage-page.tsx';
import { ConfirmBox, LiveNotice, useConfirmedList } from '../../components/confirm-action.tsx';
import { ListView } from '../../components/load-state.tsx';

interface Person {
  email: string;
  name: string;
  memberships: Member[];
}

function people(members: readonly Member[]): Person[] {
  const byEmail = new Map<string, Person>();
  for (const member of members) {
    const person = byEmail.get(member.email) ?? { email: member.email, name: member.name, memberships: [] };
    person.memberships.push(member);
    byEmail.set(member.email, person);
  }
  for (const person of byEmail.values()) {
    person.memberships.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
  }
  return [...byEmail.values()];
}

/** Members and their roles, taking a role away, and inviting someone to a role. */
export function AdminMembers({ context }: { context: ManageContext }) {
  const { t, lang } = useI18n();
  const { state, reload, confirming, setConfirming, confirmButton, cancel, notice, setNotice, heading } =
    useConfirmedList(fetchMembers, context.slug, 'remove');

  const remove = (member: Member) => {
    const role = t.roles[member.role];
    removeMember(context.slug, member.id).then(
      () => {
        setConfirming(undefined);
        setNotice({ text: t.admin.removed(role, member.name), tone: 'success' });
        reload();
        heading.current?.focus();
      },
      (error: unknown) => {
        setConfirming(undefined);
        const text =
          error instanceof ApiError && error.code === 'invalid-state'
            ? t.admin.lastAdmin
            : failureText(error, t);
        setNotice({ text, tone: 'error' });
        requestAnimationFrame(() => document.getElementById(`remove-${member.id}`)?.focus());
      },
    );
  };

  return (
    <div className="admin-members">
      <section className="admin-members__list" aria-labelledby="members-heading">
        <h2 id="members-heading" ref={heading} tabIndex={-1}>
          {t.admin.membersHeading}
        </h2>
        <p className="muted">{t.admin.membersIntro}</p>
        <LiveNotice notice={notice} />
        <ListView state={state} onRetry={reload} empty={t.admin.membersEmpty}>
          {(members) => (
            <ul className="member-list">
              {people(members).map((person) => (
                <li key={person.email} className="member">
                  <div className="member__who">
                    <h3 className="member__name">{person.name}</h3>
                    <p className="member__email break">{person.email}</p>
                  </div>
                  <ul className="member__roles">
                    {person.memberships.map((membership) => {
                      const role = t.roles[membership.role];
                      return (
                        <li key={membership.id} className="member__role">
                          {confirming === membership.id ? (
                            <ConfirmBox
                              id={membership.id}
                              question={t.admin.confirmRemove(role, person.name)}
                              yes={t.admin.confirmYes}
                              no={t.admin.confirmNo}
                              onYes={() => remove(membership)}
                              onNo={() => cancel(membership.id)}
                              yesRef={confirmButton}
                            />
                          ) : (
                            <>
                              <span className="member__role-text">
                                <span className="role-chip">{role}</span>
                                <span className="member__since muted">
                                  {t.admin.memberSince(formatDate(membership.since, lang))}
                                </span>
                              </span>
                              <button
                                id={`remove-${membership.id}`}
                                type="button"
                                className="button button--link button--small"
                                aria-label={t.admin.removeRoleLabel(role, person.name)}
                                onClick={() => {
                                  setNotice(undefined);
                                  setConfirming(membership.id);
                                }}
                              >
                                {t.admin.removeRole}
                              </button>
                            </>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </li>
              ))}
            </ul>
          )}
        </ListView>
      </section>
      <InviteForm context={context} />
    </div>
  );
}

type InviteField = 'email' | 'role';
const INVITE_IDS: Record<InviteField, string> = { email: 'invite-email', role: 'invite-role' };

function InviteForm({ context }: { context: ManageContext }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [errors, setErrors] = useState<Partial<Record<InviteField, string>>>({});
  const [sent, setSent] = useState<string>();
  const [busy, setBusy] = useState(false);
  const summary = useErrorSummary();

  const fail = (found: Partial<Record<InviteField, string>>, general: string[] = []) => {
    setErrors(found);
    const items: SummaryItem[] = (['email', 'role'] as const)
      .filter((field) => found[field])
      .map((field) => ({ message: found[field] ?? '', target: INVITE_IDS[field] }));
    summary.show([...items, ...general.map((message) => ({ message }))]);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setSent(undefined);
    const found: Partial<Record<InviteField, string>> = {};
    const emailError = emailProblem(email, t);
    if (emailError) found.email = emailError;
    if (!role) found.role = t.admin.roleRequired;
    if (emailError || !role) {
      fail(found);
      return;
    }
    setBusy(true);
    inviteMember(context.slug, { email: email.trim(), role })
      .then(
        (invitation) => {
          setErrors({});
          summary.clear();
          setSent(t.admin.invited(invitation.email, t.roles[invitation.role]));
          setEmail('');
          setRole('');
        },
        (error: unknown) => {
          if (error instanceof ApiError && error.problems.length > 0) {
            const mapped: Partial<Record<InviteField, string>> = {};
            const general: string[] = [];
            for (const problem of error.problems) {
              if (problem.field === 'email') mapped.email = t.formMessages.emailInvalid;
              else if (problem.field === 'role') mapped.role = t.admin.roleRequired;
              else general.push(problem.message);
            }
            fail(mapped, general);
            return;
          }
          fail({}, [failureText(error, t)]);
        },
      )
      .finally(() => setBusy(false));
  };

  return (
    <section className="panel admin-members__invite" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t.admin.inviteHeading}</h2>
      <p className="muted">{t.admin.inviteIntro}</p>
      <ErrorSummary items={summary.items} summaryRef={summary.ref} />
      <form className="form-stack" onSubmit={submit} noValidate aria-busy={busy}>
        <TextField
          id={INVITE_IDS.email}
          type="email"
          label={t.admin.inviteEmail}
          value={email}
          onChange={setEmail}
          errors={errors.email ? [errors.email] : []}
          autoComplete="off"
          inputMode="email"
          spellCheck={false}
          maxLength={254}
          required
        />
        <SelectField
          id={INVITE_IDS.role}
          label={t.admin.inviteRole}
          value={role}
          onChange={(value) => setRole((ROLES as readonly string[]).includes(value) ? (value as Role) : '')}
          options={ROLES.map((r) => ({ value: r, label: t.roles[r] }))}
          placeholder={t.admin.inviteChooseRole}
          errors={errors.role ? [errors.role] : []}
          required
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {t.admin.inviteSubmit}
          </button>
        </div>
        <p className="live-notice live-notice--success" role="status" aria-live="polite">
          {sent}
        </p>
      </form>
    </section>
  );
}
