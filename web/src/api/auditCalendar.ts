// Audit additions of issue 13 §3 (third part), on the typed client: escalations of blocked proposals to the
// leader above both units, the units' notices, the escalation setting, and the reporting calendar of forms
// 19/20 (periods, reconciliation, the chase by the level above).
import { api, download, ok, type Query } from './client';
import type { components } from './schema';

export type Escalation = components['schemas']['AuditEscalation'];
export type EscalationState = Escalation['state'];
export type Notice = components['schemas']['AuditNotice'];
export type NoticePage = components['schemas']['AuditNoticePage'];
export type ReportPeriod = components['schemas']['AuditReportPeriod'];
export type PeriodStatus = components['schemas']['AuditPeriodStatus'];
export type PeriodUnit = components['schemas']['AuditPeriodUnit'];

export const ESCALATION_STATES: EscalationState[] = ['WAITING', 'ESCALATED', 'PROCEED', 'KEEP', 'MOOT'];

export const auditCalendar = {
  escalations: (params: Query) =>
    ok(api.GET('/api/v1/audit/escalations', { params: { query: params as { state?: EscalationState; page?: number; page_size?: number } } })),
  exportEscalations: (state?: string) =>
    download('/audit/escalations', state ? { state, format: 'xlsx' } : { format: 'xlsx' }, 'chuyen-cap-tren.xlsx'),
  decide: (id: number, decision: 'PROCEED' | 'KEEP', note?: string) =>
    ok(api.POST('/api/v1/audit/escalations/{id}/decide', { params: { path: { id } }, body: { decision, note } })),
  setting: () => ok(api.GET('/api/v1/audit/settings/escalation')),
  setSetting: (days: number) => ok(api.PUT('/api/v1/audit/settings/escalation', { body: { escalation_working_days: days } })),
  notices: (params: Query) =>
    ok(api.GET('/api/v1/audit/notices', { params: { query: params as { unread?: 'true' | 'false'; page?: number; page_size?: number } } })),
  markRead: (id: number) => ok(api.POST('/api/v1/audit/notices/{id}/read', { params: { path: { id } } })),
  periods: (year: number) => ok(api.GET('/api/v1/audit/report-periods', { params: { query: { year } } })),
  exportPeriods: (year: number) => download('/audit/report-periods', { year, format: 'xlsx' }, `lich-bao-cao-${year}.xlsx`),
  createPeriod: (body: { form: 'form19' | 'form20'; from: string; to: string; due_on: string }) =>
    ok(api.POST('/api/v1/audit/report-periods', { body })),
  status: (id: number, unit?: string) =>
    ok(api.GET('/api/v1/audit/report-periods/{id}/units', { params: { path: { id }, query: unit ? { unit } : {} } })),
  exportStatus: (id: number, unit?: string) =>
    download(`/audit/report-periods/${id}/units`, unit ? { unit, format: 'xlsx' } : { format: 'xlsx' }, 'doi-chieu-bao-cao.xlsx'),
  reconcile: (id: number, body: { unit?: string; note?: string }) =>
    ok(api.POST('/api/v1/audit/report-periods/{id}/reconcile', { params: { path: { id } }, body })),
  chase: (id: number, unit: string) =>
    ok(api.POST('/api/v1/audit/report-periods/{id}/chase', { params: { path: { id } }, body: { unit } })),
};
