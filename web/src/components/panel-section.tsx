import type { ReactNode } from 'react';

/** A part of a page in a panel, with its heading (id `id`) as the panel's name. */
export function PanelSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel editor-section" aria-labelledby={id}>
      <h2 id={id} className="editor-section__title">
        {title}
      </h2>
      {children}
    </section>
  );
}
