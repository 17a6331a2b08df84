// Pure translation helpers (unit-tested).
import { en } from './en';
import { vi, type Dict, type DictKey } from './vi';

export type Lang = 'vi' | 'en';
export const LANGS: Lang[] = ['vi', 'en'];
export const DEFAULT_LANG: Lang = 'vi';

const dicts: Record<Lang, Dict> = { vi, en };

export type Vars = Record<string, string | number>;

/** Replaces `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function interpolate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** Looks a key up in the language, falling back to Vietnamese, then to the key itself. */
export function translate(lang: Lang, key: DictKey | string, vars?: Vars): string {
  const d = dicts[lang] as Record<string, string>;
  const text = d[key] ?? (vi as Record<string, string>)[key] ?? key;
  return interpolate(text, vars);
}

/** What follows `prefix.` in the dictionary's keys: `KeySuffix<'accounts.status'>` = 'ACTIVE' | 'DISABLED' | 'LOCKED'. */
export type KeySuffix<P extends string, K = DictKey> = K extends `${P}.${infer S}` ? S : never;
type NumberOf<S> = S extends `${infer N extends number}` ? N : never;
/** An enum value with a dictionary entry under `prefix` (numbers too, for `weekday.0` … `weekday.6`). */
export type EnumValue<P extends string> = KeySuffix<P> | NumberOf<KeySuffix<P>>;

/**
 * The key of an enum value, checked: `enumKey('accounts.status', s)` compiles only when every value `s` can take
 * has a `accounts.status.<s>` entry. The one place a key is built from a value.
 */
export function enumKey<P extends string>(prefix: P, value: EnumValue<P>): DictKey {
  return `${prefix}.${value}` as DictKey;
}

export function hasKey(key: string): key is DictKey {
  return key in vi;
}

export function parseLang(v: string | null | undefined): Lang {
  return v === 'en' || v === 'vi' ? v : DEFAULT_LANG;
}
