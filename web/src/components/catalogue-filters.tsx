import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { Form } from '../../../src/catalogue/rules.ts';
import { fetchInstitutions, type PublicInstitution } from '../api.ts';
import { EMPTY_FILTERS, hasActiveFilters, type CatalogueFilters as Filters } from '../catalogue-query.ts';
import { languageName } from '../format.ts';
import { useI18n } from '../i18n/language.tsx';

const VKS_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8];
const FORMS: readonly Form[] = ['regular', 'outside-regular'];
const CONTENT_LANGUAGES = ['nl', 'en'];

function useInstitutions(): PublicInstitution[] {
  const [list, setList] = useState<PublicInstitution[]>([]);
  useEffect(() => {
    let live = true;
    fetchInstitutions().then(
      (items) => {
        if (live) setList(items);
      },
      () => {
        // Without the list the filter offers "all institutions" only; the catalogue still works.
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return list;
}

/**
 * Search box and filters. Text and numbers apply on submit (Enter or the button); a choice in a
 * list applies at once. Every change starts again at page 1.
 */
export function CatalogueFilters({
  filters,
  onChange,
}: {
  filters: Filters;
  onChange: (next: Filters) => void;
}) {
  const { t, lang } = useI18n();
  const institutions = useInstitutions();
  const id = useId();
  const [draft, setDraft] = useState<Filters>(filters);
  const activeCount = [
    filters.vksLevel,
    filters.ectsMin,
    filters.ectsMax,
    filters.form,
    filters.language,
    filters.institution,
  ].filter(Boolean).length;
  // On small screens the filters fold away behind a button; they start open when some are in use.
  const [open, setOpen] = useState(activeCount > 0);

  // The address is the source of truth: back/forward or a cleared search resets the form.
  useEffect(() => setDraft(filters), [filters]);

  const text = (key: 'q' | 'ectsMin' | 'ectsMax') => (event: ChangeEvent<HTMLInputElement>) =>
    setDraft((d) => ({ ...d, [key]: event.target.value }));

  const choose =
    (key: 'vksLevel' | 'form' | 'language' | 'institution') => (event: ChangeEvent<HTMLSelectElement>) => {
      const next = { ...draft, [key]: event.target.value, page: 1 };
      setDraft(next);
      onChange(next);
    };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onChange({ ...draft, page: 1 });
  };

  const sortedInstitutions = [...institutions].sort((a, b) =>
    (a.name[lang] || a.name.nl).localeCompare(b.name[lang] || b.name.nl, lang),
  );

  return (
    <form className="filters" role="search" onSubmit={submit}>
      <div className="filters__search">
        <label htmlFor={`${id}-q`} className="field__label">
          {t.catalogue.searchLabel}
        </label>
        <p id={`${id}-q-hint`} className="field__hint">
          {t.catalogue.searchHint}
        </p>
        <div className="search-row">
          <input
            id={`${id}-q`}
            type="search"
            name="q"
            className="input search-row__input"
            value={draft.q}
            onChange={text('q')}
            aria-describedby={`${id}-q-hint`}
            maxLength={200}
            autoComplete="off"
          />
          <button type="submit" className="button button--primary">
            {t.catalogue.searchButton}
          </button>
        </div>
      </div>

      <fieldset className="filters__group">
        <legend className="filters__legend">{t.catalogue.filtersHeading}</legend>
        <button
          type="button"
          className="filters__toggle"
          aria-expanded={open}
          aria-controls={`${id}-filters`}
          onClick={() => setOpen((value) => !value)}
        >
          <span>
            {t.catalogue.filtersHeading}
            {activeCount > 0 ? ` (${activeCount})` : ''}
          </span>
          <span className="filters__chevron" aria-hidden="true" />
        </button>
        <div id={`${id}-filters`} className={`filters__grid${open ? '' : ' filters__grid--collapsed'}`}>
          <div className="field">
            <label htmlFor={`${id}-vks`} className="field__label">
              {t.catalogue.vksLabel}
            </label>
            <select id={`${id}-vks`} className="input" value={draft.vksLevel} onChange={choose('vksLevel')}>
              <option value="">{t.catalogue.vksAny}</option>
              {VKS_LEVELS.map((level) => (
                <option key={level} value={String(level)}>
                  {t.catalogue.vksOption(level)}
                </option>
              ))}
            </select>
          </div>

          <div className="field">
            <label htmlFor={`${id}-form`} className="field__label">
              {t.catalogue.formLabel}
            </label>
            <select id={`${id}-form`} className="input" value={draft.form} onChange={choose('form')}>
              <option value="">{t.catalogue.formAny}</option>
              {FORMS.map((form) => (
                <option key={form} value={form}>
                  {t.forms[form]}
                </option>
              ))}
            </select>
          </div>

          <div className="field">
            <label htmlFor={`${id}-language`} className="field__label">
              {t.catalogue.languageLabel}
            </label>
            <select
              id={`${id}-language`}
              className="input"
              value={draft.language}
              onChange={choose('language')}
            >
              <option value="">{t.catalogue.languageAny}</option>
              {CONTENT_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {languageName(code, lang)}
                </option>
              ))}
            </select>
          </div>

          <div className="field">
            <label htmlFor={`${id}-institution`} className="field__label">
              {t.catalogue.institutionLabel}
            </label>
            <select
              id={`${id}-institution`}
              className="input"
              value={draft.institution}
              onChange={choose('institution')}
            >
              <option value="">{t.catalogue.institutionAny}</option>
              {sortedInstitutions.map((institution) => (
                <option key={institution.slug} value={institution.slug}>
                  {institution.name[lang] || institution.name.nl}
                </option>
              ))}
              {draft.institution && !institutions.some((i) => i.slug === draft.institution) ? (
                <option value={draft.institution}>{draft.institution}</option>
              ) : null}
            </select>
          </div>

          <fieldset className="field field--range">
            <legend className="field__label">{t.catalogue.ectsLegend}</legend>
            <div className="range-row">
              <div className="range-row__item">
                <label htmlFor={`${id}-ects-min`} className="field__sublabel">
                  {t.catalogue.ectsMin}
                </label>
                <input
                  id={`${id}-ects-min`}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={59}
                  step="any"
                  className="input"
                  value={draft.ectsMin}
                  onChange={text('ectsMin')}
                />
              </div>
              <span className="range-row__dash" aria-hidden="true">
                –
              </span>
              <div className="range-row__item">
                <label htmlFor={`${id}-ects-max`} className="field__sublabel">
                  {t.catalogue.ectsMax}
                </label>
                <input
                  id={`${id}-ects-max`}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={59}
                  step="any"
                  className="input"
                  value={draft.ectsMax}
                  onChange={text('ectsMax')}
                />
              </div>
            </div>
          </fieldset>

          <div className="filters__actions">
            <button type="submit" className="button button--secondary">
              {t.catalogue.applyFilters}
            </button>
            {hasActiveFilters(filters) ? (
              <button
                type="button"
                className="button button--link"
                onClick={() => onChange({ ...EMPTY_FILTERS, pageSize: filters.pageSize })}
              >
                {t.catalogue.clearFilters}
              </button>
            ) : null}
          </div>
        </div>
      </fieldset>
    </form>
  );
}
