// Typed calls of the post-clearance audit API (/api/v1/audit, see docs/openapi.yaml and src/audit/routes.cpp).
import { call, download, upload } from './client';
import type { Paged } from './types';

export type TaxKind = 'ENTERPRISE' | 'BRANCH' | 'PERSONAL';
export type Place = 'PREMISES' | 'OFFICE';
export type GroundKind = 'SIGNS_OF_VIOLATION' | 'RISK_MANAGEMENT' | 'COMPLIANCE_ASSESSMENT' | 'OTHER';
export type ProposalStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'PAUSED' | 'CANCELLED';
export type CollectionStatus = 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'PAUSED' | 'CANCELLED' | 'RESULT_SUBMITTED' | 'COMPLETED';
export type DecisionKind = 'ORIGINAL' | 'AMENDMENT' | 'EXTENSION' | 'CANCELLATION';
export type RiskArea = 'VALUATION' | 'CLASSIFICATION' | 'ORIGIN' | 'PROCESSING' | 'EXEMPTION_REFUND' | 'LICENSING' | 'OTHER';

/** Text fields of form 01/KTSTQ kept in the profile: a string or a list of strings. */
export type ProfileValue = string | string[];

export interface Enterprise {
  id: number;
  tax_code: string;
  tax_kind: TaxKind;
  name: string;
  foreign_name: string;
  address: string;
  legal_representative: string;
  phone: string;
  email: string;
  established_on: string | null;
  charter_capital: number;
  ownership: string;
  aeo_status: string;
  compliance_level: number;
  source: string;
  created_at: string | null;
  updated_at: string | null;
  contacts?: ProfileValue;
  business_lines?: ProfileValue;
  factories?: ProfileValue;
  warehouses?: ProfileValue;
  main_goods?: ProfileValue;
  main_partners?: ProfileValue;
  related_parties?: ProfileValue;
  accounting_software?: ProfileValue;
}

/** Body of POST / PATCH: only the fields given change. */
export type EnterpriseFields = Partial<Omit<Enterprise, 'id' | 'tax_kind' | 'source' | 'created_at' | 'updated_at'>>;

export interface EnterpriseListParams {
  q?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  page?: number;
  page_size?: number;
}

