import type { LocalizedText } from '@antre/server/contract';
import { TEXT, type TextKey } from './text';

export type Lang = 'id' | 'en';

/** Fills {name} placeholders, so sentences keep their word order in each language. */
export function fill(s: string, vars: Record<string, string | number> = {}): string {
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Translator bound to one language: every string on screen goes through it. */
export type T = (key: TextKey, vars?: Record<string, string | number>) => string;

/** Builds the translator for a language from the dictionary. */
export function translator(lang: Lang): T {
  return (key, vars) => fill(TEXT[key][lang], vars);
}

/** Picks a language from text the server or venue file supplies in both languages. */
export function pick(text: LocalizedText | undefined, lang: Lang): string {
  return text ? text[lang] || text.id : '';
}

/** A venue field with an optional English twin (name/nameEn, fee/feeEn...). */
export function local(idText: string, enText: string | undefined, lang: Lang): string {
  return lang === 'en' && enText ? enText : idText;
}
