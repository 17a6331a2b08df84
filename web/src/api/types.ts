// Types of the platform API (docs/api-platform.md is the contract).

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export interface ListParams {
  page?: number;
  page_size?: number;
  sort?: string;
  order?: 'asc' | 'desc';
  q?: string;
}

export interface LoginResult {
  csrf_token: string;
  password_change_required: boolean;
}

export type UnitLevel = 'TONG_CUC' | 'CUC' | 'CHI_CUC' | 'DOI';

export interface Me {
  username: string;
  full_name: string;
  unit_code: string;
  unit_name: string;
  unit_level: UnitLevel;
  roles: string[];
  password_change_required: boolean;
  csrf_token: string;
  modules: string[];
}

export interface Unit {
  code: string;
  name: string;
  level: UnitLevel;
  parent_code: string | null;
  valid_from: string | null;
  valid_to: string | null;
  active: boolean;
}

export interface NewUnit {
  code: string;
  name: string;
  level: UnitLevel;
  parent_code: string;
  valid_from?: string;
  valid_to?: string;
}

export interface CreatedUnit {
  code: string;
  admin_username: string;
  admin_temporary_password: string;
}

export interface Role {
  code: string;
  name_vi: string;
  name_en: string;
}

export type AccountStatus = 'ACTIVE' | 'DISABLED' | 'LOCKED';

export interface Account {
  username: string;
  full_name: string;
  officer_number: string | null;
  position: string | null;
  phone: string | null;
  email: string | null;
  unit_code: string;
  unit_name: string;
  roles: string[];
  status: AccountStatus;
  password_change_required: boolean;
}

export interface AccountFields {
  full_name?: string;
  officer_number?: string;
  position?: string;
  phone?: string;
  email?: string;
  roles?: string[];
}

/** PATCH body: only the fields that change; null clears an optional field. */
export type AccountPatch = { [K in keyof AccountFields]?: AccountFields[K] | null };

export interface NewAccount extends AccountFields {
  username: string;
  full_name: string;
  unit_code: string;
  roles: string[];
}

export interface AccountListParams extends ListParams {
  unit?: string;
  status?: AccountStatus;
}

export type RequestKind = 'NEW' | 'REVOKE' | 'CHANGE';
export type RequestStatus = 'PROPOSED' | 'APPROVED' | 'REJECTED' | 'APPLIED';

export interface AccountRequest {
  id: number;
  kind: RequestKind;
  unit_code: string;
  username: string;
  full_name: string | null;
  roles: string[] | null;
  reason: string;
  status: RequestStatus;
  proposed_by: string;
  decided_by: string | null;
  /** Sent by the server beyond the written contract: the approver's comment. */
  decision_comment?: string;
  created_at: string;
}

export interface NewAccountRequest {
  kind: RequestKind;
  unit_code: string;
  username: string;
  full_name?: string;
  roles?: string[];
  reason: string;
}

export interface AccountRequestListParams extends ListParams {
  unit?: string;
  status?: RequestStatus;
}

export interface AppliedRequest {
  request: AccountRequest;
  temporary_password?: string;
}

export interface Holiday {
  date: string;
  name: string;
  source: 'STATUTORY' | 'ADJUSTMENT';
}

export interface Adjustment {
  id: number;
  date: string;
  working: boolean;
  name: string;
}

export interface WorkingPeriod {
  start: string;
  end: string;
}

export interface WorkingHours {
  periods: WorkingPeriod[];
}

export interface CalendarDay {
  date: string;
  working: boolean;
  holiday: string | null;
  /** Sent by the server beyond the written contract: a working day that makes up for a day off. */
  makeup?: boolean;
  /** Sent by the server beyond the written contract: 0 = Sunday. */
  weekday?: number;
}

export interface HistoryEntry {
  id: number;
  at: string;
  username: string;
  unit_code: string;
  action: string;
  entity_type: string;
  entity_id: string;
  summary: string;
  client_address: string;
}

export interface HistoryListParams extends ListParams {
  entity_type?: string;
  entity_id?: string;
}

export interface HistoryVerify {
  ok: boolean;
  checked: number;
  first_bad_id: number | null;
}
