import { useEffect, useMemo, useRef, useState } from 'react';
import { fetchCatalogue, type CataloguePage as Page } from '../../api/catalogue.ts';
import { isAbort } from '../../api/http.ts';
import {
  apiQuery,
  cataloguePath,
  EMPTY_FILTERS,
  parseFilters,
  type CatalogueFilters,
} from '../../catalogue-query.ts';
import { CatalogueFilters as FiltersForm } from '../../components/catalogue-filters.tsx';
import { MicroCredentialCard } from '../../components/micro-credential-card.tsx';
import { Pager } from '../../components/pager.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { useI18n } from '../../i18n/language.tsx';
import { navigate } from '../../router.tsx';
import { LoadFailed } from '../../components/load-state.tsx';
import { PageIntro } from '../../components/page-intro.tsx';

interface LoadState {
  data?: Page | undefined;
  loading: boolean;
  failed: boolean;
}

/** The last catalogue address, so that "back to the catalogue" returns to the same search. */
let lastCatalogueSearch = '';
export function lastCataloguePath(): string {
  return `/${lastCatalogueSearch}`;
}

export function CataloguePage({ search }: { search: string }) {
  const { t } = useI18n();
  useDocumentTitle(t.catalogue.pageTitle);
  const filters = useMemo(() => parseFilters(search), [search]);
  const query = apiQuery(filters).toString();
  const [state, setState] = useState<LoadState>({ loading: true, failed: false });
  const [attempt, setAttempt] = useState(0);
  const resultsHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    lastCatalogueSearch = search;
  }, [search]);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true, failed: false }));
    fetchCatalogue(new URLSearchParams(query), controller.signal).then(
      (data) => setState({ data, loading: false, failed: false }),
      (error: unknown) => {
        if (isAbort(error)) return;
        setState({ data: undefined, loading: false, failed: true });
      },
    );
    return () => controller.abort();
  }, [query, attempt]);

  const apply = (next: CatalogueFilters) => navigate(cataloguePath(next));
  const focusResults = () => {
    resultsHeading.current?.focus({ preventScroll: true });
    resultsHeading.current?.scrollIntoView({ block: 'start' });
  };

  const { data } = state;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const from = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = data ? Math.min(data.total, from + data.items.length - 1) : 0;

  let status = '';
  if (state.failed) status = t.catalogue.errorTitle;
  else if (!data) status = t.catalogue.loading;
  else if (data.total === 0) status = t.catalogue.emptyTitle;
  else if (data.items.length === 0) status = t.catalogue.pageEmpty(data.total);
  else status = t.catalogue.range(from, to, data.total);

  return (
    <>
      <PageIntro title={t.catalogue.heading} lead={t.catalogue.intro} />

      <FiltersForm filters={filters} onChange={apply} />

      <section className="results" aria-labelledby="results-heading">
        <div className="results__header">
          <h2 id="results-heading" className="results__heading" ref={resultsHeading} tabIndex={-1}>
            {t.catalogue.resultsHeading}
          </h2>
          <p className="results__count" role="status" aria-live="polite" aria-atomic="true">
            {status}
          </p>
        </div>

        {state.failed ? (
          <LoadFailed
            title={t.catalogue.errorTitle}
            onRetry={() => setAttempt((n) => n + 1)}
            retryLabel={t.catalogue.retry}
          >
            <p>{t.catalogue.errorBody}</p>
          </LoadFailed>
        ) : null}

        {!state.failed && data && data.items.length === 0 ? (
          <StatusMessage title={t.catalogue.emptyTitle}>
            <p>{data.total === 0 ? t.catalogue.emptyBody : t.catalogue.pageEmpty(data.total)}</p>
            {data.total === 0 ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => apply({ ...EMPTY_FILTERS, pageSize: filters.pageSize })}
              >
                {t.catalogue.clearFilters}
              </button>
            ) : (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => apply({ ...filters, page: 1 })}
              >
                {t.catalogue.firstPage}
              </button>
            )}
          </StatusMessage>
        ) : null}

        {!state.failed && data && data.items.length > 0 ? (
          <ul
            className={`results__list${state.loading ? ' results__list--stale' : ''}`}
            aria-busy={state.loading}
          >
            {data.items.map((item) => (
              <li key={item.id}>
                <MicroCredentialCard item={item} />
              </li>
            ))}
          </ul>
        ) : null}

        {!state.failed && data ? (
          <Pager
            page={data.page}
            pages={pages}
            hrefFor={(page) => cataloguePath({ ...filters, page })}
            onNavigate={focusResults}
          />
        ) : null}
      </section>
    </>
  );
}
