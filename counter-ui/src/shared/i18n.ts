import { useCallback, useEffect, useState } from 'react';
import type { LocalizedText } from '@antre/server/contract';

export type Lang = 'id' | 'en';

const KEY = 'antre.lang';

/** The screen language: Bahasa Indonesia by default, English on request, remembered per browser. */
export function useLang(): { lang: Lang; setLang: (l: Lang) => void; toggle: () => void } {
  const [lang, set] = useState<Lang>(() => (localStorage.getItem(KEY) === 'en' ? 'en' : 'id'));
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(KEY, l);
    set(l);
  }, []);
  const toggle = useCallback(() => setLang(lang === 'id' ? 'en' : 'id'), [lang, setLang]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return { lang, setLang, toggle };
}

/** One text of a dictionary entry, with `{name}` placeholders filled in. */
export function pick(text: LocalizedText, lang: Lang, vars?: Record<string, string | number>): string {
  const s = text[lang];
  return vars ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : s;
}
