import type { ReactNode } from 'react';
import { useI18n } from '../i18n/language.tsx';

export interface FieldFeedback {
  errors?: readonly string[] | undefined;
  warnings?: readonly string[] | undefined;
}

interface FieldFrame extends FieldFeedback {
  id: string;
  label: ReactNode;
  hint?: ReactNode | undefined;
  optional?: boolean | undefined;
}

/** Hint, errors and warnings, in the order a screen reader should read them after the label. */
export function describedBy(
  id: string,
  { hint, errors, warnings }: { hint?: unknown; errors?: readonly string[]; warnings?: readonly string[] },
): string | undefined {
  const ids = [
    errors?.length ? `${id}-error` : '',
    warnings?.length ? `${id}-warning` : '',
    hint ? `${id}-hint` : '',
  ].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** Errors and warnings of one field, each with a word that says which it is for screen readers. */
export function FieldMessages({ id, errors, warnings }: { id: string } & FieldFeedback) {
  const { t } = useI18n();
  return (
    <>
      {errors?.length ? (
        <div id={`${id}-error`} className="field__error">
          {errors.map((message) => (
            <p key={message} className="field__message">
              <span className="visually-hidden">{t.formMessages.errorPrefix} </span>
              {message}
            </p>
          ))}
        </div>
      ) : null}
      {warnings?.length ? (
        <div id={`${id}-warning`} className="field__warning">
          {warnings.map((message) => (
            <p key={message} className="field__message">
              <span className="field__warning-mark" aria-hidden="true">
                !
              </span>
              <span className="visually-hidden">{t.formMessages.warningPrefix} </span>
              {message}
            </p>
          ))}
        </div>
      ) : null}
    </>
  );
}

function Frame({
  id,
  label,
  hint,
  optional,
  errors,
  warnings,
  children,
}: FieldFrame & { children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="field form-field">
      <label htmlFor={id} className="field__label">
        {label}
        {optional ? <span className="field__optional"> {t.formMessages.optional}</span> : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <FieldMessages id={id} errors={errors} warnings={warnings} />
      {children}
    </div>
  );
}

type InputType = 'text' | 'email' | 'password' | 'url' | 'search' | 'date' | 'datetime-local';

export interface TextFieldProps extends FieldFrame {
  value: string;
  onChange: (value: string) => void;
  onBlur?: (() => void) | undefined;
  type?: InputType;
  autoComplete?: string;
  inputMode?: 'text' | 'decimal' | 'numeric' | 'email' | 'url';
  maxLength?: number;
  spellCheck?: boolean;
  readOnly?: boolean;
  required?: boolean;
  /** The language of what is typed, when it is not the page's. */
  lang?: 'nl' | 'en';
  /** The id of a datalist with suggestions. */
  list?: string;
  /** A text area of this many rows instead of a one-line input. */
  rows?: number;
  className?: string;
}

/** A labelled input (or text area) with its hint, errors and warnings tied to it for assistive technology. */
export function TextField(props: TextFieldProps) {
  const { id, hint, errors, warnings, value, onChange, onBlur, rows } = props;
  const common = {
    id,
    name: id,
    value,
    onBlur,
    'aria-describedby': describedBy(id, { hint, errors: errors ?? [], warnings: warnings ?? [] }),
    'aria-invalid': errors?.length ? true : undefined,
    maxLength: props.maxLength,
    spellCheck: props.spellCheck,
    readOnly: props.readOnly,
    required: props.required,
    lang: props.lang,
  };
  return (
    <Frame {...props}>
      {rows ? (
        <textarea
          {...common}
          rows={rows}
          className={`input input--multiline ${props.className ?? ''}`.trim()}
          onChange={(event) => onChange(event.target.value)}
        />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          className={`input ${props.className ?? ''}`.trim()}
          autoComplete={props.autoComplete}
          inputMode={props.inputMode}
          list={props.list}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Frame>
  );
}

export interface SelectFieldProps extends FieldFrame {
  value: string;
  onChange: (value: string) => void;
  onBlur?: (() => void) | undefined;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** The text of the empty first choice; without it, there is none. */
  placeholder?: string;
  required?: boolean;
  className?: string;
}

export function SelectField(props: SelectFieldProps) {
  const { id, hint, errors, warnings, value, onChange, onBlur, options, placeholder } = props;
  return (
    <Frame {...props}>
      <select
        id={id}
        name={id}
        className={`input ${props.className ?? ''}`.trim()}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onBlur={onBlur}
        required={props.required}
        aria-describedby={describedBy(id, { hint, errors: errors ?? [], warnings: warnings ?? [] })}
        aria-invalid={errors?.length ? true : undefined}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}
