import { Fragment, type ComponentType, type ReactNode } from 'react';
import { EditionPicker } from '../../components/edition-picker.tsx';
import { PageIntro } from '../../components/page-intro.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { useI18n } from '../../i18n/language.tsx';
import { managePath } from '../../router.tsx';
import type { ManageContext } from './manage-page.tsx';
import type { Messages } from '../../i18n/dictionary.ts';

/**
 * A part of the staff area that works on one edition at a time: its title and lead, the edition picker,
 * and for the edition named by `?edition=` what `children` show (anew for each edition).
 */
export function EditionPage({
  context,
  search,
  section,
  lead,
  pickerLabel,
  children,
}: {
  context: ManageContext;
  search: string;
  section: 'enrolments' | 'results' | 'awarding';
  lead: string;
  pickerLabel: string;
  children: (edition: string) => ReactNode;
}) {
  const { t } = useI18n();
  const title = t.manage.sections[section];
  useDocumentTitle(`${title} — ${t.manage.areaTitle(context.institution)}`);
  const edition = new URLSearchParams(search).get('edition') ?? undefined;
  return (
    <>
      <PageIntro title={title} lead={lead} compact />
      <EditionPicker
        slug={context.slug}
        path={managePath(context.slug, section)}
        current={edition}
        label={pickerLabel}
      />
      {edition ? <Fragment key={edition}>{children(edition)}</Fragment> : null}
    </>
  );
}

/** The page of such a part: `texts` picks its lead (`intro`) and the picker's label (`edition`). */
export function editionPage(
  section: 'enrolments' | 'results' | 'awarding',
  texts: (t: Messages) => { intro: string; edition: string },
  Part: ComponentType<{ context: ManageContext; edition: string }>,
) {
  return function Page({ context, search }: { context: ManageContext; search: string }) {
    const { t } = useI18n();
    const { intro, edition } = texts(t);
    return (
      <EditionPage context={context} search={search} section={section} lead={intro} pickerLabel={edition}>
        {(code) => <Part context={context} edition={code} />}
      </EditionPage>
    );
  };
}
