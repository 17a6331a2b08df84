// Calls of the transmission monitoring routes (/api/v1/monitor, docs/openapi.yaml section "monitor"). Paths and
// query parameters are checked against the generated schema; the spec does not give these responses a schema
// yet (only a description), so the response types below are written by hand from it until it does.
import { api, call, ok, type Query } from './client';
import type { operations } from './schema';
import type { Paged } from './types';

export const SYSTEMS = ['SLXNK', 'GTT22', 'QLRR', 'VICUM', 'KT559', 'EDATA'] as const;
export const OPS = ['EXPORT', 'TRANSMIT', 'RECEIVE', 'UPDATE'] as const;
export const INCIDENT_STATUSES = ['OPEN', 'CLOSED'] as const;
/** A service module's state as shown: its reported status, or SILENT when it stopped reporting. */
export const SERVICE_STATES = ['RUNNING', 'STOPPED', 'ERROR', 'SILENT'] as const;

export type CellState = 'GREEN' | 'YELLOW' | 'RED';
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type ServiceStateCode = (typeof SERVICE_STATES)[number];

type QueryOf<O extends keyof operations> = NonNullable<operations[O]['parameters']['query']>;
export type OperationListParams = QueryOf<'listMonitorOperations'>;
export type TransferListParams = QueryOf<'listMonitorTransfers'>;
export type IncidentListParams = QueryOf<'listMonitorIncidents'>;
export type ServiceListParams = QueryOf<'listMonitorServices'>;

export interface BoardCell {
  state: CellState;
  open_incidents: number;
  files_today: number;
  services: number;
}
export interface Board {
  systems: string[];
  units: Array<{ unit_code: string; unit_name: string; cells: Record<string, BoardCell> }>;
  at: string;
}
export interface Operation {
  id: number;
  system: string;
  op: string;
  unit_code: string;
  peer_unit_code: string;
  batch_id: string;
  file_name: string;
  size: number;
  sha256: string | null;
  version: string | null;
  at: string;
  auto: boolean;
  error: string | null;
}
export interface Transfer {
  system: string;
  sender_unit_code: string;
  receiver_unit_code: string;
  batch_id: string;
  started_at: string | null;
  exported_files: number | null;
  exported_bytes: number | null;
  received_files: number | null;
  received_bytes: number | null;
  updated_files: number | null;
  update_errors: number | null;
  files_not_received: number | null;
  files_not_updated: number | null;
}
export interface Incident {
  id: number;
  kind: string;
  system: string;
  unit_code: string;
  peer_unit_code: string | null;
  owner: string;
  count: number;
  opened_at: string;
  last_at: string;
  closed_at: string | null;
  closed_by: string | null;
  note: string | null;
  status: IncidentStatus;
}
export interface IncidentLink {
  subject_type: 'FILE' | 'SERVICE';
  reason: string;
  active: boolean;
  joined: boolean;
  batch_id?: string;
  file_name?: string;
  sender_unit_code?: string;
  receiver_unit_code?: string;
  service?: string;
}
export interface ServiceState {
  id: number;
  unit_code: string;
  system: string;
  service: string;
  ip: string;
  status: 'RUNNING' | 'STOPPED' | 'ERROR';
  silent: boolean;
  state: ServiceStateCode;
  message: string;
  reported_at: string;
  changed_at: string;
}
export interface SummaryRow {
  unit_code: string;
  unit_name: string;
  services: Record<ServiceStateCode, number>;
  service_changes: number;
  service_problems: number;
  operations: Partial<Record<string, { files: number; bytes: number }>>;
  incidents_opened: number;
}

const byId = (id: number) => ({ params: { path: { id } } });

export const monitor = {
  board: () => ok<Board>(api.GET('/api/v1/monitor/board')),
  operations: (query: OperationListParams) => ok<Paged<Operation>>(api.GET('/api/v1/monitor/operations', { params: { query } })),
  transfers: (query: TransferListParams) => ok<Paged<Transfer>>(api.GET('/api/v1/monitor/transfers', { params: { query } })),
  incidents: (query: IncidentListParams) => ok<Paged<Incident>>(api.GET('/api/v1/monitor/incidents', { params: { query } })),
  incident: (id: number) => ok<Incident & { links: IncidentLink[] }>(api.GET('/api/v1/monitor/incidents/{id}', byId(id))),
  // The spec gives this POST no request body schema yet: the stop-gap call() sends `{note}` untyped.
  closeIncident: (id: number, note: string) =>
    call<Incident>('POST', '/api/v1/monitor/incidents/{id}/close', { path: { id }, body: { note } }),
  services: (query: ServiceListParams) => ok<Paged<ServiceState>>(api.GET('/api/v1/monitor/services', { params: { query } })),
  summary: (date?: string) =>
    ok<{ date: string; items: SummaryRow[] }>(api.GET('/api/v1/monitor/summary', { params: { query: { date } } })),
};

/** Every row of a list up to `limit` (pages of 200), for the exports. */
export async function allRows<T, Q extends Query>(list: (q: Q & { page: number; page_size: number }) => Promise<Paged<T>>, q: Q, limit = 5000): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; rows.length < limit; page++) {
    const p = await list({ ...q, page, page_size: 200 });
    rows.push(...p.items);
    if (p.items.length < 200 || rows.length >= p.total) break;
  }
  return rows;
}
