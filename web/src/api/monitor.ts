// Calls of the transmission monitoring routes (/api/v1/monitor, docs/openapi.yaml section "monitor"): paths,
// parameters, bodies and responses are all typed by the generated schema.
import { api, ok, type Query } from './client';
import type { components, operations } from './schema';
import type { Paged } from './types';

export const SYSTEMS = ['SLXNK', 'GTT22', 'QLRR', 'VICUM', 'KT559', 'EDATA'] as const;
export const OPS = ['EXPORT', 'TRANSMIT', 'RECEIVE', 'UPDATE'] as const;
export const INCIDENT_STATUSES = ['OPEN', 'CLOSED'] as const;
/** A service module's state as shown: its reported status, or SILENT when it stopped reporting. */
export const SERVICE_STATES = ['RUNNING', 'STOPPED', 'ERROR', 'SILENT'] as const;

export type CellState = components['schemas']['MonitorBoardCell']['state'];
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type ServiceStateCode = (typeof SERVICE_STATES)[number];

type QueryOf<O extends keyof operations> = NonNullable<operations[O]['parameters']['query']>;
export type OperationListParams = QueryOf<'listMonitorOperations'>;
export type TransferListParams = QueryOf<'listMonitorTransfers'>;
export type IncidentListParams = QueryOf<'listMonitorIncidents'>;
export type ServiceListParams = QueryOf<'listMonitorServices'>;

type Schemas = components['schemas'];
export type BoardCell = Schemas['MonitorBoardCell'];
export type Board = Schemas['MonitorBoard'];
export type Operation = Schemas['MonitorOperation'];
export type OperationPage = Schemas['MonitorOperationPage'];
export type Transfer = Schemas['MonitorTransfer'];
export type Incident = Schemas['MonitorIncident'];
export type IncidentLink = Schemas['MonitorIncidentLink'];
export type ServiceState = Schemas['MonitorServiceState'];
export type SummaryRow = Schemas['MonitorSummaryUnit'];

const byId = (id: number) => ({ params: { path: { id } } });

export const monitor = {
  board: () => ok(api.GET('/api/v1/monitor/board')),
  operations: (query: OperationListParams) => ok(api.GET('/api/v1/monitor/operations', { params: { query } })),
  transfers: (query: TransferListParams) => ok(api.GET('/api/v1/monitor/transfers', { params: { query } })),
  incidents: (query: IncidentListParams) => ok(api.GET('/api/v1/monitor/incidents', { params: { query } })),
  incident: (id: number) => ok(api.GET('/api/v1/monitor/incidents/{id}', byId(id))),
  closeIncident: (id: number, note: string) =>
    ok(api.POST('/api/v1/monitor/incidents/{id}/close', { ...byId(id), body: { note } })),
  services: (query: ServiceListParams) => ok(api.GET('/api/v1/monitor/services', { params: { query } })),
  summary: (date?: string) => ok(api.GET('/api/v1/monitor/summary', { params: { query: { date } } })),
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
