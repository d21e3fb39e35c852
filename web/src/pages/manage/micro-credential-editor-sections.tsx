import { FORM_RULES, FORMS, VKS_LEVELS } from '../../../../src/catalogue/rules.ts';
import type { CourseUnitView } from '../../api/catalogue.ts';
import { describedBy, FieldMessages, SelectField, TextField } from '../../components/form-field.tsx';
import { Loading } from '../../components/load-state.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { formatNumber } from '../../format.ts';
import { pickText, useI18n } from '../../i18n/language.tsx';
import { controlIdFor } from '../../micro-credential-draft.ts';
import type { DraftForm, PairField } from './micro-credential-editor-form.ts';
import { PanelSection } from '../../components/panel-section.tsx';

/** A text in Dutch and English, side by side. */
export function PairFields({
  form,
  field,
  hint,
  rows,
  optional,
}: {
  form: DraftForm;
  field: PairField;
  hint?: string;
  rows?: number;
  optional?: boolean;
}) {
  const { t } = useI18n();
  const prefix = field === 'assessmentType' ? 'assessment' : field;
  const labels = [t.designer[`${prefix}Nl`], t.designer[`${prefix}En`]];
  return (
    <div className="field-pair">
      {(['nl', 'en'] as const).map((language, index) => (
        <TextField
          key={language}
          id={controlIdFor(`${field}.${language}`)}
          label={labels[index]}
          lang={language}
          hint={index === 0 ? hint : undefined}
          optional={optional || language === 'en'}
          value={form.draft[field][language]}
          onChange={form.setPair(field, language)}
          onBlur={() => form.touch(`${field}.${language}`)}
          rows={rows}
          maxLength={field === 'title' ? 300 : 4000}
          {...form.feedback(`${field}.${language}`)}
        />
      ))}
    </div>
  );
}

export function IdentitySection({ form, code }: { form: DraftForm; code: string | undefined }) {
  const { t } = useI18n();
  return (
    <PanelSection id="mc-section-identity" title={t.designer.sectionIdentity}>
      {code ? null : (
        <TextField
          id="mc-code"
          label={t.designer.code}
          hint={t.designer.codeHint}
          value={form.draft.code}
          onChange={form.setText('code')}
          onBlur={() => form.touch('code')}
          maxLength={40}
          spellCheck={false}
          autoComplete="off"
          className="input--short"
          {...form.feedback('code')}
        />
      )}
      <PairFields form={form} field="title" />
      <PairFields form={form} field="description" rows={4} optional />
    </PanelSection>
  );
}

/** Form A or B, the study load and level, and for form A the course units it is made of. */
export function FormSection({
  form,
  units,
  unitsFailed,
}: {
  form: DraftForm;
  units: CourseUnitView[] | undefined;
  unitsFailed: boolean;
}) {
  const { t } = useI18n();
  const { draft, change, feedback } = form;
  return (
    <PanelSection id="mc-section-form" title={t.designer.sectionForm}>
      <fieldset className="field choice-group">
        <legend className="field__label">{t.designer.form}</legend>
        {FORMS.map((option) => (
          <div className="choice" key={option}>
            <input
              type="radio"
              id={`mc-form-${option}`}
              name="mc-form"
              value={option}
              checked={draft.form === option}
              onChange={() => change('form', (d) => ({ ...d, form: option }), true)}
              aria-describedby={`mc-form-${option}-hint`}
            />
            <label htmlFor={`mc-form-${option}`} className="choice__label">
              {t.forms[option]}
            </label>
            <p id={`mc-form-${option}-hint`} className="choice__hint">
              {t.formExplanations[option]}
            </p>
          </div>
        ))}
      </fieldset>
      <p className="field__hint">
        {t.designer.qualityNote(t.qaTypes[FORM_RULES[draft.form].qualityAssurance])}
      </p>
      <TextField
        id="mc-ects"
        label={t.designer.ects}
        hint={t.designer.ectsHint}
        value={draft.ects}
        onChange={form.setText('ects', true)}
        inputMode="decimal"
        autoComplete="off"
        className="input--short"
        {...feedback('ects')}
      />
      <div className="field-grid">
        <SelectField
          id="mc-vksLevel"
          label={t.designer.vks}
          value={draft.vksLevel}
          onChange={form.setText('vksLevel', true)}
          placeholder={t.designer.notChosen}
          options={VKS_LEVELS.map((level) => ({
            value: String(level),
            label: t.catalogue.vksOption(level),
          }))}
          {...feedback('vksLevel')}
        />
        <TextField
          id="mc-workloadHours"
          label={t.designer.workloadHours}
          hint={t.designer.workloadHint}
          optional
          value={draft.workloadHours}
          onChange={form.setText('workloadHours', true)}
          inputMode="decimal"
          autoComplete="off"
          className="input--short"
          {...feedback('workloadHours')}
        />
      </div>
      {draft.form === 'regular' ? (
        <CourseUnitPicker form={form} units={units} unitsFailed={unitsFailed} />
      ) : null}
    </PanelSection>
  );
}

