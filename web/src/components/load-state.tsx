import type { ReactNode, Ref } from 'react';
import { failureText } from '../account-rules.ts';
import { useI18n } from '../i18n/language.tsx';
import type { Load } from '../use-load.ts';
import { StatusMessage } from './status-message.tsx';

/**
 * The paragraph shown while something loads. `announce` makes it a live status (for a whole page that is
 * still empty); a part of a page that has its own live count leaves it quiet.
 */
export function Loading({ text, announce = false }: { text?: string; announce?: boolean }) {
  const { t } = useI18n();
  return (
    <p className="loading" role={announce ? 'status' : undefined}>
      {text ?? t.formMessages.loading}
    </p>
  );
}

export interface LoadFailedProps {
  title: string;
  /** What went wrong, told in the interface language; `children` replaces it. */
  error?: unknown;
  children?: ReactNode;
  /** Without it there is no button: the failure is only told. */
  onRetry?: () => void;
  retryLabel?: string;
  headingLevel?: 1 | 2 | 3;
  /** An alert by default; a failure inside a part that is not looked at yet may stay quiet. */
  role?: 'alert' | 'status' | null;
  headingRef?: Ref<HTMLHeadingElement>;
}

/** A load that failed: a framed error with the reason and a button to try again. */
export function LoadFailed({
  title,
  error,
  children,
  onRetry,
  retryLabel,
  headingLevel = 2,
  role = 'alert',
  headingRef,
}: LoadFailedProps) {
  const { t } = useI18n();
  return (
    <StatusMessage
      title={title}
      headingLevel={headingLevel}
      tone="error"
      role={role ?? undefined}
      headingRef={headingRef}
    >
      {children ?? <p>{failureText(error, t)}</p>}
      {onRetry ? (
        <button type="button" className="button button--primary" onClick={onRetry}>
          {retryLabel ?? t.formMessages.retry}
        </button>
      ) : null}
    </StatusMessage>
  );
}

/** What a load shows: the loading paragraph, the failure with a retry, or `children` with the value. */
export function LoadView<T>({
  state,
  onRetry,
  failedTitle,
  failedHeadingLevel,
  failedRole,
  loadingText,
  announceLoading = false,
  children,
}: {
  state: Load<T>;
  onRetry: () => void;
  failedTitle: string;
  failedHeadingLevel?: 1 | 2 | 3;
  failedRole?: 'alert' | 'status' | null;
  loadingText?: string;
  announceLoading?: boolean;
  children: (value: T) => ReactNode;
}) {
  if (state.status === 'loading') {
    return <Loading announce={announceLoading} text={loadingText} />;
  }
  if (state.status === 'failed') {
    return (
      <LoadFailed
        title={failedTitle}
        error={state.error}
        onRetry={onRetry}
        headingLevel={failedHeadingLevel}
        role={failedRole}
      />
    );
  }
  return <>{children(state.value)}</>;
}

/**
 * A list inside a part of a page: loading, a quiet failure with a retry, the sentence for an empty list,
 * or `children` with the items.
 */
interface ListProps<T> {
  state: Load<T[]>;
  onRetry: () => void;
  /** What an empty list says. */
  empty: string;
  children: (items: T[]) => ReactNode;
}

export function ListView<T>({ state, onRetry, empty, children }: ListProps<T>) {
  const { t } = useI18n();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') {
    return (
      <LoadFailed
        title={t.designer.loadFailed}
        error={state.error}
        onRetry={onRetry}
        headingLevel={3}
        role={null}
      />
    );
  }
  return state.value.length === 0 ? <p>{empty}</p> : <>{children(state.value)}</>;
}

/**
 * The list of a page: a live count above it, the loading paragraph, a failure with a retry, a framed
 * message for an empty list, or `children` with the items.
 */
export function CountedList<T>({
  state,
  onRetry,
  failedTitle,
  count,
  empty,
  children,
}: ListProps<T> & { failedTitle?: string; count: (n: number) => string }) {
  const { t } = useI18n();
  return (
    <>
      <p className="results__count" role="status">
        {state.status === 'ready' ? count(state.value.length) : ''}
      </p>
      <LoadView state={state} onRetry={onRetry} failedTitle={failedTitle ?? t.designer.loadFailed}>
        {(items) => (items.length === 0 ? <StatusMessage title={empty} /> : children(items))}
      </LoadView>
    </>
  );
}
