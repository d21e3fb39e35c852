import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CourseUnitView } from '../../api/catalogue.ts';
import type { FieldFeedback } from '../../components/form-field.tsx';
import { ruleMessage } from '../../components/rule-check-panel.tsx';
import { useI18n } from '../../i18n/language.tsx';
import {
  checkDraft,
  controlIdFor,
  courseUnitFacts,
  emptyDraft,
  newKey,
  normalizeField,
  toDefinition,
  toDraftField,
  type MicroCredentialDraft,
  type TextPair,
} from '../../micro-credential-draft.ts';

export type PairField = 'title' | 'description' | 'assessmentType' | 'prerequisites' | 'stackability';
export type TextKey =
  'code' | 'ects' | 'vksLevel' | 'workloadHours' | 'tuitionEur' | 'fieldOfStudy' | 'furtherInfoUrl';
type RowField = 'learningOutcomes' | 'partners';
type Row<K extends RowField> = MicroCredentialDraft[K][number];

/** `courseUnits[2]` is shown (and touched) with the course unit picker as a whole. */
function touchKeyOf(field: string): string {
  return field.startsWith('courseUnits') ? 'courseUnits' : field;
}

export function addTo(map: Map<string, string[]>, key: string, message: string): void {
  const list = map.get(key) ?? [];
  if (!list.includes(message)) map.set(key, [...list, message]);
}

/**
 * The draft of the editor with what it says about each field: the framework rules checked as the
 * designer types (errors once a field was left or saving was tried, warnings at once) and the server's
 * refusals until the field changes.
 */
export function useDraftForm(units: CourseUnitView[] | undefined) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<MicroCredentialDraft>(emptyDraft);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<ReadonlyMap<string, string[]>>(new Map());
  const [dirty, setDirty] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [focusNext, setFocusNext] = useState<string>();

  const definition = useMemo(() => toDefinition(draft), [draft]);
  const facts = useMemo(() => (units ? courseUnitFacts(units) : undefined), [units]);
  const check = useMemo(() => checkDraft(definition, facts), [definition, facts]);

  // Screen reader users hear the tally once typing pauses, not at every key.
  useEffect(() => {
    if (!dirty) return;
    const timer = window.setTimeout(
      () =>
        setAnnouncement(
          t.designer.checkSummary(check.errors.length, check.missing.length, check.warnings.length),
        ),
      1200,
    );
    return () => window.clearTimeout(timer);
  }, [check, dirty, t]);

  useEffect(() => {
    if (!focusNext) return;
    document.getElementById(focusNext)?.focus();
    setFocusNext(undefined);
  }, [focusNext]);

  const targetFor = useCallback(
    (field: string): string | undefined => {
      const key = normalizeField(toDraftField(field, draft));
      if (key === 'institution') return undefined;
      if (key === 'qaType' || key === 'form') return `mc-form-${draft.form}`;
      if (key === 'learningOutcomes')
        return draft.learningOutcomes.length ? 'mc-learningOutcomes-0-nl' : 'mc-add-outcome';
      if (key === 'courseUnits') {
        const first = draft.courseUnits[0] ?? units?.[0]?.code;
        return first ? `mc-unit-${first}` : undefined;
      }
      const unit = /^courseUnits\[(\d+)\]$/.exec(key);
      if (unit) {
        const picked = draft.courseUnits[Number(unit[1])];
        return picked ? `mc-unit-${picked}` : undefined;
      }
      if (key === 'partners') return 'mc-add-partner';
      return controlIdFor(key);
    },
    [draft, units],
  );

  const messages = useMemo(() => {
    const errors = new Map<string, string[]>();
    const warnings = new Map<string, string[]>();
    for (const problem of check.errors) {
      const key = normalizeField(toDraftField(problem.field, draft));
      if (attempted || touched.has(touchKeyOf(key))) addTo(errors, key, ruleMessage(problem, lang));
    }
    for (const problem of check.warnings) {
      addTo(warnings, normalizeField(toDraftField(problem.field, draft)), ruleMessage(problem, lang));
    }
    for (const [key, texts] of serverErrors) for (const text of texts) addTo(errors, key, text);
    return { errors, warnings };
  }, [check, draft, attempted, touched, serverErrors, lang]);

  const feedback = (key: string): FieldFeedback => ({
    errors: messages.errors.get(key) ?? [],
    warnings: messages.warnings.get(key) ?? [],
  });

  const touch = (key: string) =>
    setTouched((previous) => (previous.has(key) ? previous : new Set(previous).add(key)));

  const change = (
    key: string,
    apply: (d: MicroCredentialDraft) => MicroCredentialDraft,
    touchNow = false,
  ) => {
    setDraft(apply);
    setDirty(true);
    setServerErrors((previous) => {
      if (!previous.has(key)) return previous;
      const next = new Map(previous);
      next.delete(key);
      return next;
    });
    if (touchNow) touch(touchKeyOf(key));
  };

  const setText =
    (key: TextKey, touchNow = false) =>
    (value: string) =>
      change(key, (d) => ({ ...d, [key]: value }), touchNow);

  const setPair = (field: PairField, language: keyof TextPair) => (value: string) =>
    change(`${field}.${language}`, (d) => ({ ...d, [field]: { ...d[field], [language]: value } }));

  /**
   * Adding, removing and changing the rows of a repeatable list. The focus follows: to the first field
   * (`mc-<field>-<index>-<first>`) of a new row or of the row that took a removed one's place, else
   * to the add button `addId`.
   */
  const rows = <K extends RowField>(field: K, first: string, addId: string, blank: () => Row<K>) => {
    const list = draft[field] as Row<K>[];
    const update = (d: MicroCredentialDraft, next: (rows: Row<K>[]) => Row<K>[]) => ({
      ...d,
      [field]: next(d[field] as Row<K>[]),
    });
    return {
      add: () => {
        const index = list.length;
        change(field, (d) => update(d, (current) => [...current, blank()]));
        setFocusNext(`mc-${field}-${index}-${first}`);
      },
      remove: (index: number) => {
        const remaining = list.length - 1;
        change(field, (d) => update(d, (current) => current.filter((_, i) => i !== index)));
        setFocusNext(remaining === 0 ? addId : `mc-${field}-${Math.min(index, remaining - 1)}-${first}`);
      },
      set: (index: number, key: Exclude<keyof Row<K>, 'key'> & string, value: string, touchNow = false) =>
        change(
          `${field}[${index}].${key}`,
          (d) =>
            update(d, (current) => current.map((row, i) => (i === index ? { ...row, [key]: value } : row))),
          touchNow,
        ),
    };
  };

  const outcomes = rows('learningOutcomes', 'nl', 'mc-add-outcome', () => ({
    key: newKey(),
    nl: '',
    en: '',
  }));
  const partners = rows('partners', 'name', 'mc-add-partner', () => ({
    key: newKey(),
    name: '',
    kind: '' as const,
    url: '',
  }));

  return {
    draft,
    setDraft,
    definition,
    check,
    attempted,
    setAttempted,
    setServerErrors,
    targetFor,
    announcement,
    errorsAt: (key: string) => messages.errors.get(key) ?? [],
    feedback,
    touch,
    change,
    setText,
    setPair,
    outcomes,
    partners,
  };
}

export type DraftForm = ReturnType<typeof useDraftForm>;
