// Typed calls of the risk-based selection API (/api/v1/audit/risk…, the declarations import and the activity
// profile; docs/openapi.yaml, src/audit/risk/routes.cpp). Types come from the generated schema.
import { api, download, ok, upload } from './client';
import type { components, paths } from './schema';

type S = components['schemas'];
export type ActivityProfile = S['ActivityProfile'];
export type PastAudit = S['PastAudit'];
export type CriteriaSet = S['CriteriaSet'];
export type CriteriaSetInput = S['CriteriaSetInput'];
export type RiskIndicatorCode = S['RiskIndicatorCode'];
export type RiskRun = S['RiskRun'];
export type RiskCandidate = S['RiskCandidate'];
export type RiskReason = S['RiskReason'];
export type DeclarationImportResult = S['DeclarationImportResult'];

export type Preview = paths['/api/v1/audit/risk/criteria-sets/preview']['post']['responses'][200]['content']['application/json'];
export type CandidateListParams = NonNullable<paths['/api/v1/audit/risk/runs/{id}/candidates']['get']['parameters']['query']>;
type PageParams = { page?: number; page_size?: number };

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
    ok(api.GET('/api/v1/audit/enterprises/{tax_code}/activity', { params: { path: { tax_code }, query } })),
  downloadActivity: (tax_code: string, query: { from?: string; to?: string }) =>
    download(`/audit/enterprises/${encodeURIComponent(tax_code)}/activity`, { ...query, format: 'xlsx' }, `ho-so-hoat-dong_${tax_code}.xlsx`),

  criteriaSets: (query: PageParams) => ok(api.GET('/api/v1/audit/risk/criteria-sets', { params: { query } })),
  criteriaSet: (id: number) => ok(api.GET('/api/v1/audit/risk/criteria-sets/{id}', { params: { path: { id } } })),
  createCriteriaSet: (body: CriteriaSetInput) => ok(api.POST('/api/v1/audit/risk/criteria-sets', { body })),
  preview: (body: CriteriaSetInput & { from?: string; to?: string; unit_code?: string }) =>
    ok(api.POST('/api/v1/audit/risk/criteria-sets/preview', { body })),
  feedback: (id: number) => ok(api.GET('/api/v1/audit/risk/criteria-sets/{id}/feedback', { params: { path: { id } } })),

  runs: (query: PageParams) => ok(api.GET('/api/v1/audit/risk/runs', { params: { query } })),
  run: (id: number) => ok(api.GET('/api/v1/audit/risk/runs/{id}', { params: { path: { id } } })),
  createRun: (body: { criteria_set_id: number; from: string; to: string; unit_code?: string }) =>
    ok(api.POST('/api/v1/audit/risk/runs', { body })),
  candidates: (id: number, query: CandidateListParams) =>
    ok(api.GET('/api/v1/audit/risk/runs/{id}/candidates', { params: { path: { id }, query } })),
  downloadCandidates: (id: number, klass?: string) =>
    download(`/audit/risk/runs/${id}/candidates`, { format: 'xlsx', class: klass || undefined }, `doi-tuong-rui-ro_dot-${id}.xlsx`),
};
