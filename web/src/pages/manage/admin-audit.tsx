import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { isAbort } from '../../api/http.ts';
import { ErrorSummary, useErrorSummary } from '../../components/error-summary.tsx';
import { TextField } from '../../components/form-field.tsx';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n/language.tsx';
import { auditCsvUrl, fetchAudit, type AuditEntry, type AuditFilters } from '../../api/administration.ts';
import { managePath, navigate } from '../../router.tsx';
import type { ManageContext } from './manage-page.tsx';
import { LoadFailed, Loading } from '../../components/load-state.tsx';
import { DataTable } from '../../components/data-table.tsx';
import { SectionHeader } from '../../components/section-header.tsx';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const IDS = { from: 'audit-from', to: 'audit-to', action: 'audit-action' } as const;

/** The actions the platform records today, offered as suggestions; any other name can be typed. */
const KNOWN_ACTIONS = [
  'account.create',
  'account.verify-email',
  'account.reset-password',
  'invitation.create',
  'membership.create',
  'membership.remove',
  'micro-credential.create',
  'micro-credential.update',
  'micro-credential.new-version',
  'micro-credential.publish',
];

function filtersFrom(search: string): AuditFilters {
  const params = new URLSearchParams(search);
  const day = (key: string) => {
    const value = params.get(key) ?? '';
    return DAY.test(value) ? value : '';
  };
  return { from: day('from'), to: day('to'), action: (params.get('action') ?? '').slice(0, 80) };
}

function pathFor(slug: string, filters: AuditFilters): string {
  const params = new URLSearchParams();
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.action.trim()) params.set('action', filters.action.trim());
  const query = params.toString();
  return managePath(slug, 'audit') + (query ? `?${query}` : '');
}

function Change({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <details className="audit-change">
      <summary>{label}</summary>
      <pre className="audit-change__json">{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}

type LoadState =
  | { status: 'loading'; entries?: AuditEntry[] }
  | { status: 'ready'; entries: AuditEntry[] }
  | { status: 'failed'; error: unknown };

/** The audit log of the institution, with filters kept in the address and a CSV export of the same. */
export function AdminAudit({ context, search }: { context: ManageContext; search: string }) {
  const { t, lang } = useI18n();
  const filters = useMemo(() => filtersFrom(search), [search]);
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const [toError, setToError] = useState<string>();
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const summary = useErrorSummary();

  useEffect(() => setDraft(filters), [filters]);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({
      status: 'loading',
      ...(previous.status === 'ready' ? { entries: previous.entries } : {}),
    }));
    fetchAudit(context.slug, filters, controller.signal).then(
      (entries) => setState({ status: 'ready', entries }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [context.slug, filters, attempt]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setToError(t.admin.fromAfterTo);
      summary.show([{ message: t.admin.fromAfterTo, target: IDS.to }]);
      return;
    }
    setToError(undefined);
    summary.clear();
    navigate(pathFor(context.slug, draft));
  };

  const clear = () => {
    setToError(undefined);
    summary.clear();
    navigate(pathFor(context.slug, { from: '', to: '', action: '' }));
  };

  const entries = state.status === 'failed' ? undefined : state.entries;
  const actions = [...new Set([...KNOWN_ACTIONS, ...(entries ?? []).map((entry) => entry.action)])].sort();
  const filtered = Boolean(filters.from || filters.to || filters.action);
  const count = state.status === 'ready' ? t.admin.auditCount(state.entries.length) : '';

  return (
    <section aria-labelledby="audit-heading">
      <SectionHeader id="audit-heading" title={t.admin.auditHeading} count={count} live />
      <p className="muted">{t.admin.auditIntro}</p>

      <ErrorSummary items={summary.items} summaryRef={summary.ref} />
      <form className="panel audit-filters" onSubmit={submit} noValidate aria-label={t.admin.auditFilters}>
        <div className="audit-filters__grid">
          <TextField
            id={IDS.from}
            type="date"
            label={t.admin.dateFrom}
            value={draft.from}
            onChange={(from) => setDraft((d) => ({ ...d, from }))}
          />
          <TextField
            id={IDS.to}
            type="date"
            label={t.admin.dateTo}
            value={draft.to}
            onChange={(to) => setDraft((d) => ({ ...d, to }))}
            errors={toError ? [toError] : []}
          />
          <div className="audit-filters__action">
            <TextField
              id={IDS.action}
              label={t.admin.action}
              hint={t.admin.actionHint}
              value={draft.action}
              onChange={(action) => setDraft((d) => ({ ...d, action }))}
              maxLength={80}
              spellCheck={false}
              autoComplete="off"
              list="audit-actions"
            />
            <datalist id="audit-actions">
              {actions.map((action) => (
                <option key={action} value={action} />
              ))}
            </datalist>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button--primary">
            {t.admin.applyFilters}
          </button>
          {filtered ? (
            <button type="button" className="button button--link" onClick={clear}>
              {t.admin.clearFilters}
            </button>
          ) : null}
          <a
            className="button button--secondary audit-filters__csv"
            href={auditCsvUrl(context.slug, filters)}
            download
          >
            {t.admin.exportCsv}
            <span className="visually-hidden"> ({t.admin.exportCsvHint})</span>
          </a>
        </div>
      </form>

      {state.status === 'failed' ? (
        <LoadFailed
          title={t.designer.loadFailed}
          error={state.error}
          onRetry={() => setAttempt((n) => n + 1)}
          headingLevel={3}
          role={null}
        />
      ) : null}
      {!entries && state.status === 'loading' ? <Loading /> : null}
      {entries && entries.length === 0 ? <p>{t.admin.auditEmpty}</p> : null}
      {entries && entries.length > 0 ? (
        <DataTable
          id="audit-caption"
          caption={t.admin.auditTable}
          className={`table audit-table${state.status === 'loading' ? ' table--stale' : ''}`}
          columns={[
            t.admin.colTime,
            t.admin.colActor,
            t.admin.colRole,
            t.admin.colAction,
            t.admin.colObject,
            t.admin.colChange,
          ]}
        >
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td className="audit-table__time">
                <time dateTime={entry.at}>{formatDateTime(entry.at, lang)}</time>
              </td>
              <td className="break">{entry.actor.label}</td>
              <td>
                {entry.role && entry.role in t.roles
                  ? t.roles[entry.role as keyof typeof t.roles]
                  : (entry.role ?? '—')}
              </td>
              <td>
                <code className="code-text">{entry.action}</code>
              </td>
              <td className="break">
                {entry.object.type}
                <br />
                <code className="code-text">{entry.object.id}</code>
              </td>
              <td>
                <Change label={t.admin.before} value={entry.before} />
                <Change label={t.admin.after} value={entry.after} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  );
}
