import { useState, type ReactNode, type Ref } from 'react';
import { PASSWORD_MIN_LENGTH } from '../account-rules.ts';
import { useI18n } from '../i18n/language.tsx';
import { TextField } from './form-field.tsx';
import { useErrorSummary, type SummaryItem } from './error-summary.tsx';
import { StatusMessage } from './status-message.tsx';
import { Link } from '../router.tsx';

interface AccountFieldProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** The one problem of the field, if any. */
  error: string | undefined;
}

function errorsOf(error: string | undefined): string[] {
  return error ? [error] : [];
}

export function NameField({ id, value, onChange, error }: AccountFieldProps) {
  const { t } = useI18n();
  return (
    <TextField
      id={id}
      label={t.account.name}
      hint={t.account.nameHint}
      value={value}
      onChange={onChange}
      errors={errorsOf(error)}
      autoComplete="name"
      maxLength={200}
      required
    />
  );
}

/** An e-mail address; `signIn` fills it in as the user name of a saved sign-in. */
export function EmailField({
  id,
  value,
  onChange,
  error,
  hint,
  signIn = false,
}: AccountFieldProps & { hint?: string; signIn?: boolean }) {
  const { t } = useI18n();
  return (
    <TextField
      id={id}
      type="email"
      label={t.account.email}
      hint={hint}
      value={value}
      onChange={onChange}
      errors={errorsOf(error)}
      autoComplete={signIn ? 'username' : 'email'}
      inputMode="email"
      spellCheck={false}
      maxLength={254}
      required
    />
  );
}

/** A password: a new one with the rule as its hint, or the current one to sign in. */
export function PasswordField({
  id,
  value,
  onChange,
  error,
  label,
  current = false,
}: AccountFieldProps & { label?: string; current?: boolean }) {
  const { t } = useI18n();
  return (
    <TextField
      id={id}
      type="password"
      label={label ?? t.account.password}
      hint={current ? undefined : t.account.passwordRule(PASSWORD_MIN_LENGTH)}
      value={value}
      onChange={onChange}
      errors={errorsOf(error)}
      autoComplete={current ? 'current-password' : 'new-password'}
      maxLength={256}
      required
    />
  );
}

/** The submit button of a form, with what else belongs beside it (a link). */
export function FormActions({ submit, children }: { submit: string; children?: ReactNode }) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button--primary">
        {submit}
      </button>
      {children}
    </div>
  );
}

/**
 * The values and problems of an account form. `fail` shows the problems at their fields and in the
 * summary (fields in the order of `ids`), then the problems no field explains.
 */
export function useAccountForm<F extends string>(
  ids: Readonly<Record<F, string>>,
  initial: Record<F, string>,
) {
  const [values, setValues] = useState<Record<F, string>>(initial);
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const summary = useErrorSummary();
  const set = (field: F) => (value: string) => setValues((v) => ({ ...v, [field]: value }));
  const fail = (found: Partial<Record<F, string>>, general: string[] = []) => {
    setErrors(found);
    const items: SummaryItem[] = (Object.keys(ids) as F[])
      .filter((field) => found[field])
      .map((field) => ({ message: found[field] ?? '', target: ids[field] }));
    summary.show([...items, ...general.map((message) => ({ message }))]);
  };
  return { values, set, errors, setErrors, fail, summary };
}

/** A page that has only an outcome to tell: done, or a link that does not work. */
export function OutcomePage({
  title,
  tone,
  headingRef,
  children,
}: {
  title: string;
  tone?: 'success' | 'error';
  headingRef?: Ref<HTMLHeadingElement>;
  children: ReactNode;
}) {
  return (
    <div className="narrow-page">
      <StatusMessage title={title} headingLevel={1} tone={tone} headingRef={headingRef}>
        {children}
      </StatusMessage>
    </div>
  );
}

/** A page for signing up or in that someone opens while signed in already. */
export function AlreadySignedIn({
  title,
  name,
  to,
  label,
}: {
  title: string;
  name: string;
  to: string;
  label: string;
}) {
  const { t } = useI18n();
  return (
    <OutcomePage title={title}>
      <p>{t.account.alreadySignedIn(name)}</p>
      <Link to={to} className="button button--primary">
        {label}
      </Link>
    </OutcomePage>
  );
}
