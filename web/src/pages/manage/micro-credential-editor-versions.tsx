import type { VersionEntry } from '../../api/catalogue.ts';
import { StatusBadge } from '../../components/status-badge.tsx';
import { formatDateTime } from '../../format.ts';
import { useI18n } from '../../i18n/language.tsx';
import { DataTable } from '../../components/data-table.tsx';

/** The versions of a micro-credential, with the button to start a new one where that is allowed. */
export function VersionHistory({
  versions,
  onNewVersion,
}: {
  versions: VersionEntry[];
  /** Absent while the current version does not allow a new one. */
  onNewVersion: (() => void) | undefined;
}) {
  const { t, lang } = useI18n();
  return (
    <section className="editor-versions" aria-labelledby="versions-heading">
      <div className="section-header">
        <h2 id="versions-heading">{t.designer.versionsHeading}</h2>
        {onNewVersion ? (
          <button type="button" className="button button--secondary" onClick={onNewVersion}>
            {t.designer.newVersion}
          </button>
        ) : null}
      </div>
      <DataTable
        id="versions-caption"
        caption={t.designer.versionsTable}
        columns={[
          t.designer.colVersion,
          t.designer.colStatus,
          t.designer.colUpdated,
          t.designer.colPublished,
        ]}
      >
        {versions.map((entry) => (
          <tr key={entry.version}>
            <th scope="row">{entry.version}</th>
            <td>
              <StatusBadge status={entry.status} />
            </td>
            <td>{formatDateTime(entry.updatedAt, lang)}</td>
            <td>{entry.publishedAt ? formatDateTime(entry.publishedAt, lang) : t.designer.none}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
