import type { ReactNode } from 'react';

/**
 * The top of a page: its title (which the router focuses after a navigation) and the lead sentence under
 * it. `compact` for the parts of a staff area; `children` come after the lead.
 */
export function PageIntro({
  title,
  lead,
  compact = false,
  children,
}: {
  title: ReactNode;
  lead?: ReactNode;
  compact?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className={compact ? 'page-intro page-intro--compact' : 'page-intro'}>
      <h1 className="page-title" tabIndex={-1}>
        {title}
      </h1>
      {lead ? <p className="lead">{lead}</p> : null}
      {children}
    </div>
  );
}
