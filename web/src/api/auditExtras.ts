// Audit additions of issue 13 §3 (second part), beside audit.ts, on the typed client: the .xlsx export of every
// audit list (the list route with ?format=xlsx: same scope, filters and order as the page shows, without paging),
// the collection's request letter and the return of its results for rework.
import { api, download, ok, upload, type Query } from './client';
import type { components } from './schema';

export type AuditCollection = components['schemas']['AuditCollection'];
export type CollectionLetter = components['schemas']['AuditCollectionLetter'];
export type AuditPayment = components['schemas']['AuditPayment'];
/** A new proposal with the day its paper form was approved (entered later than one working day after it: late). */
export type ProposalEntry = components['schemas']['AuditProposalInput'];

/** A column of the STQ01 import layout, as the server reads it (GET /audit/stq01/columns). */
export type Stq01Column = components['schemas']['AuditStq01Column'];

export const RECIPIENT_KINDS = ['DECLARANT', 'AGENCY'] as const;

/** The audit lists that export, by their path below /api/v1 and the file name used when the server gives none. */
export const AUDIT_LISTS = {
  proposals: { path: '/audit/proposals', file: 'de-xuat-kiem-tra.xlsx' },
  collections: { path: '/audit/collections', file: 'thu-thap-thong-tin.xlsx' },
  enterprises: { path: '/audit/enterprises', file: 'doanh-nghiep.xlsx' },
  keyEnterprises: { path: '/audit/key-enterprises', file: 'doanh-nghiep-trong-diem.xlsx' },
  feedback: { path: '/audit/feedback', file: 'gop-y-chuc-nang.xlsx' },
  queue: { path: '/audit/queue', file: 'cho-phe-duyet.xlsx' },
} as const;
export type AuditList = keyof typeof AUDIT_LISTS;

/** The list's query as the page holds it, without its page (an export holds every row), as .xlsx. */
export function exportQuery(params: Query): Query {
  const { page: _page, page_size: _size, ...filters } = params;
  return { ...filters, format: 'xlsx' };
}

export const auditExtras = {
  exportList: (list: AuditList, params: Query) =>
    download(AUDIT_LISTS[list].path, exportQuery(params), AUDIT_LISTS[list].file),
  recordLetter: (id: number, body: CollectionLetter) =>
    ok(api.PUT('/api/v1/audit/collections/{id}/letter', { params: { path: { id } }, body })),
  /** A CSV text or an .xlsx blob: tax_code, reason?, year? (else `year`). */
  importKeyEnterprises: (body: string | Blob, year: number, onProgress?: (fraction: number) => void) =>
    upload<{ added: number; unchanged: number; year: number }>('/audit/key-enterprises/import', body, {
      query: { year },
      contentType: typeof body === 'string' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      onProgress,
    }),
  /** STQ01 proposals and collection requests (CSV text or .xlsx blob, the layout of the template). */
  importStq01: (body: string | Blob, onProgress?: (fraction: number) => void) =>
    upload<components['schemas']['AuditImportResult']>('/audit/stq01/import', body, {
      contentType: typeof body === 'string' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      onProgress,
    }),
  stq01Columns: () => ok(api.GET('/api/v1/audit/stq01/columns')).then((r) => r.items),
  stq01Template: () => download('/audit/stq01/template', undefined, 'mau-nhap-stq01.xlsx'),
  payments: (id: number) => ok(api.GET('/api/v1/audit/proposals/{id}/payments', { params: { path: { id } } })),
  addPayment: (id: number, body: { paid_on: string; amount: number; document?: string }) =>
    ok(api.POST('/api/v1/audit/proposals/{id}/payments', { params: { path: { id } }, body })),
  returnResults: (id: number, opinion: string) =>
    ok(api.POST('/api/v1/audit/collections/{id}/results/return', { params: { path: { id } }, body: { opinion } })),
};
