import { describe, expect, it } from 'vitest';
import { en } from './en';
import { vi } from './vi';
import { interpolate, parseLang, translate } from './translate';

describe('translate', () => {
  it('uses Vietnamese by default and English on request', () => {
    expect(translate('vi', 'login.submit')).toBe('Đăng nhập');
    expect(translate('en', 'login.submit')).toBe('Sign in');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('vi', 'common.total', { total: 42 })).toBe('Tổng số 42');
    expect(interpolate('{a} và {b}', { a: 'X' })).toBe('X và {b}');
  });

  it('falls back to the key for unknown keys', () => {
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('has the same keys, all non-empty, in both languages', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const [k, v] of [...Object.entries(vi), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('');
  });

  it('keeps the same placeholders in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(vi) as Array<keyof typeof vi>) expect(names(en[k]), k).toEqual(names(vi[k]));
  });

  it('accepts only known languages from storage', () => {
    expect(parseLang('en')).toBe('en');
    expect(parseLang('fr')).toBe('vi');
    expect(parseLang(null)).toBe('vi');
  });
});
