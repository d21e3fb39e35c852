import { fetchDesignList } from '../../api/catalogue.ts';
import { StatusBadge } from '../../components/status-badge.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { formatNumber } from '../../format.ts';
import { Localized, useI18n } from '../../i18n/language.tsx';
import { Link, managePath } from '../../router.tsx';
import type { ManageContext } from './manage-page.tsx';
import { CountedList } from '../../components/load-state.tsx';
import { useLoad } from '../../use-load.ts';
import { DataTable } from '../../components/data-table.tsx';

/** Every micro-credential of the institution with its latest version, drafts included. */
export function DesignerList({ context }: { context: ManageContext }) {
  const { t, lang } = useI18n();
  useDocumentTitle(`${t.manage.sections['micro-credentials']} — ${t.manage.areaTitle(context.institution)}`);
  const [state, retry] = useLoad((signal) => fetchDesignList(context.slug, signal), context.slug);

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
      <CountedList state={state} onRetry={retry} count={t.designer.listCount} empty={t.designer.listEmpty}>
        {(items) => (
          <DataTable
            id="design-caption"
            caption={t.designer.listTable}
            className="table design-table"
            columns={[
              t.designer.colTitle,
              t.designer.colStatus,
              t.designer.colForm,
              { label: t.designer.colEcts, number: true },
              { label: t.designer.colVersion, number: true },
            ]}
          >
            {items.map((item) => (
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
          </DataTable>
        )}
      </CountedList>
    </>
  );
}
