// Typed client of the time release study routes (/api/v1/trs, docs/openapi.yaml section "trs").
// Parameters, bodies and responses are all typed by the generated schema.
import { api, apiUrl, download, ok, upload } from './client';
import type { components, operations } from './schema';

type S = components['schemas'];
export type Route = S['TrsStudyBranch']['route'];
export type SamplingRow = S['TrsSamplingRow'];
export type Study = S['TrsStudy'];
export type StudyInput = S['TrsStudyInput'];
export type ColumnDef = S['TrsColumn'];
export type Cells = S['TrsCells'];
export type StoredRecord = S['TrsRecord'];
export type Issue = S['TrsIssue'];
export type CellProblem = S['TrsCellProblem'];
export type ImportResult = S['TrsImportResult'];
export type StatRow = S['TrsStatRow'];
export type Report = S['TrsReport'];
export type ComparisonRow = S['TrsComparisonRow'];
export type AgencyListRow = S['TrsAgencyListRow'];
export type Comparison = S['TrsComparison'];
type QueryOf<O extends keyof operations> = NonNullable<operations[O]['parameters']['query']>;
export type RecordListParams = QueryOf<'listTrsRecords'>;
export type AgencyListParams = QueryOf<'trsAgencyList'>;

const byId = (id: string | number) => ({ params: { path: { id: Number(id) } } });
const byRecord = (id: string | number, declaration_no: string) => ({ params: { path: { id: Number(id), declaration_no } } });

export const trs = {
  columns: () => ok(api.GET('/api/v1/trs/columns')),
  studies: () => ok(api.GET('/api/v1/trs/studies')),
  study: (id: string | number) => ok(api.GET('/api/v1/trs/studies/{id}', byId(id))),
  createStudy: (body: StudyInput) => ok(api.POST('/api/v1/trs/studies', { body })),
  updateStudy: (id: string | number, body: S['TrsStudyPatch']) => ok(api.PATCH('/api/v1/trs/studies/{id}', { ...byId(id), body })),
  records: (id: string | number, query: RecordListParams) =>
    ok(api.GET('/api/v1/trs/studies/{id}/records', { params: { path: { id: Number(id) }, query } })),
  record: (id: string | number, no: string) => ok(api.GET('/api/v1/trs/studies/{id}/records/{declaration_no}', byRecord(id, no))),
  createRecord: (id: string | number, cells: Cells) =>
    ok(api.POST('/api/v1/trs/studies/{id}/records', { ...byId(id), body: { cells } })),
  updateRecord: (id: string | number, no: string, cells: Record<string, string | null>) =>
    ok(api.PATCH('/api/v1/trs/studies/{id}/records/{declaration_no}', { ...byRecord(id, no), body: { cells } })),
  check: (id: string | number, cells: Cells) => ok(api.POST('/api/v1/trs/studies/{id}/records/check', { ...byId(id), body: { cells } })),
  followUp: (id: string | number) => ok(api.GET('/api/v1/trs/studies/{id}/followup', byId(id))),
  report: (id: string | number) => ok(api.GET('/api/v1/trs/studies/{id}/report', byId(id))),
  compare: (a: string | number, b: string | number) =>
    ok(api.GET('/api/v1/trs/compare', { params: { query: { a: Number(a), b: Number(b) } } })),
  compareReference: (a: string | number, reference: string) =>
    ok(api.GET('/api/v1/trs/compare', { params: { query: { a: Number(a), reference } } })),
  agencyList: (id: string | number, query: AgencyListParams) =>
    ok(api.GET('/api/v1/trs/studies/{id}/agency-list', { params: { path: { id: Number(id) }, query } })),
  downloadAgencyList: (id: string | number, format: 'csv' | 'xlsx') =>
    download(`/trs/studies/${id}/agency-list`, { format }, `danh-sach-gui-bo-nganh-${id}.${format}`),
  references: () => ok(api.GET('/api/v1/trs/references')),
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
