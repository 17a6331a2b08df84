// Typed client of the online public services routes (/api/v1/eservices, docs/openapi.yaml section "eservices").
import { api, download, ok, upload } from './client';
import type { components, operations } from './schema';

type S = components['schemas'];
export type Procedure = S['EservicesProcedure'];
export type Dossier = S['EservicesDossier'];
export type DossierStatus = NonNullable<Dossier['status']>;
export type DossierDocument = S['EservicesDocument'];
export type Step = S['EservicesStep'];
export type Registration = S['EservicesRegistration'];
export type Applicant = S['EservicesApplicant'];
export type Certificate = S['EservicesCertificate'];
export type IncomingDocument = S['EservicesIncomingDocument'];
export type Submission = S['EservicesSubmission'];
export type Verification = S['EservicesVerification'];
export type Stats = S['EservicesStats'];
export type StatLine = S['EservicesStatLine'];
export type SettingsInput = S['EservicesSettingsInput'];
export type Assignment = S['EservicesAssignment'];
export type TrustAnchor = S['EservicesTrustAnchor'];
export type Crl = S['EservicesCrl'];
export type CrlSource = S['EservicesCrlSource'];
export type Letter = S['EservicesLetter'];
export type DispatchInput = S['EservicesDispatchInput'];
export type HelpRequest = S['EservicesHelpRequest'];
export type HelpAsk = S['EservicesHelpAsk'];
export type PaymentStart = S['EservicesPaymentStart'];
export type ProcedureQuery = NonNullable<operations['listEservicesProcedures']['parameters']['query']>;
export type DossierQuery = NonNullable<operations['listEservicesDossiers']['parameters']['query']>;

export const DOSSIER_STATUSES: DossierStatus[] = [
  'RECEIVED', 'PROCESSING', 'SUPPLEMENT_REQUESTED', 'PENDING_DEPT', 'PENDING_UNIT', 'APPROVED', 'FEE_DUE', 'PAID', 'DONE', 'REFUSED',
];

/** Officer actions of the contract (POST /dossiers/{id}/<action>). */
export const ACTIONS = [
  'claim', 'assign', 'request-supplement', 'refuse', 'propose-refusal', 'propose', 'approve', 'return', 'fee-notice', 'record-payment',
  'issue-result', 'dispatch', 'recall',
] as const;
export type Action = (typeof ACTIONS)[number];

type Path = { params: { path: { id: number } } };
const p = (id: number): Path => ({ params: { path: { id } } });

