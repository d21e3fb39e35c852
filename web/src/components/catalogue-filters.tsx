import { useEffect, useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { Form } from '../../../src/catalogue/rules.ts';
import { EMPTY_FILTERS, hasActiveFilters, type CatalogueFilters as Filters } from '../catalogue-query.ts';
import { languageName } from '../format.ts';
import { useI18n } from '../i18n/language.tsx';
import { usePublicInstitutions } from '../use-institutions.ts';

const VKS_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8];
const FORMS: readonly Form[] = ['regular', 'outside-regular'];
const CONTENT_LANGUAGES = ['nl', 'en'];

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
  // Without the list the filter offers "all institutions" only; the catalogue still works.
  const institutions = usePublicInstitutions();
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
          <FilterSelect
            id={`${id}-vks`}
            label={t.catalogue.vksLabel}
            value={draft.vksLevel}
            onChange={choose('vksLevel')}
            any={t.catalogue.vksAny}
            options={VKS_LEVELS.map((level) => ({
              value: String(level),
              label: t.catalogue.vksOption(level),
            }))}
          />
          <FilterSelect
            id={`${id}-form`}
            label={t.catalogue.formLabel}
            value={draft.form}
            onChange={choose('form')}
            any={t.catalogue.formAny}
            options={FORMS.map((form) => ({ value: form, label: t.forms[form] }))}
          />
          <FilterSelect
            id={`${id}-language`}
            label={t.catalogue.languageLabel}
            value={draft.language}
            onChange={choose('language')}
            any={t.catalogue.languageAny}
            options={CONTENT_LANGUAGES.map((code) => ({ value: code, label: languageName(code, lang) }))}
          />
          <FilterSelect
            id={`${id}-institution`}
            label={t.catalogue.institutionLabel}
            value={draft.institution}
            onChange={choose('institution')}
            any={t.catalogue.institutionAny}
            options={[
              ...sortedInstitutions.map((institution) => ({
                value: institution.slug,
                label: institution.name[lang] || institution.name.nl,
              })),
              // A shared address may name an institution the list does not (yet) hold.
              ...(draft.institution && !institutions.some((i) => i.slug === draft.institution)
                ? [{ value: draft.institution, label: draft.institution }]
                : []),
            ]}
          />

          <fieldset className="field field--range">
            <legend className="field__label">{t.catalogue.ectsLegend}</legend>
            <div className="range-row">
              <EctsInput
                id={`${id}-ects-min`}
                label={t.catalogue.ectsMin}
                value={draft.ectsMin}
                onChange={text('ectsMin')}
              />
              <span className="range-row__dash" aria-hidden="true">
                –
              </span>
              <EctsInput
                id={`${id}-ects-max`}
                label={t.catalogue.ectsMax}
                value={draft.ectsMax}
                onChange={text('ectsMax')}
              />
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

function FilterSelect({
  id,
  label,
  value,
  onChange,
  any,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
  /** The first option: no filter. */
  any: string;
  options: ReadonlyArray<{ value: string; label: string }>;
}) {
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select id={id} className="input" value={value} onChange={onChange}>
        <option value="">{any}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function EctsInput({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <div className="range-row__item">
      <label htmlFor={id} className="field__sublabel">
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        min={0}
        max={59}
        step="any"
        className="input"
        value={value}
        onChange={onChange}
      />
    </div>
  );
}
