import { useState, type FormEvent } from 'react';
import { failureText } from '../../account-rules.ts';
import { fetchCatalogue } from '../../api/catalogue.ts';
import { ApiError } from '../../api/http.ts';
import { ErrorSummary, useErrorSummary, type SummaryItem } from '../../components/error-summary.tsx';
import { SelectField, TextField } from '../../components/form-field.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { createEdition, fetchEditions, type EditionView } from '../../api/enrolment.ts';
import { formatDate, formatMoney, languageName } from '../../format.ts';
import { pickText, useI18n } from '../../i18n/language.tsx';
import { useLoad } from '../../use-load.ts';
import type { ManageContext } from './manage-page.tsx';
import { CountedList } from '../../components/load-state.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import { PanelSection } from '../../components/panel-section.tsx';

const MODES = ['online', 'on-site', 'blended'] as const;
const LANGUAGES = ['nl', 'en', 'fr', 'de'];

interface EditionDraft {
  code: string;
  microCredential: string;
  startsOn: string;
  endsOn: string;
  opensAt: string;
  closesAt: string;
  capacity: string;
  mode: string;
  language: string;
  location: string;
}

const EMPTY: EditionDraft = {
  code: '',
  microCredential: '',
  startsOn: '',
  endsOn: '',
  opensAt: '',
  closesAt: '',
  capacity: '',
  mode: 'on-site',
  language: 'nl',
  location: '',
};

const FIELD_IDS: Record<string, string> = {
  code: 'edition-code',
  microCredential: 'edition-microCredential',
  startsOn: 'edition-startsOn',
  endsOn: 'edition-endsOn',
  enrolmentOpensAt: 'edition-opensAt',
  enrolmentClosesAt: 'edition-closesAt',
  capacity: 'edition-capacity',
  mode: 'edition-mode',
  language: 'edition-language',
  location: 'edition-location',
};

