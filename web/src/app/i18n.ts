import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './locales/en';
import { zhCN } from './locales/zh-CN';

export const languages = ['zh-CN', 'en'] as const;
export type Language = (typeof languages)[number];

const storageKey = 'cadence.lang';

export const isLanguage = (value: unknown): value is Language => languages.includes(value as Language);

function initialLanguage(): Language {
  const saved = localStorage.getItem(storageKey);
  if (isLanguage(saved)) return saved;
  // Chinese first: only a browser that asks for English and not Chinese starts in English.
  const asked = navigator.languages ?? [];
  const firstZh = asked.findIndex((l) => l.toLowerCase().startsWith('zh'));
  const firstEn = asked.findIndex((l) => l.toLowerCase().startsWith('en'));
  return firstEn >= 0 && (firstZh < 0 || firstEn < firstZh) ? 'en' : 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...languages],
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

/** Switches the UI language and remembers it in this browser. */
export async function changeLanguage(lang: Language): Promise<void> {
  localStorage.setItem(storageKey, lang);
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

document.documentElement.lang = currentLanguage();

/**
 * Translates a key built at run time (an audit action, a notification kind) and falls back to
 * `fallback` when the catalogue has no such key.
 */
export function translateDynamic(key: string, fallback: string, params?: Record<string, unknown>): string {
  if (!i18n.exists(key)) return fallback;
  return (i18n.t as unknown as (k: string, p?: Record<string, unknown>) => string)(key, params);
}

export default i18n;
