import type { MouseEvent } from 'react';
import { catalogueText as ruleText } from '../../../src/catalogue/messages.ts';
import { useI18n } from '../i18n/language.tsx';
import type { CheckProblem, DraftCheck } from '../micro-credential-draft.ts';
import { focusControl } from './error-summary.tsx';

/** The message of a rule in the interface language, the same words the server and the CLI use. */
export function ruleMessage(problem: CheckProblem, lang: 'nl' | 'en'): string {
  return problem.message ? problem.message[lang] : ruleText(problem.rule, lang, problem.params);
}

function Group({
  title,
  tone,
  problems,
  targetFor,
}: {
  title: string;
  tone: 'error' | 'missing' | 'warning';
  problems: readonly CheckProblem[];
  targetFor: (field: string) => string | undefined;
}) {
  const { lang } = useI18n();
  if (problems.length === 0) return null;
  const follow = (target: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    focusControl(target);
  };
  return (
    <div className={`rule-check__group rule-check__group--${tone}`}>
      <h3 className="rule-check__title">
        {title} <span className="rule-check__count">({problems.length})</span>
      </h3>
      <ul className="rule-check__list">
        {problems.map((problem, index) => {
          const message = ruleMessage(problem, lang);
          const target = targetFor(problem.field);
          return (
            <li key={`${problem.field}-${problem.rule}-${index}`}>
              {target ? (
                <a href={`#${target}`} onClick={follow(target)}>
                  {message}
                </a>
              ) : (
                message
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * What the framework rules say about the draft right now: what blocks saving, what is still missing
 * before submission, and what is allowed but unusual.
 */
export function RuleCheckPanel({
  check,
  targetFor,
}: {
  check: DraftCheck;
  targetFor: (field: string) => string | undefined;
}) {
  const { t } = useI18n();
  const clean = check.errors.length + check.missing.length + check.warnings.length === 0;
  return (
    <aside className="rule-check" aria-labelledby="rule-check-heading">
      <h2 id="rule-check-heading" className="rule-check__heading">
        {t.designer.checkHeading}
      </h2>
      <p className="rule-check__intro">{t.designer.checkIntro}</p>
      <Group title={t.designer.checkErrors} tone="error" problems={check.errors} targetFor={targetFor} />
      <Group title={t.designer.checkMissing} tone="missing" problems={check.missing} targetFor={targetFor} />
      <Group
        title={t.designer.checkWarnings}
        tone="warning"
        problems={check.warnings}
        targetFor={targetFor}
      />
      {clean ? <p className="rule-check__ok">{t.designer.checkAllGood}</p> : null}
    </aside>
  );
}
