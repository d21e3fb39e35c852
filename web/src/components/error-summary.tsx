import { useCallback, useEffect, useId, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { useI18n } from '../i18n/language.tsx';

export interface SummaryItem {
  message: string;
  /** The id of the control to fix it in, when there is one. */
  target?: string | undefined;
}

/** Puts the focus on a form control and brings it into view. */
export function focusControl(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: 'center' });
}

/**
 * The list of problems at the top of a form. It takes the focus whenever a submit fails, so that keyboard
 * and screen reader users learn at once what to fix; each problem links to its field.
 */
export function ErrorSummary({
  items,
  summaryRef,
}: {
  items: readonly SummaryItem[];
  summaryRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useI18n();
  const id = useId();
  if (items.length === 0) return null;
  const follow = (target: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusControl(target);
  };
  return (
    <div className="error-summary" ref={summaryRef} tabIndex={-1} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="error-summary__title">
        {items.length === 1
          ? t.formMessages.errorSummaryTitle
          : t.formMessages.errorSummaryTitleMany(items.length)}
      </h2>
      <ul className="error-summary__list">
        {items.map((item, index) =>
          item.target ? (
            <li key={`${index}-${item.message}`}>
              <a href={`#${item.target}`} onClick={follow(item.target)}>
                {item.message}
              </a>
            </li>
          ) : (
            <li key={`${index}-${item.message}`}>{item.message}</li>
          ),
        )}
      </ul>
    </div>
  );
}

/** State for an error summary: `show` replaces the problems and moves the focus to the summary. */
export function useErrorSummary() {
  const ref = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<{ items: SummaryItem[]; shown: number }>({ items: [], shown: 0 });
  useEffect(() => {
    if (state.shown > 0 && state.items.length > 0) {
      ref.current?.focus({ preventScroll: true });
      ref.current?.scrollIntoView({ block: 'start' });
    }
  }, [state]);
  const show = useCallback((items: SummaryItem[]) => setState((s) => ({ items, shown: s.shown + 1 })), []);
  const clear = useCallback(() => setState((s) => (s.items.length ? { items: [], shown: s.shown } : s)), []);
  return { ref, items: state.items, show, clear };
}