export const eservices = {
  procedures: (query: ProcedureQuery) => ok(api.GET('/api/v1/eservices/procedures', { params: { query } })),
  procedure: (code: string) => ok(api.GET('/api/v1/eservices/procedures/{code}', { params: { path: { code } } })),
  register: (body: Registration) => ok(api.POST('/api/v1/eservices/register', { body })),
  me: () => ok(api.GET('/api/v1/eservices/me')),
  certificates: () => ok(api.GET('/api/v1/eservices/certificates')),
  addCertificate: (pem: string) => ok(api.POST('/api/v1/eservices/certificates', { body: { pem } })),
  dossiers: (query: DossierQuery) => ok(api.GET('/api/v1/eservices/dossiers', { params: { query } })),
  dossier: (id: number) => ok(api.GET('/api/v1/eservices/dossiers/{id}', p(id))),
  /** Submission with progress: the body (base64 documents) can be large. */
  submit: (body: Submission, onProgress?: (share: number) => void) =>
    upload<Dossier>('/eservices/dossiers', JSON.stringify(body), { contentType: 'application/json', onProgress }),
  supplement: (id: number, documents: IncomingDocument[], note: string | undefined, onProgress?: (share: number) => void) =>
    upload<Dossier>(`/eservices/dossiers/${id}/supplement`, JSON.stringify({ documents, note }), { contentType: 'application/json', onProgress }),
  downloadDocument: (id: number, documentId: number, name: string) => download(`/eservices/dossiers/${id}/documents/${documentId}`, undefined, name),
  result: (id: number) => ok(api.GET('/api/v1/eservices/dossiers/{id}/result', p(id))),
  claim: (id: number) => ok(api.POST('/api/v1/eservices/dossiers/{id}/claim', p(id))),
  assign: (id: number, to: string) => ok(api.POST('/api/v1/eservices/dossiers/{id}/assign', { ...p(id), body: { to } })),
  requestSupplement: (id: number, missing: string[], note?: string) =>
    ok(api.POST('/api/v1/eservices/dossiers/{id}/request-supplement', { ...p(id), body: { missing, note } })),
  refuse: (id: number, reason: string) => ok(api.POST('/api/v1/eservices/dossiers/{id}/refuse', { ...p(id), body: { reason } })),
  propose: (id: number, comment?: string) => ok(api.POST('/api/v1/eservices/dossiers/{id}/propose', { ...p(id), body: { comment } })),
  approve: (id: number, comment?: string) => ok(api.POST('/api/v1/eservices/dossiers/{id}/approve', { ...p(id), body: { comment } })),
  return: (id: number, reason: string) => ok(api.POST('/api/v1/eservices/dossiers/{id}/return', { ...p(id), body: { reason } })),
  feeNotice: (id: number, amount: number) => ok(api.POST('/api/v1/eservices/dossiers/{id}/fee-notice', { ...p(id), body: { amount } })),
  recordPayment: (id: number, receipt_no: string) =>
    ok(api.POST('/api/v1/eservices/dossiers/{id}/record-payment', { ...p(id), body: { receipt_no } })),
  issueResult: (id: number) => ok(api.POST('/api/v1/eservices/dossiers/{id}/issue-result', { ...p(id), body: {} })),
  proposeRefusal: (id: number, reason: string, letter: string) =>
    ok(api.POST('/api/v1/eservices/dossiers/{id}/propose-refusal', { ...p(id), body: { reason, letter } })),
  dispatch: (id: number, body: DispatchInput) => ok(api.POST('/api/v1/eservices/dossiers/{id}/dispatch', { ...p(id), body })),
  recall: (id: number, comment?: string) => ok(api.POST('/api/v1/eservices/dossiers/{id}/recall', { ...p(id), body: { comment } })),
  letters: (id: number) => ok(api.GET('/api/v1/eservices/dossiers/{id}/letters', p(id))),
  dispatchOf: (id: number) => ok(api.GET('/api/v1/eservices/dossiers/{id}/dispatch', p(id))),
  pay: (id: number) => ok(api.POST('/api/v1/eservices/dossiers/{id}/pay', p(id))),
  sandboxPay: (body: { order_id: string; amount: number; signature: string }) =>
    ok(api.POST('/api/v1/eservices/sandbox-gateway/pay', { body })),
  saveSettings: (code: string, body: SettingsInput) =>
    ok(api.PUT('/api/v1/eservices/procedures/{code}/settings', { params: { path: { code } }, body })),
  assignment: (unit_code: string, procedure_code: string) =>
    ok(api.GET('/api/v1/eservices/assignment/{unit_code}/{procedure_code}', { params: { path: { unit_code, procedure_code } } })),
  setAssignment: (unit_code: string, procedure_code: string, body: { mode: number; officers: string[] }) =>
    ok(api.PUT('/api/v1/eservices/assignment/{unit_code}/{procedure_code}', { params: { path: { unit_code, procedure_code } }, body })),
  trustAnchors: () => ok(api.GET('/api/v1/eservices/trust-anchors')),
  addTrustAnchor: (pem: string) => ok(api.POST('/api/v1/eservices/trust-anchors', { body: { pem } })),
  crls: () => ok(api.GET('/api/v1/eservices/crls')),
  crlSources: () => ok(api.GET('/api/v1/eservices/crl-sources')),
  refreshCrls: () => ok(api.POST('/api/v1/eservices/crl-sources/refresh')),
  addCrl: (pem: string) => ok(api.POST('/api/v1/eservices/crls', { body: { pem } })),
  signingIdentity: () => ok(api.GET('/api/v1/eservices/signing-identity')),
  helpRequests: (query: { status?: 'OPEN' | 'ANSWERED'; page?: number; page_size?: number }) =>
    ok(api.GET('/api/v1/eservices/helpdesk', { params: { query } })),
  ask: (body: HelpAsk) => ok(api.POST('/api/v1/eservices/helpdesk', { body })),
  answer: (id: number, answer: string) => ok(api.POST('/api/v1/eservices/helpdesk/{id}/answer', { ...p(id), body: { answer } })),
  forward: (id: number, unit_code: string, note?: string) =>
    ok(api.POST('/api/v1/eservices/helpdesk/{id}/forward', { ...p(id), body: { unit_code, note } })),
  verify: (number: string) => ok(api.GET('/api/v1/eservices/results/{number}/verify', { params: { path: { number } } })),
  stats: (query: { unit?: string; from?: string; to?: string }) => ok(api.GET('/api/v1/eservices/stats', { params: { query } })),
  downloadStats: (query: { unit?: string; from?: string; to?: string }) =>
    download('/eservices/stats', { ...query, format: 'xlsx' }, 'thong-ke-dvctt.xlsx'),
};

/** A file read as base64 (without the data: prefix). */
export function fileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => {
      const s = String(r.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });
}

/** Days and hours of working time left (8 working hours a day), or null when overdue. */
export function remaining(seconds: number): { days: number; hours: number } | null {
  if (seconds < 0) return null;
  const hours = Math.floor(seconds / 3600);
  return { days: Math.floor(hours / 8), hours: hours % 8 };
}