export interface EnterprisePage extends Paged<Enterprise> {
  /** False when the server stopped counting an unselective name search. */
  total_exact: boolean;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface EnterpriseChange {
  at: string;
  username: string;
  unit_code: string;
  source: string;
  changes: FieldChange[];
}

export interface Duplicate {
  kind: 'PROPOSAL' | 'COLLECTION';
  id: number;
  number: string;
  unit_code: string;
  unit_name: string;
  status: string;
  place: Place | null;
  created_at: string | null;
}

export interface Proposal {
  id: number;
  number: string;
  year: number;
  status: ProposalStatus;
  paused_from: string | null;
  tax_code: string;
  enterprise_name: string;
  unit_code: string;
  unit_name: string;
  place: Place;
  grounds: string;
  grounds_kind: GroundKind;
  period_from: string;
  period_to: string;
  reason: string;
  duplicate_count: number;
  source: string;
  proposed_by: string;
  decided_by: string | null;
  created_at: string | null;
  submitted_at: string | null;
  approved_at: string | null;
  rejected_at: string | null;
  paused_at: string | null;
  cancelled_at: string | null;
}

export interface ProposalWithDuplicates extends Proposal {
  duplicates: Duplicate[];
}

export const AMOUNT_KEYS = [
  'import_tax', 'export_tax', 'vat', 'excise', 'environment', 'trade_remedy', 'late_interest', 'penalty', 'collected',
] as const;
export type AmountKey = (typeof AMOUNT_KEYS)[number];
export const TAX_KEYS: readonly AmountKey[] = ['import_tax', 'export_tax', 'vat', 'excise', 'environment', 'trade_remedy'];

export type Amounts = Record<AmountKey, number> & { tax_total: number; total: number; outstanding: number };

export interface Decision {
  id: number;
  kind: DecisionKind;
  number: string;
  signed_on: string;
  signer: string;
  team: string;
  start_on: string;
  working_days: number;
  end_on: string;
  due_on: string;
  late: boolean;
  entered_by: string;
  entered_at: string | null;
  status: 'ENTERED' | 'APPROVED';
  approved_by: string | null;
  approved_at: string | null;
}

export interface NewDecision {
  kind: DecisionKind;
  number: string;
  signed_on: string;
  start_on?: string;
  working_days?: number;
  signer?: string;
  team?: string;
}

export interface Conclusion {
  id: number;
  number: string;
  signed_on: string;
  findings: string;
  declarations: number;
  has_violation: boolean;
  amounts: Amounts;
  status: 'ENTERED' | 'APPROVED';
  due_on: string;
  late: boolean;
  entered_by: string;
  entered_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
}

export interface NewConclusion {
  number: string;
  signed_on: string;
  findings?: string;
  declarations?: number;
  has_violation?: boolean;
  amounts: Partial<Record<AmountKey, number>>;
}

export interface Penalty {
  id: number;
  number: string;
  signed_on: string;
  violation: string;
  amount: number;
  entered_by: string;
  entered_at: string | null;
}

export interface Complaint {
  id: number;
  filed_on: string;
  content: string;
  status: 'FILED' | 'DECIDED';
  decided_on: string | null;
  outcome: string;
  entered_by: string;
  entered_at: string | null;
}

export interface ProposalDetail extends ProposalWithDuplicates {
  decisions: Decision[];
  conclusion: Conclusion | null;
  penalties: Penalty[];
  complaints: Complaint[];
  audit_end_on: string | null;
}

export interface CollectionResult {
  risk_area: RiskArea;
  risk_area_name?: string;
  finding: string;
  has_violation: boolean;
}

export interface Collection {
  id: number;
  number: string;
  year: number;
  status: CollectionStatus;
  paused_from: string | null;
  tax_code: string;
  enterprise_name: string;
  unit_code: string;
  unit_name: string;
  signs: string;
  risk_areas: RiskArea[];
  reason: string;
  duplicate_count: number;
  has_findings: boolean;
  proposed_by: string;
  decided_by: string | null;
  proposed_at: string | null;
  approved_at: string | null;
  result_submitted_at: string | null;
  results_by: string | null;
  result_approved_at: string | null;
  /** The leader approves on the (working) day it was proposed — computed on the server's calendar. */
  approval_due_on: string;
  /** One working day after the results were sent; null before they are. */
  results_due_on: string | null;
  results: CollectionResult[];
}

export interface CollectionWithDuplicates extends Collection {
  duplicates: Duplicate[];
}

export interface EnterpriseRecord {
  enterprise: Enterprise;
  key_years: number[];
  changes: EnterpriseChange[];
  proposals: ProposalDetail[];
  collections: Collection[];
}

export interface KeyEnterprise {
  tax_code: string;
  name: string;
  year: number;
  reason: string;
  added_by: string;
  added_at: string | null;
}

export interface SearchResult {
  search_id: string;
  tax_code: string;
  expires_at: string | null;
  enterprise: Enterprise | null;
  key_enterprise: boolean;
  proposals: Proposal[];
  collections: Collection[];
}

export interface NewProposal {
  tax_code: string;
  place: Place;
  grounds: string | string[];
  period_from: string;
  period_to: string;
  search_id: string;
  draft?: boolean;
  /** A candidate of this risk run: grounds become risk management, the run and score are recorded. */
  risk_run_id?: number;
}

export interface ItemListParams {
  unit?: string;
  status?: string;
  place?: string;
  year?: number | string;
  q?: string;
  sort?: string;
  order?: 'asc' | 'desc';
  page?: number;
  page_size?: number;
}

export type ProposalAction = 'submit' | 'approve' | 'reject' | 'pause' | 'resume' | 'cancel';
export type CollectionAction = 'approve' | 'reject' | 'pause' | 'resume' | 'cancel';

export interface Deadline {
  id: number;
  kind: 'DECISION_ENTRY' | 'CONCLUSION_ENTRY' | 'COLLECTION_APPROVAL' | 'RESULT_APPROVAL' | string;
  entity_type: string;
  entity_id: number;
  label: string;
  due_on: string;
  unit_code: string;
  /** The proposal of a decision's or conclusion's deadline (null for a collection's). */
  proposal_id: number | null;
}

export interface DeadlineBoard {
  unit_code: string;
  today: string;
  due_today: Deadline[];
  late: Deadline[];
  stats: { done: number; done_on_time: number; open: number; open_late: number; due_today: number };
  on_time_rate: number;
}

export type FormName = 'form19' | 'form20';

export interface ReportColumn {
  key: string;
  /** Vietnamese heading above a group of columns ("" when the column stands alone). */
  group: string;
  /** The same heading in English. */
  group_en: string;
  heading_vi: string;
  heading_en: string;
  money: boolean;
}

export interface ReportRow {
  unit_code: string;
  unit_name: string;
  level: string;
  /** The unit's own figures, without its subordinate units. */
  own_only: boolean;
  reconciled: boolean;
  values: Record<string, number>;
}

export interface FormReport {
  form: 'FORM19' | 'FORM20';
  title: string;
  unit: { code: string; name: string; level: string };
  from: string;
  to: string;
  columns: ReportColumn[];
  rows: ReportRow[];
  total: Record<string, number>;
  not_reconciled: string[];
}

export interface ReportParams {
  unit?: string;
  from: string;
  to: string;
}

export interface Feedback {
  id: number;
  unit_code?: string;
  username?: string;
  function_name: string;
  proposal: string;
  reason: string;
  status: string;
  created_at: string | null;
}

export interface AuditReference {
  risk_areas: Array<{ code: RiskArea; name: string }>;
  ground_kinds: GroundKind[];
  places: Place[];
  decision_kinds: DecisionKind[];
  amount_keys: AmountKey[];
  limits: { premises_working_days: number; office_working_days: number; extension_working_days: number };
}

const proposalPath = (id: number) => ({ path: { id } });

// The spec's audit section lists the paths but not their parameters and bodies yet: calls name their types.
export const audit = {
  reference: () => call<AuditReference>('GET', '/api/v1/audit/reference'),

  enterprises: (query: EnterpriseListParams) => call<EnterprisePage>('GET', '/api/v1/audit/enterprises', { query: { ...query } }),
  createEnterprise: (e: EnterpriseFields & { tax_code: string; name: string }) =>
    call<Enterprise>('POST', '/api/v1/audit/enterprises', { body: e }),
  updateEnterprise: (tax_code: string, patch: EnterpriseFields) =>
    call<Enterprise>('PATCH', '/api/v1/audit/enterprises/{tax_code}', { path: { tax_code }, body: patch }),
  record: (tax_code: string) => call<EnterpriseRecord>('GET', '/api/v1/audit/enterprises/{tax_code}', { path: { tax_code } }),
  /** A CSV text, or an .xlsx workbook (its first sheet) as a Blob; the same header either way. */
  importEnterprises: (file: string | Blob, onProgress?: (fraction: number) => void) =>
    upload<{ created: number; updated: number }>('/audit/enterprises/import', file, {
      contentType: typeof file === 'string' ? 'text/csv; charset=utf-8' : XLSX_TYPE,
      onProgress,
    }),

  keyEnterprises: (query: { year: number; page?: number; page_size?: number }) =>
    call<Paged<KeyEnterprise>>('GET', '/api/v1/audit/key-enterprises', { query }),
  addKeyEnterprise: (tax_code: string, year: number, reason?: string) =>
    call<KeyEnterprise>('POST', '/api/v1/audit/key-enterprises', { body: { tax_code, year, reason } }),
  removeKeyEnterprise: (year: number, tax_code: string) =>
    call<{ ok: boolean }>('DELETE', '/api/v1/audit/key-enterprises/{year}/{tax_code}', { path: { year, tax_code } }),

  search: (tax_code: string) => call<SearchResult>('GET', '/api/v1/audit/search', { query: { tax_code } }),

  proposals: (query: ItemListParams) => call<Paged<Proposal>>('GET', '/api/v1/audit/proposals', { query: { ...query } }),
  createProposal: (p: NewProposal) => call<ProposalWithDuplicates>('POST', '/api/v1/audit/proposals', { body: p }),
  proposal: (id: number) => call<ProposalDetail>('GET', '/api/v1/audit/proposals/{id}', proposalPath(id)),
  actOnProposal: (id: number, action: ProposalAction, reason?: string) =>
    call<Proposal>('POST', `/api/v1/audit/proposals/{id}/${action}`, { ...proposalPath(id), body: reason ? { reason } : {} }),
  addDecision: (id: number, d: NewDecision) =>
    call<Decision>('POST', '/api/v1/audit/proposals/{id}/decisions', { ...proposalPath(id), body: d }),
  addConclusion: (id: number, c: NewConclusion) =>
    call<Conclusion>('POST', '/api/v1/audit/proposals/{id}/conclusion', { ...proposalPath(id), body: c }),
  approveDecision: (id: number, decisionId: number) =>
    call<Decision>('POST', '/api/v1/audit/proposals/{id}/decisions/{decision_id}/approve', { path: { id, decision_id: decisionId } }),
  approveConclusion: (id: number) => call<Conclusion>('POST', '/api/v1/audit/proposals/{id}/conclusion/approve', proposalPath(id)),
  addPenalty: (id: number, p: { number: string; signed_on: string; violation?: string; amount: number }) =>
    call<Penalty>('POST', '/api/v1/audit/proposals/{id}/penalties', { ...proposalPath(id), body: p }),
  addComplaint: (id: number, c: { filed_on: string; content: string }) =>
    call<Complaint>('POST', '/api/v1/audit/proposals/{id}/complaints', { ...proposalPath(id), body: c }),
  decideComplaint: (complaintId: number, decided_on: string, outcome: string) =>
    call<Complaint>('POST', '/api/v1/audit/complaints/{id}/decide', { path: { id: complaintId }, body: { decided_on, outcome } }),

  proposalQueue: (query: { page?: number; page_size?: number }) =>
    call<Paged<ProposalWithDuplicates>>('GET', '/api/v1/audit/queue', { query: { kind: 'PROPOSAL', ...query } }),
  collectionQueue: (kind: 'COLLECTION' | 'RESULT', query: { page?: number; page_size?: number }) =>
    call<Paged<CollectionWithDuplicates>>('GET', '/api/v1/audit/queue', { query: { kind, ...query } }),

  collections: (query: ItemListParams) => call<Paged<Collection>>('GET', '/api/v1/audit/collections', { query: { ...query } }),
  createCollection: (c: { tax_code: string; signs: string; risk_areas: RiskArea[] }) =>
    call<CollectionWithDuplicates>('POST', '/api/v1/audit/collections', { body: c }),
  collection: (id: number) => call<Collection>('GET', '/api/v1/audit/collections/{id}', proposalPath(id)),
  actOnCollection: (id: number, action: CollectionAction, reason?: string) =>
    call<Collection>('POST', `/api/v1/audit/collections/{id}/${action}`, { ...proposalPath(id), body: reason ? { reason } : {} }),
  recordResults: (id: number, results: CollectionResult[]) =>
    call<Collection>('POST', '/api/v1/audit/collections/{id}/results', { ...proposalPath(id), body: { results } }),
  approveResults: (id: number) => call<Collection>('POST', '/api/v1/audit/collections/{id}/results/approve', proposalPath(id)),

  deadlines: (unit?: string) => call<DeadlineBoard>('GET', '/api/v1/audit/deadlines', { query: { unit } }),

  report: (form: FormName, query: ReportParams) => call<FormReport>('GET', `/api/v1/audit/reports/${form}`, { query: { ...query } }),
  downloadReport: (form: FormName, query: ReportParams, fallbackName: string) =>
    download(`/audit/reports/${form}`, { ...query, format: 'xlsx' }, fallbackName),
  reconcile: (form: FormName, p: ReportParams & { note?: string }) =>
    call<{ form: string; unit: string; from: string; to: string }>('POST', '/api/v1/audit/reports/reconciliations', {
      body: { form, ...p },
    }),

  sendFeedback: (f: { function_name: string; proposal: string; reason: string }) =>
    call<Feedback>('POST', '/api/v1/audit/feedback', { body: f }),
  feedback: (query: { page?: number; page_size?: number }) => call<Paged<Feedback>>('GET', '/api/v1/audit/feedback', { query }),
};

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
