// Typed client of the post-clearance audit routes (/api/v1/audit, docs/openapi.yaml section "audit"): paths,
// parameters, bodies and responses are all typed by the generated schema.
import { api, download, ok, upload } from './client';
import type { components, paths } from './schema';

type S = components['schemas'];
export type Place = S['AuditPlace'];
export type DecisionKind = S['AuditDecisionInput']['kind'];
export type RiskArea = S['AuditRiskArea'];
/** Text fields of form 01/KTSTQ kept in the profile: a string or a list of strings. */
export type ProfileValue = S['AuditProfileValue'];
export type Enterprise = S['AuditEnterprise'];
/** Body of POST / PATCH: only the fields given change. */
export type EnterpriseFields = S['AuditEnterpriseFields'];
export type EnterprisePage = S['AuditEnterprisePage'];
export type EnterpriseChange = S['AuditEnterpriseChange'];
export type Duplicate = S['AuditDuplicate'];
export type Proposal = S['AuditProposal'];
export type ProposalWithDuplicates = S['AuditProposalWithDuplicates'];
export type Decision = S['AuditDecision'];
export type Conclusion = S['AuditConclusion'];
export type Penalty = S['AuditPenalty'];
export type Complaint = S['AuditComplaint'];
export type ProposalDetail = S['AuditProposalDetail'];
export type CollectionResult = S['AuditCollectionResult'];
export type Collection = S['AuditCollection'];
export type CollectionWithDuplicates = S['AuditCollectionWithDuplicates'];
export type KeyEnterprise = S['AuditKeyEnterprise'];
export type SearchResult = S['AuditSearchResult'];
export type Deadline = S['AuditDeadline'];
export type ReportColumn = S['AuditReportColumn'];
export type ReportRow = S['AuditReportRow'];
export type Feedback = S['AuditFeedback'];
export type AuditReference = S['AuditReference'];

type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;
export type EnterpriseListParams = QueryOf<'/api/v1/audit/enterprises'>;
/** The proposals' and the collections' lists take the same parameters. */
export type ItemListParams = QueryOf<'/api/v1/audit/proposals'>;
type PageParams = { page?: number; page_size?: number };

export const AMOUNT_KEYS = [
  'import_tax', 'export_tax', 'vat', 'excise', 'environment', 'trade_remedy', 'late_interest', 'penalty', 'collected',
] as const satisfies readonly (keyof S['AuditAmountsInput'])[];
export type AmountKey = (typeof AMOUNT_KEYS)[number];
export const TAX_KEYS: readonly AmountKey[] = ['import_tax', 'export_tax', 'vat', 'excise', 'environment', 'trade_remedy'];

export type ProposalAction = 'submit' | 'approve' | 'reject' | 'pause' | 'resume' | 'cancel';
export type CollectionAction = 'approve' | 'reject' | 'pause' | 'resume' | 'cancel';
export type FormName = 'form19' | 'form20';
export interface ReportParams {
  unit?: string;
  from: string;
  to: string;
}

const byId = (id: number) => ({ params: { path: { id } } });
const reasonBody = (reason?: string) => (reason ? { reason } : {});
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The spec types the queue's items as proposals or collections (by `kind`); each call names its own. */
type QueuePage<T> = Omit<S['AuditQueuePage'], 'items'> & { items: T[] };

