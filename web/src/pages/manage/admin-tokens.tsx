import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ROLES } from '../../../../src/core/actor.ts';
import type { Role } from '../../api/accounts.ts';
import { failureText } from '../../account-rules.ts';
import { ApiError } from '../../api/http.ts';
import { ErrorSummary, useErrorSummary, type SummaryItem } from '../../components/error-summary.tsx';
import { FieldMessages, TextField } from '../../components/form-field.tsx';
import { formatDateTime, locale } from '../../format.ts';
import type { Lang } from '../../i18n/dictionary.ts';
import { useI18n } from '../../i18n/language.tsx';
import { createApiToken, fetchApiTokens, revokeApiToken, type ApiToken } from '../../api/institutions.ts';
import type { ManageContext } from './manage-page.tsx';
import { ConfirmBox, LiveNotice, useConfirmedList } from '../../components/confirm-action.tsx';
import { ListView } from '../../components/load-state.tsx';
import { SectionHeader } from '../../components/section-header.tsx';

const STATE_BADGE: Record<ApiToken['state'], string> = {
  active: 'badge--success',
  expired: 'badge--muted',
  revoked: 'badge--error',
};

/** An expiry as the server reads a date: in Belgium, whatever the browser's time zone. */
function formatInBelgium(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Brussels',
  }).format(new Date(iso));
}

