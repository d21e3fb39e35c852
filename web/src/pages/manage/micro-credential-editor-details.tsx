import {
  PARTICIPATION_FORMS,
  SUPERVISION_OPTIONS,
  type ParticipationForm,
  type Supervision,
} from '../../../../src/catalogue/rules.ts';
import { SelectField, TextField } from '../../components/form-field.tsx';
import { RepeatList } from '../../components/repeat-list.tsx';
import { languageName } from '../../format.ts';
import type { PartnerKind } from '../../i18n/dictionary.ts';
import { useI18n } from '../../i18n/language.tsx';
import type { DraftForm } from './micro-credential-editor-form.ts';
import { PairFields } from './micro-credential-editor-sections.tsx';
import { PanelSection } from '../../components/panel-section.tsx';

const CONTENT_LANGUAGES = ['nl', 'en', 'fr', 'de'];
const PARTNER_KINDS: readonly PartnerKind[] = [
  'company',
  'sector-organisation',
  'public-body',
  'education',
  'other',
];

/** `value` if it is one of `options`, else nothing chosen. */
function oneOf<T extends string>(options: readonly T[], value: string): T | '' {
  return (options as readonly string[]).includes(value) ? (value as T) : '';
}

export function OutcomesSection({ form }: { form: DraftForm }) {
  const { t } = useI18n();
  return (
    <PanelSection id="mc-section-outcomes" title={t.designer.sectionOutcomes}>
      <p className="field__hint">{t.designer.outcomesHint}</p>
      <RepeatList
        rows={form.draft.learningOutcomes}
        fieldsClassName="field-pair"
        addId="mc-add-outcome"
        addLabel={t.designer.addOutcome}
        removeText={t.designer.remove}
        removeLabel={t.designer.removeOutcome}
        onAdd={form.outcomes.add}
        onRemove={form.outcomes.remove}
      >
        {(row, index) =>
          (['nl', 'en'] as const).map((language) => (
            <TextField
              key={language}
              id={`mc-learningOutcomes-${index}-${language}`}
              label={language === 'nl' ? t.designer.outcomeNl(index + 1) : t.designer.outcomeEn(index + 1)}
              lang={language}
              optional={language === 'en'}
              rows={2}
              value={row[language]}
              onChange={(value) => form.outcomes.set(index, language, value)}
              maxLength={4000}
              {...form.feedback(`learningOutcomes[${index}].${language}`)}
            />
          ))
        }
      </RepeatList>
    </PanelSection>
  );
}

export function AssessmentSection({ form }: { form: DraftForm }) {
  const { t } = useI18n();
  return (
    <PanelSection id="mc-section-assessment" title={t.designer.sectionAssessment}>
      <PairFields form={form} field="assessmentType" hint={t.designer.assessmentHint} />
      <SelectField
        id="mc-supervision"
        label={t.designer.supervision}
        optional
        value={form.draft.supervision}
        onChange={(value) =>
          form.change(
            'supervision',
            (d) => ({ ...d, supervision: oneOf<Supervision>(SUPERVISION_OPTIONS, value) }),
            true,
          )
        }
        placeholder={t.designer.notChosen}
        options={SUPERVISION_OPTIONS.map((option) => ({ value: option, label: t.supervision[option] }))}
        {...form.feedback('supervision')}
      />
    </PanelSection>
  );
}

export function ParticipationSection({ form }: { form: DraftForm }) {
  const { t, lang } = useI18n();
  const { draft, change, feedback } = form;
  return (
    <PanelSection id="mc-section-participation" title={t.designer.sectionParticipation}>
      <div className="field-grid">
        <SelectField
          id="mc-participationForm"
          label={t.designer.participationForm}
          value={draft.participationForm}
          onChange={(value) =>
            change(
              'participationForm',
              (d) => ({ ...d, participationForm: oneOf<ParticipationForm>(PARTICIPATION_FORMS, value) }),
              true,
            )
          }
          placeholder={t.designer.notChosen}
          options={PARTICIPATION_FORMS.map((option) => ({
            value: option,
            label: t.participationForms[option],
          }))}
          {...feedback('participationForm')}
        />
        <SelectField
          id="mc-language"
          label={t.designer.language}
          value={draft.language}
          onChange={(value) => change('language', (d) => ({ ...d, language: value }), true)}
          options={[...new Set([...CONTENT_LANGUAGES, draft.language])].map((option) => ({
            value: option,
            label: languageName(option, lang),
          }))}
          {...feedback('language')}
        />
      </div>
      <PairFields form={form} field="prerequisites" rows={3} optional />
    </PanelSection>
  );
}

