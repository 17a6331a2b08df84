// Calls of the agencies' part of a time release study (/api/v1/trs/agencies, …/agency-members, …/agencies/{code}/…;
// docs/openapi.yaml section "trs"): the agency table, agency users per study, an agency's list with its returned
// times (entry, import), the border guard's checks (interval 4.2). Typed by the generated schema.
import { api, ok, upload } from './client';
import type { components, operations } from './schema';

type Schemas = components['schemas'];
type QueryOf<K extends keyof operations> = NonNullable<operations[K]['parameters']['query']>;

export type Agency = Schemas['TrsAgency'];
export type AgencyMember = Schemas['TrsAgencyMember'];
export type AgencyMembership = Schemas['TrsAgencyMembership'];
export type AgencyWorkRow = Schemas['TrsAgencyWorkRow'];
export type AgencyReturned = Schemas['TrsAgencyReturned'];
export type BorderCheck = Schemas['TrsBorderCheck'];
export type AgencyImportResult = Schemas['TrsAgencyImportResult'];
export type AgencyResultRow = Schemas['TrsAgencyResultRow'];
export type AgencyReturnsParams = QueryOf<'trsAgencyReturns'>;
export type BorderChecksParams = QueryOf<'trsBorderChecks'>;
/** Column → text; null or '' clears the cell. */
export type Cells = Record<string, string | null>;

const study = (id: string | number) => ({ id: Number(id) });
const agencyPath = (id: string | number, code: string) => ({ path: { ...study(id), code } });

/** The returned-data columns (form and file), in the order of the file template. */
export const RETURN_COLUMNS = ['declaration_no', 'registration_no', 'result_no', 'registered_at', 'sampling_at', 'result_at', 'handed_over_at'] as const;
export const BORDER_COLUMNS = ['vehicle', 'voyage', 'check_start_at', 'check_end_at'] as const;

export const trsAgencies = {
  agencies: () => ok(api.GET('/api/v1/trs/agencies')),
  myAgencies: () => ok(api.GET('/api/v1/trs/my-agencies')),
  members: (id: string | number) => ok(api.GET('/api/v1/trs/studies/{id}/agency-members', { params: { path: study(id) } })),
  putMember: (id: string | number, username: string, agency_code: string) =>
    ok(api.PUT('/api/v1/trs/studies/{id}/agency-members/{username}', { params: { path: { ...study(id), username } }, body: { agency_code } })),
  deleteMember: (id: string | number, username: string) =>
    ok(api.DELETE('/api/v1/trs/studies/{id}/agency-members/{username}', { params: { path: { ...study(id), username } } })),
  returns: (id: string | number, code: string, query: AgencyReturnsParams) =>
    ok(api.GET('/api/v1/trs/studies/{id}/agencies/{code}/returns', { params: { ...agencyPath(id, code), query } })),
  putReturn: (id: string | number, code: string, declaration_no: string, cells: Cells) =>
    ok(
      api.PUT('/api/v1/trs/studies/{id}/agencies/{code}/returns/{declaration_no}', {
        params: { path: { ...study(id), code, declaration_no } },
        body: { cells },
      }),
    ),
  borderChecks: (id: string | number, code: string, query: BorderChecksParams) =>
    ok(api.GET('/api/v1/trs/studies/{id}/agencies/{code}/border-checks', { params: { ...agencyPath(id, code), query } })),
  putBorderCheck: (id: string | number, code: string, cells: Cells) =>
    ok(api.POST('/api/v1/trs/studies/{id}/agencies/{code}/border-checks', { params: agencyPath(id, code), body: { cells } })),
};

/** Imports an agency's file (CSV UTF-8 or .xlsx) of returned times, or the border guard's checks: all or nothing. */
export function uploadAgencyFile(
  id: string | number,
  code: string,
  kind: 'returns' | 'border-checks',
  file: Blob,
  onProgress?: (share: number) => void,
): Promise<AgencyImportResult> {
  return upload<AgencyImportResult>(`/trs/studies/${id}/agencies/${encodeURIComponent(code)}/${kind}/import`, file, {
    contentType: 'application/octet-stream',
    onProgress,
  });
}
