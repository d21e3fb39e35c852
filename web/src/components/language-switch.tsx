import { LANGUAGES } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/language.tsx';

/** NL / EN buttons; the pressed one is the current language. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t.layout.languageSwitch}>
      {LANGUAGES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="language-switch__button"
          aria-pressed={lang === code}
          onClick={() => setLang(code)}
        >
          <span aria-hidden="true">{code.toUpperCase()}</span>
          <span className="visually-hidden">{`${code.toUpperCase()} – ${t.languages[code]}`}</span>
        </button>
      ))}
    </div>
  );
}
