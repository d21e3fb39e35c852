import { useEffect, useRef, useState, type Ref } from 'react';
import { useLoad } from '../use-load.ts';

export interface Notice {
  text: string;
  tone: 'success' | 'error';
}

/** The polite live line above a list that says what the last action did. */
export function LiveNotice({ notice }: { notice: Notice | undefined }) {
  return (
    <p
      className={`live-notice${notice ? ` live-notice--${notice.tone}` : ''}`}
      role="status"
      aria-live="polite"
    >
      {notice?.text}
    </p>
  );
}

/**
 * One item of a list asks "are you sure?" at a time. The confirm button takes the focus when it appears;
 * cancelling gives it back to the button with id `${triggerPrefix}-${id}` that asked.
 */
export function useConfirmation(triggerPrefix: string) {
  const [confirming, setConfirming] = useState<string>();
  const confirmButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const cancel = (id: string) => {
    setConfirming(undefined);
    requestAnimationFrame(() => document.getElementById(`${triggerPrefix}-${id}`)?.focus());
  };
  return { confirming, setConfirming, confirmButton, cancel };
}

/** The question with its two buttons, in place of the button that asked it. */
export function ConfirmBox({
  id,
  question,
  yes,
  no,
  onYes,
  onNo,
  yesRef,
}: {
  id: string;
  question: string;
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
  yesRef: Ref<HTMLButtonElement>;
}) {
  return (
    <div className="confirm" role="group" aria-labelledby={`confirm-${id}`}>
      <p id={`confirm-${id}`} className="confirm__question">
        {question}
      </p>
      <div className="button-row">
        <button ref={yesRef} type="button" className="button button--danger button--small" onClick={onYes}>
          {yes}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onNo}>
          {no}
        </button>
      </div>
    </div>
  );
}

/**
 * A list of an institution's things where each can be taken away after an "are you sure?": the load,
 * the confirmation (see useConfirmation), the notice of the last action and the heading that takes the
 * focus after one.
 */
export function useConfirmedList<T>(
  load: (slug: string, signal: AbortSignal) => Promise<T[]>,
  slug: string,
  triggerPrefix: string,
) {
  const [state, reload] = useLoad((signal) => load(slug, signal), slug);
  const confirmation = useConfirmation(triggerPrefix);
  const [notice, setNotice] = useState<Notice>();
  const heading = useRef<HTMLHeadingElement>(null);
  return { state, reload, ...confirmation, notice, setNotice, heading };
}
