import { useEffect, useState } from 'react';
import { fetchInstitutions, type PublicInstitution } from './api/institutions.ts';
import type { Lang } from './i18n/dictionary.ts';

/** The institutions on the platform; empty until they arrive (or when they cannot be fetched). */
export function usePublicInstitutions(): PublicInstitution[] {
  const [list, setList] = useState<PublicInstitution[]>([]);
  useEffect(() => {
    let live = true;
    fetchInstitutions().then(
      (items) => {
        if (live) setList(items);
      },
      () => {
        // Without names, slugs stand in for them; the catalogue filter offers all institutions only.
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return list;
}

/** The name of an institution in the interface language; its slug while the names are not known. */
export function institutionName(list: readonly PublicInstitution[], slug: string, lang: Lang): string {
  const institution = list.find((item) => item.slug === slug);
  return institution ? institution.name[lang] || institution.name.nl : slug;
}
