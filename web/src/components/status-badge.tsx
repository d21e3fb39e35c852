import { useI18n } from '../i18n/language.tsx';

const TONES: Record<string, string> = {
  draft: 'neutral',
  submitted: 'info',
  approved: 'success',
  rejected: 'error',
  published: 'success',
  superseded: 'muted',
  withdrawn: 'muted',
};

/** The status of a version as a small label: concept, ingediend, goedgekeurd, gepubliceerd… */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge--${TONES[status] ?? 'neutral'}`}>
      {t.designer.statuses[status] ?? status}
    </span>
  );
}
