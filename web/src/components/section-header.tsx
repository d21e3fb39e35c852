import type { Ref } from 'react';

/** The heading of a part of a page with, beside it, how many things it lists (a live status if `live`). */
export function SectionHeader({
  id,
  title,
  count,
  live = false,
  headingRef,
}: {
  id: string;
  title: string;
  /** Empty while the count is not known. */
  count: string;
  live?: boolean;
  /** A heading that takes the focus after an action gets a ref. */
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  return (
    <div className="section-header">
      <h2 id={id} ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        {title}
      </h2>
      <p className="section-header__count" role={live ? 'status' : undefined}>
        {count}
      </p>
    </div>
  );
}
