import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.ts';
import { fetchEditions } from '../api/enrolment.ts';
import { pickText, useI18n } from '../i18n/language.tsx';
import { navigate } from '../router.tsx';
import { useLoad } from '../use-load.ts';
import { Loading } from './load-state.tsx';

/**
 * Chooses the edition a page works on, kept in the address as `?edition=`. Staff who may list editions
 * pick from a list; others (who may not list them) type the edition's code.
 */
export function EditionPicker({
  slug,
  path,
  current,
  label,
}: {
  slug: string;
  path: string;
  current: string | undefined;
  label: string;
}) {
  const { t, lang } = useI18n();
  const [state] = useLoad((signal) => fetchEditions(slug, signal), slug);
  const [typed, setTyped] = useState(current ?? '');
  const go = (code: string) => navigate(code ? `${path}?edition=${encodeURIComponent(code)}` : path);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    go(typed.trim());
  };
  const listed = state.status === 'ready' ? state.value : undefined;
  const mayNotList =
    state.status === 'failed' && state.error instanceof ApiError && [401, 403].includes(state.error.status);

  if (listed) {
    return (
      <div className="field edition-picker">
        <label htmlFor="edition-picker" className="field__label">
          {label}
        </label>
        <select
          id="edition-picker"
          className="input"
          value={current ?? ''}
          onChange={(event) => go(event.target.value)}
        >
          <option value="">{t.editions.choose}</option>
          {listed.map((edition) => (
            <option key={edition.code} value={edition.code}>
              {edition.code} — {pickText(edition.microCredential.title, lang).value}
            </option>
          ))}
        </select>
      </div>
    );
  }
  if (mayNotList || state.status === 'failed') {
    return (
      <form className="edition-picker search-row" onSubmit={submit}>
        <div className="field">
          <label htmlFor="edition-picker" className="field__label">
            {t.editions.code}
          </label>
          <input
            id="edition-picker"
            className="input"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t.editions.show}
        </button>
      </form>
    );
  }
  return <Loading />;
}
