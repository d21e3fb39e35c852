import type { Role } from '../api/accounts.ts';
import { useI18n } from '../i18n/language.tsx';
import { Link, managePath } from '../router.tsx';
import { AREA_HOME, mayOpen, STAFF_AREAS, type StaffArea } from '../staff-areas.ts';

/** The parts of the staff area that the roles allow, with the current one marked. */
export function ManageNav({
  slug,
  institution,
  roles,
  current,
}: {
  slug: string;
  institution: string;
  roles: readonly Role[];
  current: StaffArea;
}) {
  const { t } = useI18n();
  return (
    <nav className="manage-nav" aria-label={t.manage.sectionNav(institution)}>
      <ul className="manage-nav__list">
        {STAFF_AREAS.filter((area) => mayOpen(area, roles)).map((area) => (
          <li key={area}>
            <Link
              to={managePath(slug, AREA_HOME[area])}
              className="manage-nav__link"
              aria-current={area === current ? 'page' : undefined}
            >
              {t.manage.sections[area]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Tabs between the pages of one part, such as the three pages of administration. */
export function LocalNav({
  label,
  items,
}: {
  label: string;
  items: ReadonlyArray<{ to: string; text: string; current: boolean }>;
}) {
  return (
    <nav className="local-nav" aria-label={label}>
      <ul className="local-nav__list">
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to} className="local-nav__link" aria-current={item.current ? 'page' : undefined}>
              {item.text}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
