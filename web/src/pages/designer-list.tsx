import { useEffect, useState } from 'react';
import { failureText } from '../account-rules.ts';
import { isAbort, type MicroCredentialSummary } from '../api.ts';
import { StatusBadge } from '../components/status-badge.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { useDocumentTitle } from '../document-title.ts';
import { formatNumber } from '../format.ts';
import { Localized, useI18n } from '../i18n/language.tsx';
import { fetchDesignList } from '../manage-api.ts';
import { Link, managePath } from '../router.tsx';
import type { ManageContext } from './manage-page.tsx';

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; items: MicroCredentialSummary[] }
  | { status: 'failed'; error: unknown };

/** Every micro-credential of the institution with its latest version, drafts included. */
export function DesignerList({ context }: { context: ManageContext }) {
  const { t, lang } = useI18n();
  useDocumentTitle(`${t.manage.sections['micro-credentials']} — ${t.manage.areaTitle(context.institution)}`);
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchDesignList(context.slug, controller.signal).then(
      (items) => setState({ status: 'ready', items }),
      (error: unknown) => {
        if (!isAbort(error)) setState({ status: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [context.slug, attempt]);

  return (
    <>
      <div className="page-intro page-intro--with-action">
        <div>
          <h1 className="page-title" tabIndex={-1}>
            {t.manage.sections['micro-credentials']}
          </h1>
          <p className="lead">{t.designer.listIntro}</p>
        </div>
        <Link to={managePath(context.slug, 'micro-credential-new')} className="button button--primary">
          <span aria-hidden="true">+ </span>
          {t.designer.newButton}
        </Link>
      </div>
      <p className="results__count" role="status">
        {state.status === 'ready' ? t.designer.listCount(state.items.length) : ''}
      </p>
      {state.status === 'loading' ? <p className="loading">{t.formMessages.loading}</p> : null}
      {state.status === 'failed' ? (
        <StatusMessage title={t.designer.loadFailed} tone="error" role="alert">
          <p>{failureText(state.error, t)}</p>
          <button type="button" className="button button--primary" onClick={() => setAttempt((n) => n + 1)}>
            {t.formMessages.retry}
          </button>
        </StatusMessage>
      ) : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <StatusMessage title={t.designer.listEmpty} />
      ) : null}
      {state.status === 'ready' && state.items.length > 0 ? (
        <div className="table-scroll" role="region" aria-labelledby="design-caption" tabIndex={0}>
          <table className="table design-table">
            <caption id="design-caption" className="visually-hidden">
              {t.designer.listTable}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t.designer.colTitle}</th>
                <th scope="col">{t.designer.colStatus}</th>
                <th scope="col">{t.designer.colForm}</th>
                <th scope="col" className="table__number">
                  {t.designer.colEcts}
                </th>
                <th scope="col" className="table__number">
                  {t.designer.colVersion}
                </th>
              </tr>
            </thead>
            <tbody>
              {state.items.map((item) => (
                <tr key={item.code}>
                  <th scope="row" className="design-table__title">
                    <Link to={managePath(context.slug, 'micro-credential', item.code)}>
                      <Localized text={item.title} />
                    </Link>
                    <span className="design-table__code">
                      <span className="visually-hidden">{t.designer.colCode}: </span>
                      {item.code}
                    </span>
                  </th>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  <td>
                    <span aria-hidden="true">{t.designer.formLetters[item.form]}</span>
                    <span className="visually-hidden">{t.forms[item.form]}</span>
                  </td>
                  <td className="table__number">{formatNumber(item.ects, lang)}</td>
                  <td className="table__number">{item.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
