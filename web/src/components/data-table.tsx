import type { ReactNode } from 'react';

/** A column heading; a column of numbers is aligned to the right. */
export type Column = string | { label: string; number: true };

/**
 * A table that scrolls sideways on a narrow screen, as a labelled region a keyboard can reach. The caption
 * (with id `id`) is for screen readers; without one, the heading with id `id` on the page names it.
 */
export function DataTable({
  id,
  caption,
  className = 'table',
  columns,
  children,
}: {
  id: string;
  caption?: string;
  className?: string;
  columns: readonly Column[];
  children: ReactNode;
}) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={id} tabIndex={0}>
      <table className={className}>
        {caption === undefined ? null : (
          <caption id={id} className="visually-hidden">
            {caption}
          </caption>
        )}
        <thead>
          <tr>
            {columns.map((column, index) =>
              typeof column === 'string' ? (
                <th key={index} scope="col">
                  {column}
                </th>
              ) : (
                <th key={index} scope="col" className="table__number">
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
