// Typed client of the time release study routes (/api/v1/trs, docs/openapi.yaml section "trs").
import { apiUrl, call, download, upload } from './client';
import type { Paged } from './types';

export type Route = 'SEA' | 'AIR' | 'ROAD';
export type SamplingRule = 'FULL_WEEK' | 'WED_FRI';
export interface StudyBranch {
  code: string;
  route: Route;
  sampling_rule?: SamplingRule;
  records?: number;
}
export interface SamplingRow {
  branch: string | null;
  rule: SamplingRule;
  records: number;
  t3_kept: number;
  t3_left_out: number;
}
export interface Study {
  id: number;
  name: string;
  year: number;
  week_start: string;
  week_end: string;
  branches: StudyBranch[];
  excluded_type_codes: string[];
  world_bank_branches: string[];
  follow_up_days: number;
  follow_up_limit: string;
  period_start: string | null;
  period_end: string | null;
  sample_begin: string;
  sample_end: string;
  agency_weeks_before: number;
  agency_window_start: string;
  agency_window_end: string;
  records: number;
  can_manage: boolean;
  created_by: string;
}
export interface StudyInput {
  name: string;
  year: number;
  week_start: string;
  branches: Array<{ code: string; route: Route; sampling_rule?: SamplingRule }>;
  agency_weeks_before?: number;
  excluded_type_codes: string[];
  world_bank_branches: string[];
  follow_up_days: number;
  period_start?: string | null;
  period_end?: string | null;
}

export type ColumnKind = 'text' | 'yes_no' | 'enum' | 'time' | 'list';
export interface ColumnDef {
  name: string;
  kind: ColumnKind;
  label_vi: string;
  label_en: string;
  form_ref: string;
  values: string[];
}
export interface IntervalDef {
  id: string;
  name_vi: string;
  name_en: string;
}

export type Cells = Record<string, string>;
export interface StoredRecord {
  declaration_no: string;
  flow: 'NK' | 'XK';
  branch_code: string;
  channel: string | null;
  registered_at: string | null;
  released_at: string | null;
  incomplete: boolean;
  line: number;
  updated_by: string;
  updated_at: string;
  cells: Cells;
}
export interface Issue {
  code: string;
  message: string;
  line?: number;
  declaration_no?: string;
  column?: string;
  interval?: string;
}
export interface CellProblem {
  column: string;
  value: string;
  message: string;
  line?: number;
  declaration_no?: string;
  source?: string;
}
export interface EntryResult {
  record: StoredRecord;
  warnings: Issue[];
  changes: string;
}
export interface ImportResult {
  rows: number;
  stored: number;
  created: number;
  replaced: number;
  skipped: number;
  bad_cell_count: number;
  bad_cells: CellProblem[];
}
export interface FollowUp {
  follow_up_limit: string;
  today: string;
  days_left: number;
  branches: Array<{
    code: string;
    route: Route;
    records: number;
    incomplete: number;
    items: Array<{ declaration_no: string; flow: string; registered_at: string | null; missing: string[] }>;
  }>;
}

export interface StatRow {
  interval: string;
  flow: string;
  by: string;
  group: string;
  n: number;
  mean_hours: number;
  p25_hours: number;
  median_hours: number;
  p75_hours: number;
  p90_hours: number;
  p95_hours: number;
  min_hours: number;
  max_hours: number;
  within_1h: number;
  within_4h: number;
  within_24h: number;
  within_48h: number;
  mean_hms: string | null;
  median_hms: string | null;
  p90_hms: string | null;
}
export interface Report {
  records: { total: number; analysed: number; excluded: number; incomplete: number };
  rows: StatRow[];
  issues: Issue[];
  issue_counts: Record<string, number>;
  attribution: Array<{
    interval: string;
    flow: string;
    group: string;
    n: number;
    mean_hours: number;
    customs_hours: number;
    agencies_hours: number;
    declarant_hours: number;
    customs_share: number;
    agencies_share: number;
    declarant_share: number;
  }>;
  delay_reasons: Array<{ flow: string; reason: string; label_vi: string; count: number; share: number; t2_median_hours: number | null }>;
  cumulative: Array<{ interval: string; flow: string; group: string; n: number; points: Array<{ hours: number; share: number }> }>;
  world_bank: Array<Record<string, unknown>>;
  sampling?: SamplingRow[];
  study?: Study;
}
export interface ComparisonRow {
  interval: string;
  flow: string;
  by: string;
  group: string;
  n_a: number;
  n_b: number;
  median_hours_a: number | null;
  median_hours_b: number | null;
  mean_hours_a: number | null;
  mean_hours_b: number | null;
  median_change_hours: number | null;
  median_change_pct: number | null;
  mean_change_hours: number | null;
  mean_change_pct: number | null;
}
export interface AgencyListRow {
  agency: string | null;
  block: 'ag1' | 'ag2' | 'qc' | '';
  sci_kinds: string;
  declaration_no: string;
  flow: 'NK' | 'XK';
  branch_code: string;
  registered_at: string | null;
  bill_of_lading: string;
  registration_no: string;
  certificate_no: string;
}
export interface ReferenceStudy {
  id: string;
  name: string;
  year: number;
  source: string;
  figures: Array<{ interval: string; flow: string; mean_hours: number; mean_hms: string; note: string }>;
}
export interface Comparison {
  a: Study & { counts: Report['records'] };
  b?: Study & { counts: Report['records'] };
  reference?: ReferenceStudy;
  rows: ComparisonRow[];
}

