import type { ReactNode } from 'react';

/** A calm, framed message for empty, error and not-found states. */
export function StatusMessage({
  title,
  children,
  tone = 'neutral',
  headingLevel = 2,
  role,
}: {
  title: string;
  children?: ReactNode;
  tone?: 'neutral' | 'error';
  headingLevel?: 1 | 2 | 3;
  role?: 'alert' | 'status';
}) {
  const Heading = headingLevel === 1 ? 'h1' : headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className={`status-message status-message--${tone}`} role={role}>
      <Heading className="status-message__title" tabIndex={headingLevel === 1 ? -1 : undefined}>
        {title}
      </Heading>
      {children}
    </div>
  );
}