/** The institution's API tokens: what each may do and until when, revoking one, and making a new one. */
export function AdminTokens({ context }: { context: ManageContext }) {
  const { t, lang } = useI18n();
  const { state, reload, confirming, setConfirming, confirmButton, cancel, notice, setNotice, heading } =
    useConfirmedList(fetchApiTokens, context.slug, 'revoke');

  const revoke = (token: ApiToken) => {
    revokeApiToken(context.slug, token.id).then(
      () => {
        setConfirming(undefined);
        setNotice({ text: t.tokens.revoked(token.name), tone: 'success' });
        reload();
        heading.current?.focus();
      },
      (error: unknown) => {
        setConfirming(undefined);
        setNotice({ text: failureText(error, t), tone: 'error' });
        reload();
      },
    );
  };

  const count = state.status === 'ready' ? state.value.length : undefined;
  return (
    <div className="admin-members">
      <section className="admin-members__list" aria-labelledby="tokens-heading">
        <SectionHeader
          id="tokens-heading"
          title={t.tokens.heading}
          count={count === undefined ? '' : t.tokens.count(count)}
          headingRef={heading}
        />
        <p className="muted">{t.tokens.intro}</p>
        <LiveNotice notice={notice} />
        <ListView state={state} onRetry={reload} empty={t.tokens.empty}>
          {(tokens) => (
            <ul className="member-list">
              {tokens.map((token) => (
                <li key={token.id} className="member token" aria-labelledby={`token-${token.id}`}>
                  <div className="token__head">
                    <h3 id={`token-${token.id}`} className="member__name break">
                      {token.name}
                    </h3>
                    <span className={`badge ${STATE_BADGE[token.state]}`}>
                      {t.tokens.states[token.state]}
                    </span>
                  </div>
                  <dl className="mail__meta token__meta">
                    <div>
                      <dt>{t.tokens.roles}</dt>
                      <dd>
                        <ul className="token__roles">
                          {token.roles.map((role) => (
                            <li key={role} className="role-chip">
                              {t.roles[role]}
                            </li>
                          ))}
                        </ul>
                      </dd>
                    </div>
                    <div>
                      <dt>{t.tokens.created}</dt>
                      <dd>
                        <time dateTime={token.createdAt}>{formatDateTime(token.createdAt, lang)}</time>
                        {token.createdBy ? (
                          <span className="muted">
                            {' '}
                            · {t.tokens.createdBy.toLowerCase()}{' '}
                            <span className="break">{token.createdBy}</span>
                          </span>
                        ) : null}
                      </dd>
                    </div>
                    <div>
                      <dt>{t.tokens.expires}</dt>
                      <dd>
                        {token.expiresAt ? (
                          <time dateTime={token.expiresAt}>
                            {formatInBelgium(token.expiresAt, lang)} ({t.tokens.belgianTime})
                          </time>
                        ) : (
                          t.tokens.never
                        )}
                      </dd>
                    </div>
                    <div>
                      <dt>{t.tokens.lastUsed}</dt>
                      <dd>
                        {token.lastUsedAt ? (
                          <time dateTime={token.lastUsedAt}>{formatDateTime(token.lastUsedAt, lang)}</time>
                        ) : (
                          t.tokens.notUsed
                        )}
                      </dd>
                    </div>
                    {token.revokedAt ? (
                      <div>
                        <dt>{t.tokens.revokedOn}</dt>
                        <dd>
                          <time dateTime={token.revokedAt}>{formatDateTime(token.revokedAt, lang)}</time>
                          {token.revokedBy ? (
                            <span className="muted">
                              {' '}
                              · {t.tokens.createdBy.toLowerCase()}{' '}
                              <span className="break">{token.revokedBy}</span>
                            </span>
                          ) : null}
                        </dd>
                      </div>
                    ) : null}
                  </dl>
                  {token.revokedAt ? null : confirming === token.id ? (
                    <ConfirmBox
                      id={token.id}
                      question={t.tokens.confirmRevoke(token.name)}
                      yes={t.tokens.confirmYes}
                      no={t.tokens.confirmNo}
                      onYes={() => revoke(token)}
                      onNo={() => cancel(token.id)}
                      yesRef={confirmButton}
                    />
                  ) : (
                    <button
                      id={`revoke-${token.id}`}
                      type="button"
                      className="button button--secondary button--small"
                      aria-label={t.tokens.revokeLabel(token.name)}
                      onClick={() => {
                        setNotice(undefined);
                        setConfirming(token.id);
                      }}
                    >
                      {t.tokens.revoke}
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )}
        </ListView>
      </section>
      <CreateTokenForm context={context} onCreated={reload} />
    </div>
  );
}

type TokenField = 'name' | 'expires' | 'roles';
const FIELD_IDS: Record<TokenField, string> = {
  name: 'token-name',
  expires: 'token-expires',
  roles: 'token-role-administrator',
};

function CreateTokenForm({ context, onCreated }: { context: ManageContext; onCreated: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [expires, setExpires] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [errors, setErrors] = useState<Partial<Record<TokenField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<{ name: string; secret: string }>();
  const summary = useErrorSummary();

  const fail = (found: Partial<Record<TokenField, string>>, general: string[] = []) => {
    setErrors(found);
    const items: SummaryItem[] = (['name', 'expires', 'roles'] as const)
      .filter((field) => found[field])
      .map((field) => ({ message: found[field] ?? '', target: FIELD_IDS[field] }));
    summary.show([...items, ...general.map((message) => ({ message }))]);
  };

  const toggle = (role: Role, on: boolean) =>
    setRoles((current) => ROLES.filter((r) => (r === role ? on : current.includes(r))));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found: Partial<Record<TokenField, string>> = {};
    if (name.trim() === '') found.name = t.tokens.nameRequired;
    if (roles.length === 0) found.roles = t.tokens.rolesRequired;
    if (Object.keys(found).length > 0) {
      fail(found);
      return;
    }
    setBusy(true);
    createApiToken(context.slug, { name: name.trim(), roles, ...(expires ? { expires } : {}) })
      .then(
        (answer) => {
          setErrors({});
          summary.clear();
          setCreated({ name: answer.apiToken.name, secret: answer.token });
          setName('');
          setExpires('');
          setRoles([]);
          onCreated();
        },
        (error: unknown) => {
          if (error instanceof ApiError && error.problems.length > 0) {
            const mapped: Partial<Record<TokenField, string>> = {};
            const general: string[] = [];
            for (const problem of error.problems) {
              const field = problem.field as TokenField;
              if (field in FIELD_IDS && !mapped[field]) mapped[field] = problem.message;
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

  if (created) return <NewSecret created={created} onDone={() => setCreated(undefined)} />;

  const rolesErrors = errors.roles ? [errors.roles] : [];
  return (
    <section className="panel admin-members__invite" aria-labelledby="token-create-heading">
      <h2 id="token-create-heading">{t.tokens.createHeading}</h2>
      <p className="muted">{t.tokens.createIntro}</p>
      <ErrorSummary items={summary.items} summaryRef={summary.ref} />
      <form className="form-stack" onSubmit={submit} noValidate aria-busy={busy}>
        <TextField
          id={FIELD_IDS.name}
          label={t.tokens.name}
          hint={t.tokens.nameHint}
          value={name}
          onChange={setName}
          errors={errors.name ? [errors.name] : []}
          autoComplete="off"
          maxLength={80}
          required
        />
        <TextField
          id={FIELD_IDS.expires}
          type="date"
          label={t.tokens.expiresLabel}
          hint={t.tokens.expiresHint}
          optional
          value={expires}
          onChange={setExpires}
          errors={errors.expires ? [errors.expires] : []}
          className="input--short"
        />
        <fieldset className="field choice-group" aria-describedby="token-roles-hint">
          <legend className="field__label">{t.tokens.rolesLegend}</legend>
          <p id="token-roles-hint" className="field__hint">
            {t.tokens.rolesHint}
          </p>
          <FieldMessages id="token-roles" errors={rolesErrors} />
          {ROLES.map((role) => {
            const id = `token-role-${role}`;
            return (
              <div className="choice" key={role}>
                <input
                  type="checkbox"
                  id={id}
                  checked={roles.includes(role)}
                  onChange={(event) => toggle(role, event.target.checked)}
                  aria-describedby={rolesErrors.length ? 'token-roles-error' : undefined}
                  aria-invalid={rolesErrors.length ? true : undefined}
                />
                <label htmlFor={id} className="choice__label">
                  {t.roles[role]}
                </label>
              </div>
            );
          })}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {t.tokens.submit}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The secret of a token just made: shown this once, with a copy button and a warning. */
function NewSecret({ created, onDone }: { created: { name: string; secret: string }; onDone: () => void }) {
  const { t } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const copySecret = () => {
    const clipboard = navigator.clipboard as Clipboard | undefined;
    if (!clipboard) {
      setCopy('failed');
      return;
    }
    clipboard.writeText(created.secret).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );
  };

  return (
    <section className="panel admin-members__invite token-secret" aria-labelledby="token-secret-heading">
      <h2 id="token-secret-heading" ref={headingRef} tabIndex={-1}>
        {t.tokens.secretHeading}
      </h2>
      <p className="notice notice--warning" id="token-secret-warning">
        {t.tokens.secretWarning}
      </p>
      <div className="field">
        <label htmlFor="token-secret" className="field__label">
          {t.tokens.secretLabel(created.name)}
        </label>
        <input
          id="token-secret"
          className="input token-secret__value"
          readOnly
          value={created.secret}
          spellCheck={false}
          autoComplete="off"
          aria-describedby="token-secret-warning"
          onFocus={(event) => event.target.select()}
        />
      </div>
      <div className="button-row">
        <button type="button" className="button button--primary" onClick={copySecret}>
          {t.tokens.copy}
        </button>
        <button type="button" className="button button--secondary" onClick={onDone}>
          {t.tokens.done}
        </button>
      </div>
      <p
        className={`live-notice${copy === 'idle' ? '' : copy === 'copied' ? ' live-notice--success' : ' live-notice--error'}`}
        role="status"
        aria-live="polite"
      >
        {copy === 'copied' ? t.tokens.copied : copy === 'failed' ? t.tokens.copyFailed : ''}
      </p>
    </section>
  );
}
