import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setAnswerLanguage } from './api/http.ts';
import { App } from './app.tsx';
import { LanguageProvider, storedLang } from './i18n/language.tsx';
import { SessionProvider } from './session.tsx';
import './styles.css';

document.documentElement.lang = storedLang();
setAnswerLanguage(storedLang());

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <LanguageProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </LanguageProvider>
  </StrictMode>,
);
