// Role groups that pages and the module registry both check (pages import these, never modules.tsx).
export const ADMIN_ROLES = ['platform.admin', 'unit.admin'] as const;
export const TRS_ROLES = ['trs.analyst', 'trs.officer', 'platform.admin'] as const;
/** The agencies' part of a study: agency users (trs.agency) and the analysts who set studies up. */
export const TRS_AGENCY_ROLES = ['trs.agency', 'trs.analyst', 'platform.admin'] as const;
export const MONITOR_ROLES = ['monitor.viewer', 'monitor.owner', 'platform.admin'] as const;
export const ESERVICES_STAFF_ROLES = ['eservices.officer', 'eservices.dept_leader', 'eservices.unit_leader', 'eservices.helpdesk', 'platform.admin'] as const;
export const ESERVICES_OFFICER_ROLES = ['eservices.officer', 'eservices.dept_leader', 'eservices.unit_leader', 'platform.admin'] as const;
