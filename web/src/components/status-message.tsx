import type { ReactNode, Ref } from 'react';

/** A calm, framed message for empty, error, not-found and success states. */
export function StatusMessage({
  title,
  children,
  tone = 'neutral',
  headingLevel = 2,
  role,
  headingRef,
  focusable,
}: {
  title: string;
  children?: ReactNode;
  tone?: 'neutral' | 'error' | 'success' | 'warning';
  headingLevel?: 1 | 2 | 3;
  role?: 'alert' | 'status';
  headingRef?: Ref<HTMLHeadingElement>;
  /** Lets a script move the focus to the heading (a page title always allows it). */
  focusable?: boolean;
}) {
  const Heading = headingLevel === 1 ? 'h1' : headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className={`status-message status-message--${tone}`} role={role}>
      <Heading
        className="status-message__title"
        ref={headingRef}
        tabIndex={headingLevel === 1 || focusable ? -1 : undefined}
      >
        {title}
      </Heading>
      {children}
    </div>
  );
}