function CourseUnitPicker({
  form,
  units,
  unitsFailed,
}: {
  form: DraftForm;
  units: CourseUnitView[] | undefined;
  unitsFailed: boolean;
}) {
  const { t, lang } = useI18n();
  const { draft } = form;
  const unitsFeedback = form.feedback('courseUnits');
  const unitSum = draft.courseUnits.reduce(
    (sum, c) => sum + (units?.find((u) => u.code === c)?.ects ?? 0),
    0,
  );

  const toggleUnit = (unitCode: string, on: boolean) => {
    // The study load must equal the sum of the units: say so at the study load as soon as it differs.
    form.touch('ects');
    form.change(
      'courseUnits',
      (d) => ({
        ...d,
        courseUnits: on
          ? [...d.courseUnits.filter((c) => c !== unitCode), unitCode]
          : d.courseUnits.filter((c) => c !== unitCode),
      }),
      true,
    );
  };

  return (
    <fieldset className="field choice-group" aria-describedby="mc-courseUnits-hint">
      <legend className="field__label">{t.designer.courseUnits}</legend>
      <p id="mc-courseUnits-hint" className="field__hint">
        {t.designer.courseUnitsHint}
      </p>
      <FieldMessages id="mc-courseUnits" errors={unitsFeedback.errors} warnings={unitsFeedback.warnings} />
      {unitsFailed ? <p className="field__error">{t.designer.courseUnitsFailed}</p> : null}
      {!units && !unitsFailed ? <Loading /> : null}
      {units && units.length === 0 ? <p>{t.designer.courseUnitsEmpty}</p> : null}
      {units?.map((unit) => {
        const id = `mc-unit-${unit.code}`;
        const index = draft.courseUnits.indexOf(unit.code);
        const errors = index >= 0 ? form.errorsAt(`courseUnits[${index}]`) : [];
        const groupErrors = unitsFeedback.errors?.length ? ['mc-courseUnits-error'] : [];
        return (
          <div className="choice" key={unit.code}>
            <input
              type="checkbox"
              id={id}
              checked={index >= 0}
              onChange={(event) => toggleUnit(unit.code, event.target.checked)}
              aria-describedby={
                [describedBy(id, { errors }), ...groupErrors].filter(Boolean).join(' ') || undefined
              }
              aria-invalid={errors.length ? true : undefined}
            />
            <label htmlFor={id} className="choice__label">
              {t.designer.courseUnitOption(
                unit.code,
                pickText(unit.title, lang).value,
                formatNumber(unit.ects, lang),
              )}
              {unit.status === 'draft' && unit.publishedAt === null ? (
                <>
                  {' '}
                  <StatusBadge status="draft" />
                </>
              ) : null}
            </label>
            <FieldMessages id={id} errors={errors} />
          </div>
        );
      })}
      {draft.courseUnits.length > 0 ? (
        <p className="choice-group__sum">{t.designer.courseUnitsSum(formatNumber(unitSum, lang))}</p>
      ) : null}
    </fieldset>
  );
}
