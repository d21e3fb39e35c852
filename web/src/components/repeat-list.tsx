import type { ReactNode } from 'react';

/**
 * A list of rows the user adds and removes (learning outcomes, partners …): each row its fields and a
 * remove button, then one add button with id `addId`.
 */
export function RepeatList<Row extends { key: string | number }>({
  rows,
  fieldsClassName,
  addId,
  addLabel,
  removeText,
  removeLabel,
  onAdd,
  onRemove,
  children,
}: {
  rows: readonly Row[];
  /** The layout of a row's fields: `field-pair`, `field-grid`. */
  fieldsClassName: string;
  addId: string;
  addLabel: string;
  removeText: string;
  /** The accessible name of a row's remove button; rows are counted from 1. */
  removeLabel: (number: number) => string;
  onAdd: () => void;
  onRemove: (index: number) => void;
  children: (row: Row, index: number) => ReactNode;
}) {
  return (
    <>
      {rows.length > 0 ? (
        <ol className="repeat-list">
          {rows.map((row, index) => (
            <li key={row.key} className="repeat-row">
              <div className={fieldsClassName}>{children(row, index)}</div>
              <button
                type="button"
                className="button button--link button--small repeat-row__remove"
                aria-label={removeLabel(index + 1)}
                onClick={() => onRemove(index)}
              >
                {removeText}
              </button>
            </li>
          ))}
        </ol>
      ) : null}
      <button type="button" id={addId} className="button button--secondary" onClick={onAdd}>
        <span aria-hidden="true">+ </span>
        {addLabel}
      </button>
    </>
  );
}
