/** How a verdict or a single check turned out. */
export type Outcome = 'ok' | 'failed' | 'warning' | 'skipped';

const PATHS: Record<Outcome, string> = {
  ok: 'M6.5 12.5l3.6 3.6 7.4-8.2',
  failed: 'M8 8l8 8M16 8l-8 8',
  warning: 'M12 6.5v7M12 17.2v.3',
  skipped: 'M7.5 12h9',
};

/**
 * A tick, cross, exclamation mark or dash (not checked) in a coloured circle. Decorative: the outcome is always written out
 * next to it, so meaning never rests on the icon or its colour alone.
 */
export function OutcomeIcon({ outcome, size = 'normal' }: { outcome: Outcome; size?: 'normal' | 'large' }) {
  return (
    <svg
      className={`outcome-icon outcome-icon--${outcome} outcome-icon--${size}`}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="12" cy="12" r="12" className="outcome-icon__disc" />
      <path
        d={PATHS[outcome]}
        className="outcome-icon__mark"
        fill="none"
        strokeWidth="2.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
