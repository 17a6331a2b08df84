// Language context: vi by default, en on request; persisted in localStorage.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import 'dayjs/locale/en';
import type { DictKey } from './vi';
import { enumKey, parseLang, translate, type EnumValue, type Lang, type Vars } from './translate';

export type { Lang } from './translate';
export type { DictKey } from './vi';

const STORAGE_KEY = 'hq.lang';

export type TFunction = (key: DictKey, vars?: Vars) => string;

interface I18nValue {
  lang: Lang;
  setLang(l: Lang): void;
  t: TFunction;
  /** The label of an enum value (status, level, weekday…): `te('accounts.status', a.status)`; checked by type. */
  te<P extends string>(prefix: P, value: EnumValue<P>): string;
  /** Translate a key built at run time (role codes, statuses); unknown keys fall back to `fallback`. */
  tk(key: string, fallback?: string, vars?: Vars): string;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLang(): Lang {
  try {
    return parseLang(localStorage.getItem(STORAGE_KEY));
  } catch {
    return 'vi';
  }
}

function applyLang(l: Lang): void {
  dayjs.locale(l);
  document.documentElement.lang = l;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => {
    const l = initialLang();
    applyLang(l);
    return l;
  });
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(STORAGE_KEY, l);
    applyLang(l);
    setLangState(l);
  }, []);
  const value = useMemo<I18nValue>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      te: (prefix, value) => translate(lang, enumKey(prefix, value)),
      tk: (key, fallback, vars) => {
        const s = translate(lang, key, vars);
        return s === key && fallback !== undefined ? fallback : s;
      },
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
