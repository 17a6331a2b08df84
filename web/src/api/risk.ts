// Typed calls of the risk-based selection API (/api/v1/audit/risk…, the declarations import and the activity
// profile; docs/openapi.yaml, src/audit/risk/routes.cpp). Types come from the generated schema.
import { call, download, upload } from './client';
import type { components } from './schema';
import type { Paged } from './types';

type S = components['schemas'];
export type ActivityProfile = S['ActivityProfile'];
export type ActivitySlice = S['ActivitySlice'];
export type PastAudit = S['PastAudit'];
export type CriteriaSet = S['CriteriaSet'];
export type CriteriaSetInput = S['CriteriaSetInput'];
export type RiskIndicatorCode = S['RiskIndicatorCode'];
export type RiskRun = S['RiskRun'];
export type RiskCandidate = S['RiskCandidate'];
export type RiskReason = S['RiskReason'];
export type FeedbackBand = S['FeedbackBand'];
export type DeclarationImportResult = S['DeclarationImportResult'];
export type CandidateClass = 'AUDIT' | 'MONITOR';

export interface Preview {
  evaluated: number;
  audit: number;
  monitor: number;
  excluded: number;
  histogram: number[];
  max_score: number;
}

export const RISK_INDICATORS: RiskIndicatorCode[] = [
  'LOW_DUTY_RATE',
  'RED_SHARE',
  'AMENDMENT_RATE',
  'PREFERENTIAL_SHARE',
  'VALUE_GROWTH',
  'PAST_FINDINGS',
  'NEVER_AUDITED',
];

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const risk = {
  /** A CSV text, or an .xlsx workbook as a Blob. */
  importDeclarations: (file: string | Blob, skipInvalid: boolean, onProgress?: (fraction: number) => void) =>
    upload<DeclarationImportResult>('/audit/declarations/import', file, {
      query: skipInvalid ? { skip_invalid: true } : undefined,
      contentType: typeof file === 'string' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
      onProgress,
    }),
  activity: (tax_code: string, query: { from?: string; to?: string }) =>
    call<ActivityProfile>('GET', '/api/v1/audit/enterprises/{tax_code}/activity', { path: { tax_code }, query }),
  downloadActivity: (tax_code: string, query: { from?: string; to?: string }) =>
    download(`/audit/enterprises/${encodeURIComponent(tax_code)}/activity`, { ...query, format: 'xlsx' }, `ho-so-hoat-dong_${tax_code}.xlsx`),

  criteriaSets: (query: { page?: number; page_size?: number }) =>
    call<Paged<CriteriaSet>>('GET', '/api/v1/audit/risk/criteria-sets', { query }),
  criteriaSet: (id: number) => call<CriteriaSet>('GET', '/api/v1/audit/risk/criteria-sets/{id}', { path: { id } }),
  createCriteriaSet: (set: CriteriaSetInput) => call<CriteriaSet>('POST', '/api/v1/audit/risk/criteria-sets', { body: set }),
  preview: (set: CriteriaSetInput & { from?: string; to?: string; unit_code?: string }) =>
    call<Preview>('POST', '/api/v1/audit/risk/criteria-sets/preview', { body: set }),
  feedback: (id: number) =>
    call<{ criteria_set_id: number; bands: FeedbackBand[] }>('GET', '/api/v1/audit/risk/criteria-sets/{id}/feedback', { path: { id } }),

  runs: (query: { page?: number; page_size?: number }) => call<Paged<RiskRun>>('GET', '/api/v1/audit/risk/runs', { query }),
  run: (id: number) => call<RiskRun>('GET', '/api/v1/audit/risk/runs/{id}', { path: { id } }),
  createRun: (body: { criteria_set_id: number; from: string; to: string; unit_code?: string }) =>
    call<RiskRun>('POST', '/api/v1/audit/risk/runs', { body }),
  candidates: (id: number, query: Record<string, string | number>) =>
    call<Paged<RiskCandidate>>('GET', '/api/v1/audit/risk/runs/{id}/candidates', { path: { id }, query }),
  downloadCandidates: (id: number, klass?: string) =>
    download(`/audit/risk/runs/${id}/candidates`, { format: 'xlsx', class: klass || undefined }, `doi-tuong-rui-ro_dot-${id}.xlsx`),
};
