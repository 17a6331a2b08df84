// Reference data shared by many pages (units of the caller's subtree, roles), cached per session.
import { useEffect, useState } from 'react';
import { roles as rolesApi, units as unitsApi } from '../api/platform';
import type { Role, Unit } from '../api/types';
import { useI18n } from '../i18n';

type Cache<T> = { promise?: Promise<T>; value?: T; listeners: Set<(v: T | undefined) => void> };

function makeCache<T>(load: () => Promise<T>) {
  const c: Cache<T> = { listeners: new Set() };
  const get = (): Promise<T> => {
    if (!c.promise) {
      c.promise = load().then(
        (v) => {
          c.value = v;
          c.listeners.forEach((l) => l(v));
          return v;
        },
        (e) => {
          c.promise = undefined;
          throw e;
        },
      );
    }
    return c.promise;
  };
  const invalidate = () => {
    c.promise = undefined;
    c.value = undefined;
    if (c.listeners.size) get().catch(() => undefined);
  };
  const use = (): { value: T | undefined; loading: boolean; error: unknown } => {
    const [value, setValue] = useState<T | undefined>(c.value);
    const [error, setError] = useState<unknown>();
    useEffect(() => {
      const l = (v: T | undefined) => setValue(v);
      c.listeners.add(l);
      get().then(setValue, setError);
      return () => {
        c.listeners.delete(l);
      };
    }, []);
    return { value, loading: value === undefined && !error, error };
  };
  return { get, invalidate, use, clear: () => ((c.promise = undefined), (c.value = undefined)) };
}

const unitsCache = makeCache<Unit[]>(() => unitsApi.list().then((r) => r.items));
const rolesCache = makeCache<Role[]>(() => rolesApi.list().then((r) => r.items));

export const invalidateUnits = unitsCache.invalidate;

/** Forget everything cached for the previous user. */
export function clearReferenceCaches(): void {
  unitsCache.clear();
  rolesCache.clear();
}

export function useUnits() {
  const { value, loading, error } = unitsCache.use();
  return { units: value ?? [], loading, error };
}

export function useRoles() {
  const { value, loading, error } = rolesCache.use();
  const { lang, tk } = useI18n();
  const roleName = (code: string): string => {
    const r = value?.find((x) => x.code === code);
    if (r) return lang === 'vi' ? r.name_vi : r.name_en;
    return tk(`role.${code}`, code);
  };
  return { roles: value ?? [], loading, error, roleName };
}
