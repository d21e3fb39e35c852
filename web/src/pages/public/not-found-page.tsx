import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { useI18n } from '../../i18n/language.tsx';
import { Link } from '../../router.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t.notFound.pageTitle);
  return (
    <StatusMessage title={t.notFound.heading} headingLevel={1}>
      <p>{t.notFound.body}</p>
      <Link to="/" className="button button--primary">
        {t.notFound.toCatalogue}
      </Link>
    </StatusMessage>
  );
}
