// Typed calls of the platform API: every path, parameter and body is checked against the generated schema.
import { api, ok, setCsrfToken } from './client';
import type * as T from './types';

export const auth = {
  async login(username: string, password: string): Promise<T.LoginResult> {
    const r = await ok(api.POST('/api/v1/auth/login', { body: { username, password } }));
    setCsrfToken(r.csrf_token);
    return r;
  },
  changePassword: (old_password: string, new_password: string) =>
    ok(api.POST('/api/v1/auth/password', { body: { old_password, new_password } })),
  async logout(): Promise<void> {
    try {
      await ok(api.POST('/api/v1/auth/logout'));
    } finally {
      setCsrfToken(null);
    }
  },
  async me(): Promise<T.Me> {
    const me = await ok(api.GET('/api/v1/me'));
    setCsrfToken(me.csrf_token);
    return me;
  },
};

const account = (username: string) => ({ params: { path: { username } } });
const request = (id: number) => ({ params: { path: { id } } });

export const units = {
  list: () => ok(api.GET('/api/v1/units')),
  create: (u: T.NewUnit) => ok(api.POST('/api/v1/units', { body: u })),
  update: (code: string, patch: T.UnitPatch) => ok(api.PATCH('/api/v1/units/{code}', { params: { path: { code } }, body: patch })),
};

export const roles = {
  list: () => ok(api.GET('/api/v1/roles')),
};

export const accounts = {
  list: (query: T.AccountListParams) => ok(api.GET('/api/v1/accounts', { params: { query } })),
  get: (username: string) => ok(api.GET('/api/v1/accounts/{username}', account(username))),
  create: (a: T.NewAccount) => ok(api.POST('/api/v1/accounts', { body: a })),
  update: (username: string, patch: T.AccountPatch) =>
    ok(api.PATCH('/api/v1/accounts/{username}', { ...account(username), body: patch })),
  disable: (username: string) => ok(api.POST('/api/v1/accounts/{username}/disable', account(username))),
  enable: (username: string) => ok(api.POST('/api/v1/accounts/{username}/enable', account(username))),
  resetPassword: (username: string) => ok(api.POST('/api/v1/accounts/{username}/reset-password', account(username))),
  transfer: (username: string, unit_code: string) =>
    ok(api.POST('/api/v1/accounts/{username}/transfer', { ...account(username), body: { unit_code } })),
};

export const accountRequests = {
  list: (query: T.AccountRequestListParams) => ok(api.GET('/api/v1/account-requests', { params: { query } })),
  create: (r: T.NewAccountRequest) => ok(api.POST('/api/v1/account-requests', { body: r })),
  approve: (id: number, comment?: string) =>
    ok(api.POST('/api/v1/account-requests/{id}/approve', { ...request(id), body: { comment } })),
  reject: (id: number, comment?: string) =>
    ok(api.POST('/api/v1/account-requests/{id}/reject', { ...request(id), body: { comment } })),
  apply: (id: number) => ok(api.POST('/api/v1/account-requests/{id}/apply', request(id))),
};

export const calendar = {
  holidays: (year: number) => ok(api.GET('/api/v1/calendar/holidays', { params: { query: { year } } })),
  adjustments: (year: number) => ok(api.GET('/api/v1/calendar/adjustments', { params: { query: { year } } })),
  addAdjustment: (a: T.NewAdjustment) => ok(api.POST('/api/v1/calendar/adjustments', { body: a })),
  deleteAdjustment: (id: number) => ok(api.DELETE('/api/v1/calendar/adjustments/{id}', { params: { path: { id } } })),
  workingHours: () => ok(api.GET('/api/v1/calendar/working-hours')),
  setWorkingHours: (h: T.WorkingHours) => ok(api.PUT('/api/v1/calendar/working-hours', { body: h })),
  month: (year: number, month: number) => ok(api.GET('/api/v1/calendar/month', { params: { query: { year, month } } })),
  addWorkingDays: (from: string, days: number) =>
    ok(api.GET('/api/v1/calendar/add-working-days', { params: { query: { from, days } } })),
};

export const history = {
  list: (query: T.HistoryListParams) => ok(api.GET('/api/v1/history', { params: { query } })),
  verify: () => ok(api.GET('/api/v1/history/verify')),
};
