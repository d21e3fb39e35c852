import type { ReactNode } from 'react';
import { CAPABILITIES } from '../../../../src/core/permissions.ts';
import type { Role } from '../../api/accounts.ts';
import { LocalNav, ManageNav } from '../../components/manage-nav.tsx';
import { StatusMessage } from '../../components/status-message.tsx';
import { useDocumentTitle } from '../../document-title.ts';
import { useI18n } from '../../i18n/language.tsx';
import { Link, managePath, signInPath, useLocation, type ManageSection } from '../../router.tsx';
import { useSession } from '../../session.tsx';
import {
  AREA_HOME,
  AREA_CAPABILITY,
  areaOf,
  mayOpen,
  rolesAt,
  STAFF_AREAS,
  type StaffArea,
} from '../../staff-areas.ts';
import { institutionName, usePublicInstitutions } from '../../use-institutions.ts';
import { AdminAudit } from './admin-audit.tsx';
import { AdminMembers } from './admin-members.tsx';
import { AdminOutbox } from './admin-outbox.tsx';
import { AdminTokens } from './admin-tokens.tsx';
import { AwardingPage } from './awarding-page.tsx';
import { DesignerList } from './designer-list.tsx';
import { EditionsPage } from './editions-page.tsx';
import { EnrolmentsPage } from './enrolments-page.tsx';
import { MicroCredentialEditor } from './micro-credential-editor.tsx';
import { QualityPage } from './quality-page.tsx';
import { ResultsPage } from './results-page.tsx';
import { Loading } from '../../components/load-state.tsx';
import { PageIntro } from '../../components/page-intro.tsx';

/** Everything a section of the staff area needs to know about where it is. */
export interface ManageContext {
  slug: string;
  institution: string;
  roles: readonly Role[];
}

/**
 * The staff area of one institution: a sub-navigation with only the parts the roles allow, and the part
 * that was asked for. Without an account, a role at the institution or the right role, it says so.
 */
export function ManagePage({
  slug,
  section,
  code,
  search,
}: {
  slug: string;
  section: ManageSection;
  code: string | undefined;
  search: string;
}) {
  const { t, lang } = useI18n();
  const { state, refresh } = useSession();
  const { pathname } = useLocation();
  const institutions = usePublicInstitutions();
  const institution = institutionName(institutions, slug, lang);
  const area = areaOf(section);

  if (state.status === 'loading') {
    return <Loading announce />;
  }
  if (state.status === 'unknown') {
    return (
      <Gate title={t.manage.unknownHeading} tone="error">
        <p>{t.manage.unknownBody}</p>
        <button type="button" className="button button--primary" onClick={() => void refresh()}>
          {t.formMessages.retry}
        </button>
      </Gate>
    );
  }
  if (state.status === 'anonymous') {
    return (
      <Gate title={t.manage.signInHeading}>
        <p>{t.manage.signInBody}</p>
        <Link to={signInPath(pathname + search)} className="button button--primary">
          {t.manage.signInLink}
        </Link>
      </Gate>
    );
  }
  const roles = rolesAt(state.session.memberships, slug);
  if (roles.length === 0) {
    return (
      <Gate title={t.manage.notStaffHeading}>
        <p>{t.manage.notStaffBody}</p>
      </Gate>
    );
  }

  const context: ManageContext = { slug, institution, roles };
  return (
    <div className="manage">
      <p className="manage__area">{t.manage.areaTitle(institution)}</p>
      <ManageNav slug={slug} institution={institution} roles={roles} current={area} />
      <div className="manage__content">
        {mayOpen(area, roles) ? (
          <Section context={context} section={section} code={code} search={search} />
        ) : (
          <NoAccess context={context} area={area} />
        )}
      </div>
    </div>
  );
}

function Gate({ title, tone, children }: { title: string; tone?: 'error'; children: ReactNode }) {
  useDocumentTitle(title);
  return (
    <StatusMessage title={title} headingLevel={1} tone={tone}>
      {children}
    </StatusMessage>
  );
}

