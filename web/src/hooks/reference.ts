// Reference data shared by many pages (units of the caller's subtree, roles): cached queries that stay fresh
// until a change invalidates them (see hooks/query.ts).
import { roles as rolesApi, units as unitsApi } from '../api/platform';
import { useI18n } from '../i18n';
import { useApiQuery } from './query';

const REFERENCE = { staleTime: Infinity };
const UNITS_KEY = ['platform', 'units'];

export function useUnits() {
  const q = useApiQuery(UNITS_KEY, () => unitsApi.list().then((r) => r.items), REFERENCE);
  return { units: q.data ?? [], loading: q.loading, error: q.error };
}

export function useRoles() {
  const q = useApiQuery(['platform', 'roles'], () => rolesApi.list().then((r) => r.items), REFERENCE);
  const { lang, tk } = useI18n();
  const roleName = (code: string): string => {
    const r = q.data?.find((x) => x.code === code);
    if (r) return lang === 'vi' ? r.name_vi : r.name_en;
    return tk(`role.${code}`, code);
  };
  return { roles: q.data ?? [], loading: q.loading, error: q.error, roleName };
}
