// Typed client of the transmission monitoring routes (/api/v1/monitor, docs/openapi.yaml section "monitor").
import { http, type Query } from './client';
import type { Paged } from './types';

export const SYSTEMS = ['SLXNK', 'GTT22', 'QLRR', 'VICUM', 'KT559', 'EDATA'] as const;
export const OPS = ['EXPORT', 'TRANSMIT', 'RECEIVE', 'UPDATE'] as const;
export type CellState = 'GREEN' | 'YELLOW' | 'RED';

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
  status: 'OPEN' | 'CLOSED';
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
  state: string;
  message: string;
  reported_at: string;
  changed_at: string;
}
export interface SummaryRow {
  unit_code: string;
  unit_name: string;
  services: Record<'RUNNING' | 'STOPPED' | 'ERROR' | 'SILENT', number>;
  service_changes: number;
  service_problems: number;
  operations: Partial<Record<string, { files: number; bytes: number }>>;
  incidents_opened: number;
}

const base = '/monitor';

/** Every row of a list up to `limit` (pages of 200), for exports. */
export async function allRows<T>(list: (q: Query) => Promise<Paged<T>>, q: Query, limit = 5000): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; rows.length < limit; page++) {
    const p = await list({ ...q, page, page_size: 200 });
    rows.push(...p.items);
    if (p.items.length < 200 || rows.length >= p.total) break;
  }
  return rows;
}
export const monitor = {
  board: () => http.get<Board>(`${base}/board`),
  operations: (q: Query) => http.get<Paged<Operation>>(`${base}/operations`, q),
  transfers: (q: Query) => http.get<Paged<Transfer>>(`${base}/transfers`, q),
  incidents: (q: Query) => http.get<Paged<Incident>>(`${base}/incidents`, q),
  incident: (id: number) => http.get<Incident & { links: IncidentLink[] }>(`${base}/incidents/${id}`),
  closeIncident: (id: number, note: string) => http.post<Incident>(`${base}/incidents/${id}/close`, { note }),
  services: (q: Query) => http.get<Paged<ServiceState>>(`${base}/services`, q),
  summary: (date?: string) => http.get<{ date: string; items: SummaryRow[] }>(`${base}/summary`, { date }),
};

export const STATE_COLOR: Record<string, string> = {
  GREEN: 'green',
  RUNNING: 'green',
  YELLOW: 'gold',
  STOPPED: 'gold',
  RED: 'red',
  ERROR: 'red',
  SILENT: 'red',
  OPEN: 'red',
  CLOSED: 'default',
};
