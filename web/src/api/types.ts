// Types of the platform API: aliases of the types generated from docs/openapi.yaml (src/api/schema.d.ts,
// `npm run gen:api`), plus the list parameters the pages build.
import type { components, operations } from './schema';

type S = components['schemas'];

/** One page of a list (`items` refined by each list). */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export type LoginResult = S['LoginResult'];
export type UnitLevel = S['UnitLevel'];
export type RoleCode = S['RoleCode'];
export type Me = S['Me'];
export type Unit = S['Unit'];
export type NewUnit = S['NewUnit'];
export type UnitPatch = S['UnitPatch'];
export type Role = S['Role'];
export type AccountStatus = S['AccountStatus'];
export type Account = S['Account'];
export type NewAccount = S['NewAccount'];
export type AccountPatch = S['AccountPatch'];
export type RequestKind = S['RequestKind'];
export type RequestStatus = S['RequestStatus'];
export type AccountRequest = S['AccountRequest'];
export type NewAccountRequest = S['NewAccountRequest'];
export type Holiday = S['Holiday'];
export type Adjustment = S['Adjustment'];
export type NewAdjustment = S['NewAdjustment'];
export type WorkingHours = S['WorkingHours'];
export type CalendarDay = S['CalendarDay'];
export type HistoryEntry = S['HistoryEntry'];
export type HistoryVerify = S['HistoryVerify'];

export type AccountListParams = NonNullable<operations['listAccounts']['parameters']['query']>;
export type AccountRequestListParams = NonNullable<operations['listAccountRequests']['parameters']['query']>;
export type HistoryListParams = NonNullable<operations['listHistory']['parameters']['query']>;