export const audit = {
  reference: () => ok(api.GET('/api/v1/audit/reference')),

  enterprises: (query: EnterpriseListParams) => ok(api.GET('/api/v1/audit/enterprises', { params: { query } })),
  createEnterprise: (body: S['AuditEnterpriseInput']) => ok(api.POST('/api/v1/audit/enterprises', { body })),
  updateEnterprise: (tax_code: string, body: EnterpriseFields) =>
    ok(api.PATCH('/api/v1/audit/enterprises/{tax_code}', { params: { path: { tax_code } }, body })),
  record: (tax_code: string) => ok(api.GET('/api/v1/audit/enterprises/{tax_code}', { params: { path: { tax_code } } })),
  /** A CSV text, or an .xlsx workbook (its first sheet) as a Blob; the same header either way. */
  importEnterprises: (file: string | Blob, onProgress?: (fraction: number) => void) =>
    upload<S['AuditImportResult']>('/audit/enterprises/import', file, {
      contentType: typeof file === 'string' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
      onProgress,
    }),

  keyEnterprises: (query: { year: number } & PageParams) => ok(api.GET('/api/v1/audit/key-enterprises', { params: { query } })),
  addKeyEnterprise: (tax_code: string, year: number, reason?: string) =>
    ok(api.POST('/api/v1/audit/key-enterprises', { body: { tax_code, year, reason } })),
  removeKeyEnterprise: (year: number, tax_code: string) =>
    ok(api.DELETE('/api/v1/audit/key-enterprises/{year}/{tax_code}', { params: { path: { year, tax_code } } })),

  search: (tax_code: string) => ok(api.GET('/api/v1/audit/search', { params: { query: { tax_code } } })),

  proposals: (query: ItemListParams) => ok(api.GET('/api/v1/audit/proposals', { params: { query } })),
  createProposal: (body: S['AuditProposalInput']) => ok(api.POST('/api/v1/audit/proposals', { body })),
  proposal: (id: number) => ok(api.GET('/api/v1/audit/proposals/{id}', byId(id))),
  actOnProposal: (id: number, action: ProposalAction, reason?: string) =>
    ok(api.POST(`/api/v1/audit/proposals/{id}/${action}`, { ...byId(id), body: reasonBody(reason) })),
  addDecision: (id: number, body: S['AuditDecisionInput']) => ok(api.POST('/api/v1/audit/proposals/{id}/decisions', { ...byId(id), body })),
  addConclusion: (id: number, body: S['AuditConclusionInput']) =>
    ok(api.POST('/api/v1/audit/proposals/{id}/conclusion', { ...byId(id), body })),
  approveDecision: (id: number, decision_id: number) =>
    ok(api.POST('/api/v1/audit/proposals/{id}/decisions/{decision_id}/approve', { params: { path: { id, decision_id } } })),
  approveConclusion: (id: number) => ok(api.POST('/api/v1/audit/proposals/{id}/conclusion/approve', byId(id))),
  addPenalty: (id: number, body: S['AuditPenaltyInput']) =>
    ok(api.POST('/api/v1/audit/proposals/{id}/penalties', { ...byId(id), body })),
  addComplaint: (id: number, body: S['AuditComplaintInput']) =>
    ok(api.POST('/api/v1/audit/proposals/{id}/complaints', { ...byId(id), body })),
  decideComplaint: (complaintId: number, decided_on: string, outcome: string) =>
    ok(api.POST('/api/v1/audit/complaints/{id}/decide', { ...byId(complaintId), body: { decided_on, outcome } })),

  proposalQueue: (query: PageParams) =>
    ok(api.GET('/api/v1/audit/queue', { params: { query: { kind: 'PROPOSAL', ...query } } })) as Promise<QueuePage<ProposalWithDuplicates>>,
  collectionQueue: (kind: 'COLLECTION' | 'RESULT', query: PageParams) =>
    ok(api.GET('/api/v1/audit/queue', { params: { query: { kind, ...query } } })) as Promise<QueuePage<CollectionWithDuplicates>>,

  collections: (query: ItemListParams) => ok(api.GET('/api/v1/audit/collections', { params: { query } })),
  createCollection: (body: S['AuditCollectionInput']) => ok(api.POST('/api/v1/audit/collections', { body })),
  collection: (id: number) => ok(api.GET('/api/v1/audit/collections/{id}', byId(id))),
  actOnCollection: (id: number, action: CollectionAction, reason?: string) =>
    ok(api.POST(`/api/v1/audit/collections/{id}/${action}`, { ...byId(id), body: reasonBody(reason) })),
  recordResults: (id: number, results: CollectionResult[]) =>
    ok(api.POST('/api/v1/audit/collections/{id}/results', { ...byId(id), body: { results } })),
  approveResults: (id: number) => ok(api.POST('/api/v1/audit/collections/{id}/results/approve', byId(id))),

  deadlines: (unit?: string) => ok(api.GET('/api/v1/audit/deadlines', { params: { query: { unit } } })),

  report: (form: FormName, query: ReportParams) => ok(api.GET(`/api/v1/audit/reports/${form}`, { params: { query } })),
  downloadReport: (form: FormName, query: ReportParams, fallbackName: string) =>
    download(`/audit/reports/${form}`, { ...query, format: 'xlsx' }, fallbackName),
  reconcile: (form: FormName, p: ReportParams & { note?: string }) =>
    ok(api.POST('/api/v1/audit/reports/reconciliations', { body: { form, ...p } })),

  sendFeedback: (body: S['AuditFeedbackInput']) => ok(api.POST('/api/v1/audit/feedback', { body })),
  feedback: (query: PageParams) => ok(api.GET('/api/v1/audit/feedback', { params: { query } })),
};
