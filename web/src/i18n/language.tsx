import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LocalizedText } from '../../../src/catalogue/rules.ts';
import { DEFAULT_LANG, DICTIONARY, LANGUAGES, type Lang, type Messages } from './dictionary.ts';

const STORAGE_KEY = 'stapel.lang';

interface LanguageContextValue {
  lang: Lang;
  t: Messages;
  setLang: (lang: Lang) => void;
}

const LanguageContext = createContext<LanguageContextValue | undefined>(undefined);

function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen earlier on this device, or Dutch. */
export function storedLang(): Lang {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLang(value) ? value : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function LanguageProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this visit only.
    }
  }, []);

  const value = useMemo(() => ({ lang, t: DICTIONARY[lang], setLang }), [lang, setLang]);
  return <LanguageContext.Provider value={value}>{children}</LanguageContext.Provider>;
}

export function useI18n(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error('useI18n must be used inside <LanguageProvider>');
  return value;
}

/** Picks the text in the interface language, falling back to Dutch; `lang` is the language actually shown. */
export function pickText(text: LocalizedText, lang: Lang): { value: string; lang: Lang } {
  if (lang !== 'nl' && text.en?.trim()) return { value: text.en, lang: 'en' };
  return { value: text.nl, lang: 'nl' };
}

/** Data text in the chosen language; a Dutch fallback is marked with `lang="nl"` for screen readers. */
export function Localized({ text }: { text: LocalizedText }) {
  const { lang } = useI18n();
  const picked = pickText(text, lang);
  return picked.lang === lang ? <>{picked.value}</> : <span lang={picked.lang}>{picked.value}</span>;
}