export function TuitionSection({ form }: { form: DraftForm }) {
  const { t } = useI18n();
  return (
    <PanelSection id="mc-section-tuition" title={t.designer.sectionTuition}>
      {form.draft.form === 'outside-regular' ? (
        <TextField
          id="mc-tuitionEur"
          label={t.designer.tuitionEur}
          hint={t.designer.tuitionHint}
          value={form.draft.tuitionEur}
          onChange={form.setText('tuitionEur', true)}
          inputMode="decimal"
          autoComplete="off"
          className="input--short"
          {...form.feedback('tuitionEur')}
        />
      ) : (
        <p className="field__hint">{t.designer.tuitionDecree}</p>
      )}
    </PanelSection>
  );
}

export function CooperationSection({ form }: { form: DraftForm }) {
  const { t } = useI18n();
  const { feedback, partners } = form;
  return (
    <PanelSection id="mc-section-cooperation" title={t.designer.sectionCooperation}>
      <h3 className="editor-section__subtitle">{t.designer.partnersHeading}</h3>
      <RepeatList
        rows={form.draft.partners}
        fieldsClassName="field-grid"
        addId="mc-add-partner"
        addLabel={t.designer.addPartner}
        removeText={t.designer.remove}
        removeLabel={t.designer.removePartner}
        onAdd={partners.add}
        onRemove={partners.remove}
      >
        {(row, index) => (
          <>
            <TextField
              id={`mc-partners-${index}-name`}
              label={t.designer.partnerName(index + 1)}
              value={row.name}
              onChange={(value) => partners.set(index, 'name', value)}
              maxLength={200}
              {...feedback(`partners[${index}].name`)}
            />
            <SelectField
              id={`mc-partners-${index}-kind`}
              label={t.designer.partnerKind(index + 1)}
              optional
              value={row.kind}
              onChange={(value) => partners.set(index, 'kind', oneOf(PARTNER_KINDS, value), true)}
              placeholder={t.designer.partnerKindNone}
              options={PARTNER_KINDS.map((kind) => ({ value: kind, label: t.partnerKinds[kind] }))}
              {...feedback(`partners[${index}].kind`)}
            />
            <TextField
              id={`mc-partners-${index}-url`}
              type="url"
              label={t.designer.partnerUrl(index + 1)}
              hint={t.designer.urlHint}
              optional
              value={row.url}
              onChange={(value) => partners.set(index, 'url', value)}
              onBlur={() => form.touch(`partners[${index}].url`)}
              inputMode="url"
              spellCheck={false}
              maxLength={500}
              {...feedback(`partners[${index}].url`)}
            />
          </>
        )}
      </RepeatList>
      <PairFields form={form} field="stackability" hint={t.designer.stackabilityHint} rows={3} optional />
    </PanelSection>
  );
}

export function MoreSection({ form }: { form: DraftForm }) {
  const { t } = useI18n();
  return (
    <PanelSection id="mc-section-more" title={t.designer.sectionMore}>
      <div className="field-grid">
        <TextField
          id="mc-fieldOfStudy"
          label={t.designer.fieldOfStudy}
          optional
          value={form.draft.fieldOfStudy}
          onChange={form.setText('fieldOfStudy')}
          maxLength={200}
          {...form.feedback('fieldOfStudy')}
        />
        <TextField
          id="mc-furtherInfoUrl"
          type="url"
          label={t.designer.furtherInfoUrl}
          hint={t.designer.urlHint}
          optional
          value={form.draft.furtherInfoUrl}
          onChange={form.setText('furtherInfoUrl')}
          onBlur={() => form.touch('furtherInfoUrl')}
          inputMode="url"
          spellCheck={false}
          maxLength={500}
          {...form.feedback('furtherInfoUrl')}
        />
      </div>
    </PanelSection>
  );
}
