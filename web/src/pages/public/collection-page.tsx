import { ApiError } from '../../api/http.ts';
import { fetchPublicCollection, type PublicCollectionItem } from '../../api/wallet.ts';
import { LoadFailed, Loading } from '../../components/load-state.tsx';
import { OutcomeIcon } from '../../components/outcome-icon.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { formatDate } from '../../format.ts';
import { useI18n } from '../../i18n/language.tsx';
import { Link } from '../../router.tsx';
import { useLoad } from '../../use-load.ts';

/**
 * A shared collection, for anyone with its link: each credential with its issuer, date, status and a live
 * verification verdict, linked to its own page when that is shared, and downloadable through the collection.
 */
export function CollectionPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const page = t.collectionPage;
  const [load, retry] = useLoad((signal) => fetchPublicCollection(id, signal), `${id}/${lang}`);
  const status = load.status === 'failed' && load.error instanceof ApiError ? load.error.status : undefined;
  useDocumentTitle(
    load.status === 'ready'
      ? load.value.title
      : status === 404
        ? page.notFoundTitle
        : status === 403
          ? page.privateTitle
          : load.status === 'failed'
            ? page.errorTitle
            : undefined,
  );
  if (load.status === 'loading') return <Loading announce text={page.loading} />;
  if (status === 404 || status === 403)
    return (
      <StatusMessage title={status === 404 ? page.notFoundTitle : page.privateTitle} headingLevel={1}>
        <p>{status === 404 ? page.notFoundBody : page.privateBody}</p>
      </StatusMessage>
    );
  if (load.status === 'failed')
    return <LoadFailed title={page.errorTitle} error={load.error} onRetry={retry} headingLevel={1} />;
  const collection = load.value;
  return (
    <article className="collection-page">
      <header className="detail__header">
        <p className="eyebrow">{page.eyebrow}</p>
        <h1 className="page-title" tabIndex={-1}>
          {collection.title}
        </h1>
        {collection.owner ? <p className="detail__awarded">{page.by(collection.owner)}</p> : null}
        {collection.description ? <p className="lead">{collection.description}</p> : null}
      </header>
      {collection.items.length === 0 ? (
        <p className="empty-state">{page.empty}</p>
      ) : (
        <ul className="collection-page__items">
          {collection.items.map((item) => (
            <CollectionItem key={`${item.kind}:${item.id}`} item={item} />
          ))}
        </ul>
      )}
    </article>
  );
}

function CollectionItem({ item }: { item: PublicCollectionItem }) {
  const { t, lang } = useI18n();
  const page = t.collectionPage;
  const valid = item.verified && item.status === 'valid';
  const headingId = `collection-item-${item.kind}-${item.id}`;
  return (
    <li className="panel collection-page__item">
      <OutcomeIcon outcome={valid ? (item.issuerTrust === 'recognised' ? 'ok' : 'warning') : 'failed'} />
      <div className="collection-page__body">
        <h2 id={headingId} className="collection-page__title">
          {item.title}
        </h2>
        <p>
          {item.institution ?? page.unknownIssuer}
          {item.kind === 'imported' ? <span className="badge badge--neutral">{page.imported}</span> : null}
        </p>
        <p className="detail__place">
          {item.issuedAt ? (
            <>
              {page.issuedOn} <time dateTime={item.issuedAt}>{formatDate(item.issuedAt, lang)}</time>
            </>
          ) : null}{' '}
          <span className={`badge badge--${valid ? 'success' : 'error'}`}>
            {item.status === 'valid'
              ? item.verified
                ? page.verified
                : page.notVerified
              : t.credentialPage.statusNames[item.status]}
          </span>
        </p>
        <div className="button-row">
          {item.page ? (
            <Link to={item.page} className="button button--secondary button--small">
              {page.view}
            </Link>
          ) : null}
          <a href={item.json} className="button button--secondary button--small" download>
            {page.download}
          </a>
        </div>
      </div>
    </li>
  );
}