function NoAccess({ context, area }: { context: ManageContext; area: StaffArea }) {
  const { t } = useI18n();
  useDocumentTitle(`${t.manage.noAccessHeading} — ${t.manage.areaTitle(context.institution)}`);
  const capability = AREA_CAPABILITY[area];
  const needed = (capability ? CAPABILITIES[capability] : [])
    .map((role) => t.roles[role])
    .join(` ${t.manage.or} `);
  return (
    <StatusMessage title={t.manage.noAccessHeading} headingLevel={1}>
      <p>{t.manage.noAccessBody(needed)}</p>
    </StatusMessage>
  );
}

function Section({
  context,
  section,
  code,
  search,
}: {
  context: ManageContext;
  section: ManageSection;
  code: string | undefined;
  search: string;
}) {
  switch (section) {
    case 'overview':
      return <Overview context={context} />;
    case 'micro-credentials':
      return <DesignerList context={context} />;
    case 'micro-credential-new':
      return <MicroCredentialEditor key="new" context={context} code={undefined} />;
    case 'micro-credential':
      return <MicroCredentialEditor key={code} context={context} code={code} />;
    case 'members':
    case 'api-tokens':
    case 'outbox':
    case 'audit':
      return <Administration context={context} page={section} search={search} />;
    case 'quality':
      return <QualityPage context={context} search={search} />;
    case 'editions':
      return <EditionsPage context={context} />;
    case 'enrolments':
      return <EnrolmentsPage context={context} search={search} />;
    case 'results':
      return <ResultsPage context={context} search={search} />;
    case 'awarding':
      return <AwardingPage context={context} search={search} />;
  }
}

function Overview({ context }: { context: ManageContext }) {
  const { t } = useI18n();
  const title = t.manage.areaTitle(context.institution);
  useDocumentTitle(title);
  const areas = STAFF_AREAS.filter((area) => area !== 'overview' && mayOpen(area, context.roles));
  return (
    <>
      <div className="page-intro">
        <h1 className="page-title" tabIndex={-1}>
          {title}
        </h1>
        <p className="lead">{t.manage.sectionIntros.overview}</p>
        <p>
          <span className="muted">{t.manage.yourRoles}: </span>
          {context.roles.map((role) => t.roles[role]).join(', ')}
        </p>
      </div>
      <ul className="area-list">
        {areas.map((area) => (
          <li key={area} className="area-card">
            <h2 className="area-card__title">
              <Link to={managePath(context.slug, AREA_HOME[area])} className="card__link">
                {t.manage.sections[area]}
              </Link>
            </h2>
            <p className="area-card__text">{t.manage.sectionIntros[area]}</p>
          </li>
        ))}
      </ul>
    </>
  );
}

function Administration({
  context,
  page,
  search,
}: {
  context: ManageContext;
  page: 'members' | 'api-tokens' | 'outbox' | 'audit';
  search: string;
}) {
  const { t } = useI18n();
  const heading =
    page === 'members'
      ? t.admin.membersHeading
      : page === 'api-tokens'
        ? t.tokens.heading
        : page === 'outbox'
          ? t.admin.outboxHeading
          : t.admin.auditHeading;
  useDocumentTitle(`${heading} — ${t.manage.areaTitle(context.institution)}`);
  return (
    <>
      <PageIntro title={t.manage.sections.admin} lead={t.manage.sectionIntros.admin} compact />
      <LocalNav
        label={t.admin.localNav}
        items={[
          { to: managePath(context.slug, 'members'), text: t.admin.membersLink, current: page === 'members' },
          {
            to: managePath(context.slug, 'api-tokens'),
            text: t.tokens.link,
            current: page === 'api-tokens',
          },
          { to: managePath(context.slug, 'outbox'), text: t.admin.outboxLink, current: page === 'outbox' },
          { to: managePath(context.slug, 'audit'), text: t.admin.auditLink, current: page === 'audit' },
        ]}
      />
      {page === 'members' ? <AdminMembers context={context} /> : null}
      {page === 'api-tokens' ? <AdminTokens context={context} /> : null}
      {page === 'outbox' ? <AdminOutbox context={context} /> : null}
      {page === 'audit' ? <AdminAudit context={context} search={search} /> : null}
    </>
  );
}
