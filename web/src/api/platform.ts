// Typed calls of the platform API.
import { http, setCsrfToken } from './client';
import type * as T from './types';

const enc = encodeURIComponent;

export const auth = {
  async login(username: string, password: string): Promise<T.LoginResult> {
    const r = await http.post<T.LoginResult>('/auth/login', { username, password }, { noRedirect: true });
    setCsrfToken(r.csrf_token);
    return r;
  },
  changePassword: (old_password: string, new_password: string) =>
    http.post<{ ok: boolean }>('/auth/password', { old_password, new_password }, { noRedirect: true }),
  async logout(): Promise<void> {
    try {
      await http.post('/auth/logout', {}, { noRedirect: true });
    } finally {
      setCsrfToken(null);
    }
  },
  async me(): Promise<T.Me> {
    const me = await http.get<T.Me>('/me', undefined, { noRedirect: true });
    setCsrfToken(me.csrf_token);
    return me;
  },
};

export const units = {
  list: () => http.get<{ items: T.Unit[] }>('/units'),
  create: (u: T.NewUnit) => http.post<T.CreatedUnit>('/units', u),
  update: (code: string, patch: { name?: string; valid_to?: string | null }) =>
    http.patch<T.Unit>(`/units/${enc(code)}`, patch),
};

export const roles = {
  list: () => http.get<{ items: T.Role[] }>('/roles'),
};

export const accounts = {
  list: (p: T.AccountListParams) => http.get<T.Paged<T.Account>>('/accounts', { ...p }),
  get: (username: string) => http.get<T.Account>(`/accounts/${enc(username)}`),
  create: (a: T.NewAccount) => http.post<{ username: string; temporary_password: string }>('/accounts', a),
  update: (username: string, patch: T.AccountPatch) => http.patch<T.Account>(`/accounts/${enc(username)}`, patch),
  disable: (username: string) => http.post<T.Account>(`/accounts/${enc(username)}/disable`),
  enable: (username: string) => http.post<T.Account>(`/accounts/${enc(username)}/enable`),
  resetPassword: (username: string) =>
    http.post<{ temporary_password: string }>(`/accounts/${enc(username)}/reset-password`),
  transfer: (username: string, unit_code: string) =>
    http.post<T.Account>(`/accounts/${enc(username)}/transfer`, { unit_code }),
};

export const accountRequests = {
  list: (p: T.AccountRequestListParams) => http.get<T.Paged<T.AccountRequest>>('/account-requests', { ...p }),
  create: (r: T.NewAccountRequest) => http.post<T.AccountRequest>('/account-requests', r),
  approve: (id: number, comment?: string) => http.post<T.AccountRequest>(`/account-requests/${id}/approve`, { comment }),
  reject: (id: number, comment?: string) => http.post<T.AccountRequest>(`/account-requests/${id}/reject`, { comment }),
  apply: (id: number) => http.post<T.AppliedRequest>(`/account-requests/${id}/apply`),
};

export const calendar = {
  holidays: (year: number) => http.get<{ items: T.Holiday[] }>('/calendar/holidays', { year }),
  adjustments: (year: number) => http.get<{ items: T.Adjustment[] }>('/calendar/adjustments', { year }),
  addAdjustment: (a: Omit<T.Adjustment, 'id'>) => http.post<T.Adjustment>('/calendar/adjustments', a),
  deleteAdjustment: (id: number) => http.del<unknown>(`/calendar/adjustments/${id}`),
  workingHours: () => http.get<T.WorkingHours>('/calendar/working-hours'),
  setWorkingHours: (h: T.WorkingHours) => http.put<T.WorkingHours>('/calendar/working-hours', h),
  month: (year: number, month: number) => http.get<{ days: T.CalendarDay[] }>('/calendar/month', { year, month }),
  addWorkingDays: (from: string, days: number) =>
    http.get<{ result: string }>('/calendar/add-working-days', { from, days }),
};

export const history = {
  list: (p: T.HistoryListParams) => http.get<T.Paged<T.HistoryEntry>>('/history', { ...p }),
  verify: () => http.get<T.HistoryVerify>('/history/verify'),
};
