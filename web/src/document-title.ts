import { useEffect } from 'react';
import { useI18n } from './i18n/language.tsx';

/** Sets the browser tab title for the current page: "<page> — Stapel". */
export function useDocumentTitle(title: string | undefined): void {
  const { t } = useI18n();
  useEffect(() => {
    if (title) document.title = `${title} — ${t.meta.titleSuffix}`;
  }, [title, t]);
}