const studyPath = (id: string | number) => ({ path: { id } });
const recordPath = (id: string | number, declaration_no: string) => ({ path: { id, declaration_no } });

// The spec's trs section has no parameter or response schemas yet: calls name their types (see call()).
export const trs = {
  columns: () => call<{ columns: ColumnDef[]; intervals: IntervalDef[] }>('GET', '/api/v1/trs/columns'),
  studies: () => call<{ items: Study[]; total: number }>('GET', '/api/v1/trs/studies'),
  study: (id: string | number) => call<Study>('GET', '/api/v1/trs/studies/{id}', studyPath(id)),
  createStudy: (input: StudyInput) => call<Study>('POST', '/api/v1/trs/studies', { body: input }),
  updateStudy: (id: string | number, input: Partial<StudyInput>) =>
    call<Study>('PATCH', '/api/v1/trs/studies/{id}', { ...studyPath(id), body: input }),
  records: (id: string | number, query: { page?: number; page_size?: number; branch?: string; q?: string; flow?: string }) =>
    call<Paged<StoredRecord>>('GET', '/api/v1/trs/studies/{id}/records', { ...studyPath(id), query }),
  record: (id: string | number, no: string) =>
    call<StoredRecord>('GET', '/api/v1/trs/studies/{id}/records/{declaration_no}', recordPath(id, no)),
  createRecord: (id: string | number, cells: Cells) =>
    call<EntryResult>('POST', '/api/v1/trs/studies/{id}/records', { ...studyPath(id), body: { cells } }),
  updateRecord: (id: string | number, no: string, cells: Record<string, string | null>) =>
    call<EntryResult>('PATCH', '/api/v1/trs/studies/{id}/records/{declaration_no}', { ...recordPath(id, no), body: { cells } }),
  check: (id: string | number, cells: Cells) =>
    call<{ problems: CellProblem[]; warnings: Issue[] }>('POST', '/api/v1/trs/studies/{id}/records/check', {
      ...studyPath(id),
      body: { cells },
    }),
  followUp: (id: string | number) => call<FollowUp>('GET', '/api/v1/trs/studies/{id}/followup', studyPath(id)),
  report: (id: string | number) => call<Report>('GET', '/api/v1/trs/studies/{id}/report', studyPath(id)),
  compare: (a: string | number, b: string | number) => call<Comparison>('GET', '/api/v1/trs/compare', { query: { a, b } }),
  compareReference: (a: string | number, reference: string) =>
    call<Comparison>('GET', '/api/v1/trs/compare', { query: { a, reference } }),
  agencyList: (id: string | number, query: Record<string, string | number>) =>
    call<Paged<AgencyListRow> & { agencies: Array<{ agency: string | null; rows: number }> }>(
      'GET',
      '/api/v1/trs/studies/{id}/agency-list',
      { ...studyPath(id), query },
    ),
  downloadAgencyList: (id: string | number, format: 'csv' | 'xlsx') =>
    download(`/trs/studies/${id}/agency-list`, { format }, `danh-sach-gui-bo-nganh-${id}.${format}`),
  references: () => call<{ items: ReferenceStudy[]; total: number }>('GET', '/api/v1/trs/references'),
  // Plain links (the browser streams the workbook to disk); the server's refusal would show as a JSON page.
  reportXlsxUrl: (id: string | number) => apiUrl(`/trs/studies/${id}/report`, { format: 'xlsx' }),
  compareXlsxUrl: (a: string | number, b: string | number) => apiUrl('/trs/compare', { a, b, format: 'xlsx' }),
  compareReferenceXlsxUrl: (a: string | number, reference: string) => apiUrl('/trs/compare', { a, reference, format: 'xlsx' }),
};

/** The server accepts uploads up to 256 MiB; larger files are refused here before sending. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

/** Uploads a wide file (raw bytes) or a long one (JSON) to POST …/import, with upload progress. */
export function uploadImport(
  studyId: string | number,
  body: Blob | string,
  options: { skipInvalid: boolean; format: 'wide' | 'long'; onProgress(share: number): void },
): Promise<ImportResult> {
  return upload<ImportResult>(`/trs/studies/${studyId}/import`, body, {
    query: { format: options.format, skip_invalid: String(options.skipInvalid) },
    contentType: options.format === 'long' ? 'application/json' : 'application/octet-stream',
    onProgress: options.onProgress,
  });
}

/** Base64 of a file's bytes (the long format's JSON body). */
export async function fileBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