/** A local date and time from a datetime-local input, as an ISO moment. */
function moment(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

/** The registrar's editions: every edition of the institution, and a form to plan a new one. */
export function EditionsPage({ context }: { context: ManageContext }) {
  const { t, lang } = useI18n();
  useDocumentTitle(`${t.manage.sections.editions} — ${t.manage.areaTitle(context.institution)}`);
  const [editions, reload] = useLoad((signal) => fetchEditions(context.slug, signal), context.slug);
  const [published] = useLoad(
    (signal) =>
      fetchCatalogue(new URLSearchParams({ institution: context.slug, pageSize: '100' }), signal).then(
        (page) => page.items,
      ),
    context.slug,
  );
  const [draft, setDraft] = useState<EditionDraft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const summary = useErrorSummary();

  const set = (field: keyof EditionDraft) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));
  const feedback = (field: string) => ({ errors: errors[field] });

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setNotice('');
    const labels: Array<[keyof EditionDraft, string, string]> = [
      ['code', 'code', t.editions.code],
      ['microCredential', 'microCredential', t.editions.microCredential],
      ['startsOn', 'startsOn', t.editions.startsOn],
      ['endsOn', 'endsOn', t.editions.endsOn],
      ['opensAt', 'enrolmentOpensAt', t.editions.opensAt],
      ['closesAt', 'enrolmentClosesAt', t.editions.closesAt],
      ['capacity', 'capacity', t.editions.capacity],
    ];
    const missing: Record<string, string[]> = {};
    for (const [key, field, label] of labels) {
      if (!draft[key].trim()) missing[field] = [t.editions.required(label)];
    }
    if (draft.mode !== 'online' && !draft.location.trim())
      missing.location = [t.editions.required(t.editions.location)];
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      summary.show(
        Object.entries(missing).map(([field, messages]) => ({
          message: messages[0] ?? '',
          target: FIELD_IDS[field],
        })),
      );
      return;
    }
    setBusy(true);
    try {
      const created = await createEdition(context.slug, {
        code: draft.code.trim(),
        microCredential: draft.microCredential,
        startsOn: draft.startsOn,
        endsOn: draft.endsOn,
        enrolmentOpensAt: moment(draft.opensAt),
        enrolmentClosesAt: moment(draft.closesAt),
        capacity: Number(draft.capacity),
        mode: draft.mode as (typeof MODES)[number],
        language: draft.language,
        ...(draft.location.trim() ? { location: draft.location.trim() } : {}),
      });
      setErrors({});
      summary.clear();
      setDraft(EMPTY);
      setNotice(t.editions.created(created.code, formatMoney(created.price.cents, lang)));
      reload();
    } catch (error) {
      const items: SummaryItem[] = [];
      const byField: Record<string, string[]> = {};
      if (error instanceof ApiError && error.problems.length > 0) {
        for (const problem of error.problems) {
          const field = problem.field.split(/[.[]/)[0] ?? '';
          (byField[field] ??= []).push(problem.message);
          items.push({ message: problem.message, target: FIELD_IDS[field] });
        }
      } else {
        items.push({ message: failureText(error, t) });
      }
      setErrors(byField);
      summary.show(items);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageIntro title={t.manage.sections.editions} lead={t.editions.intro} compact />
      <CountedList state={editions} onRetry={reload} count={t.editions.count} empty={t.editions.empty}>
        {(items) => <EditionTable editions={items} />}
      </CountedList>

      <PanelSection id="new-edition-heading" title={t.editions.newHeading}>
        <p className="live-notice live-notice--success" role="status" aria-live="polite" hidden={!notice}>
          {notice}
        </p>
        <ErrorSummary items={summary.items} summaryRef={summary.ref} />
        <form onSubmit={(event) => void submit(event)} noValidate aria-busy={busy} className="form-stack">
          <div className="field-grid">
            <TextField
              id="edition-code"
              label={t.editions.code}
              hint={t.editions.codeHint}
              value={draft.code}
              onChange={set('code')}
              maxLength={40}
              autoComplete="off"
              spellCheck={false}
              {...feedback('code')}
            />
            <SelectField
              id="edition-microCredential"
              label={t.editions.microCredential}
              hint={t.editions.microCredentialHint}
              value={draft.microCredential}
              onChange={set('microCredential')}
              placeholder={t.editions.choose}
              options={
                published.status === 'ready'
                  ? published.value.map((item) => ({
                      value: item.code,
                      label: `${pickText(item.title, lang).value} (${item.code})`,
                    }))
                  : []
              }
              {...feedback('microCredential')}
            />
            {(
              [
                ['startsOn', 'date', 'startsOn'],
                ['endsOn', 'date', 'endsOn'],
                ['opensAt', 'datetime-local', 'enrolmentOpensAt'],
                ['closesAt', 'datetime-local', 'enrolmentClosesAt'],
              ] as const
            ).map(([key, type, field]) => (
              <TextField
                key={key}
                id={`edition-${key}`}
                type={type}
                label={t.editions[key]}
                value={draft[key]}
                onChange={set(key)}
                {...feedback(field)}
              />
            ))}
            <TextField
              id="edition-capacity"
              label={t.editions.capacity}
              value={draft.capacity}
              onChange={set('capacity')}
              inputMode="numeric"
              autoComplete="off"
              className="input--short"
              {...feedback('capacity')}
            />
            <SelectField
              id="edition-mode"
              label={t.editions.mode}
              value={draft.mode}
              onChange={set('mode')}
              options={MODES.map((mode) => ({ value: mode, label: t.participationForms[mode] }))}
              {...feedback('mode')}
            />
            <SelectField
              id="edition-language"
              label={t.editions.language}
              value={draft.language}
              onChange={set('language')}
              options={LANGUAGES.map((code) => ({ value: code, label: languageName(code, lang) }))}
              {...feedback('language')}
            />
            <TextField
              id="edition-location"
              label={t.editions.location}
              hint={t.editions.locationHint}
              optional={draft.mode === 'online'}
              value={draft.location}
              onChange={set('location')}
              maxLength={300}
              {...feedback('location')}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button button--primary" disabled={busy}>
              {busy ? t.editions.creating : t.editions.create}
            </button>
          </div>
        </form>
      </PanelSection>
    </>
  );
}

function EditionTable({ editions }: { editions: EditionView[] }) {
  const { t, lang } = useI18n();
  return (
    <DataTable
      id="editions-caption"
      caption={t.editions.listTable}
      columns={[
        t.editions.colCode,
        t.editions.colMicroCredential,
        t.editions.colPeriod,
        t.editions.colWindow,
        t.editions.colPlaces,
        { label: t.editions.colPrice, number: true },
      ]}
    >
      {editions.map((edition) => (
        <tr key={edition.id}>
          <th scope="row" className="table__code">
            {edition.code}
          </th>
          <td>{pickText(edition.microCredential.title, lang).value}</td>
          <td>
            {t.learner.periodValue(formatDate(edition.startsOn, lang), formatDate(edition.endsOn, lang))}
          </td>
          <td>
            <span className={`badge badge--${edition.enrolmentOpen ? 'success' : 'neutral'}`}>
              {edition.enrolmentOpen ? t.editions.open : t.editions.closed}
            </span>
          </td>
          <td>{t.editions.placesValue(edition.placesLeft, edition.capacity)}</td>
          <td className="table__number">{formatMoney(edition.price.cents, lang)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
