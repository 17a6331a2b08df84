// The one place that lists modules, their pages (routes), menu entries and the roles they need.
// To add a module (e.g. audit, trs): create src/pages/<module>/…, then add a ModuleDef below whose `key`
// is the module code that GET /me lists in `modules`. Routes and the side menu follow automatically.
import { lazy } from 'react';
import {
  ApartmentOutlined,
  ClockCircleOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  ImportOutlined,
  CheckSquareOutlined,
  CommentOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  FileSearchOutlined,
  ShopOutlined,
  StarOutlined,
  TableOutlined,
  FileDoneOutlined,
  HistoryOutlined,
  HomeOutlined,
  SettingOutlined,
  TeamOutlined,
  AlertOutlined,
  DashboardOutlined,
  CloudServerOutlined,
  SwapOutlined,
  CloudUploadOutlined,
  FolderOpenOutlined,
  KeyOutlined,
  FormOutlined,
  InboxOutlined,
  NotificationOutlined,
  SafetyCertificateOutlined,
  UnorderedListOutlined,
  QuestionCircleOutlined,
  SafetyOutlined,
} from '@ant-design/icons';
import type { Me } from './api/types';
import { hasAnyRole } from './auth/AuthContext';
import { ADMIN_ROLES, ESERVICES_OFFICER_ROLES, MONITOR_ROLES, TRS_AGENCY_ROLES, TRS_ROLES } from './auth/roles';
import type { ModuleDef, PageDef, VisibleModule } from './navigation';

export type { ModuleDef, PageDef, VisibleModule } from './navigation';

export const MODULES: ModuleDef[] = [
  {
    key: 'core',
    labelKey: 'menu.home',
    icon: <HomeOutlined />,
    pages: [{ path: '', labelKey: 'menu.home', icon: <HomeOutlined />, component: lazy(() => import('./pages/HomePage')) }],
  },
  {
    key: 'platform',
    labelKey: 'menu.platform',
    icon: <SettingOutlined />,
    pages: [
      {
        path: 'units',
        labelKey: 'menu.units',
        icon: <ApartmentOutlined />,
        roles: ADMIN_ROLES,
        component: lazy(() => import('./pages/platform/UnitsPage')),
      },
      {
        path: 'accounts',
        labelKey: 'menu.accounts',
        icon: <TeamOutlined />,
        roles: ADMIN_ROLES,
        component: lazy(() => import('./pages/platform/AccountsPage')),
      },
      {
        path: 'account-requests',
        labelKey: 'menu.accountRequests',
        icon: <FileDoneOutlined />,
        roles: [...ADMIN_ROLES, 'unit.leader'],
        component: lazy(() => import('./pages/platform/AccountRequestsPage')),
      },
      {
        path: 'calendar',
        labelKey: 'menu.calendar',
        icon: <CalendarOutlined />,
        component: lazy(() => import('./pages/platform/CalendarPage')),
      },
      {
        path: 'history',
        labelKey: 'menu.history',
        icon: <HistoryOutlined />,
        component: lazy(() => import('./pages/platform/HistoryPage')),
      },
    ],
  },
  {
    key: 'audit',
    labelKey: 'menu.audit',
    icon: <AuditOutlined />,
    pages: [
      { path: 'audit/enterprises', labelKey: 'menu.audit.enterprises', icon: <ShopOutlined />, component: lazy(() => import('./pages/audit/EnterprisesPage')) },
      { path: 'audit/enterprises/:taxCode', labelKey: 'menu.audit.enterprise', hidden: true, component: lazy(() => import('./pages/audit/EnterprisePage')) },
      { path: 'audit/key-enterprises', labelKey: 'menu.audit.keyEnterprises', icon: <StarOutlined />, component: lazy(() => import('./pages/audit/KeyEnterprisesPage')) },
      { path: 'audit/collections', labelKey: 'menu.audit.collections', icon: <FileSearchOutlined />, component: lazy(() => import('./pages/audit/CollectionsPage')) },
      { path: 'audit/proposals', labelKey: 'menu.audit.proposals', icon: <FileProtectOutlined />, component: lazy(() => import('./pages/audit/ProposalsPage')) },
      { path: 'audit/proposals/new', labelKey: 'menu.audit.newProposal', hidden: true, component: lazy(() => import('./pages/audit/NewProposalPage')) },
      { path: 'audit/proposals/:id', labelKey: 'menu.audit.proposal', hidden: true, component: lazy(() => import('./pages/audit/ProposalPage')) },
      { path: 'audit/queue', labelKey: 'menu.audit.queue', icon: <CheckSquareOutlined />, roles: ['audit.leader', 'platform.admin'], component: lazy(() => import('./pages/audit/QueuePage')) },
      { path: 'audit/deadlines', labelKey: 'menu.audit.deadlines', icon: <FieldTimeOutlined />, component: lazy(() => import('./pages/audit/DeadlinesPage')) },
      { path: 'audit/reports/form19', labelKey: 'menu.audit.form19', icon: <BarChartOutlined />, component: lazy(() => import('./pages/audit/ReportPage').then((m) => ({ default: m.Form19Page }))) },
      { path: 'audit/reports/form20', labelKey: 'menu.audit.form20', icon: <TableOutlined />, component: lazy(() => import('./pages/audit/ReportPage').then((m) => ({ default: m.Form20Page }))) },
      { path: 'audit/risk/runs', labelKey: 'menu.audit.risk', icon: <AlertOutlined />, component: lazy(() => import('./pages/audit/risk/RunsPage')) },
      { path: 'audit/risk/runs/:id', labelKey: 'menu.audit.riskRun', hidden: true, component: lazy(() => import('./pages/audit/risk/RunPage')) },
      { path: 'audit/risk/criteria-sets', labelKey: 'menu.audit.criteria', icon: <SafetyCertificateOutlined />, component: lazy(() => import('./pages/audit/risk/CriteriaSetsPage')) },
      { path: 'audit/enterprises/:taxCode/activity', labelKey: 'menu.audit.activity', hidden: true, component: lazy(() => import('./pages/audit/risk/ActivityPage')) },
      { path: 'audit/escalations', labelKey: 'menu.audit.escalations', icon: <NotificationOutlined />, component: lazy(() => import('./pages/audit/EscalationsPage')) },
      { path: 'audit/report-calendar', labelKey: 'menu.audit.reportCalendar', icon: <CalendarOutlined />, component: lazy(() => import('./pages/audit/ReportCalendarPage')) },
      { path: 'audit/stq01', labelKey: 'menu.audit.stq01', icon: <ImportOutlined />, roles: ADMIN_ROLES, component: lazy(() => import('./pages/audit/Stq01ImportPage')) },
      { path: 'audit/feedback', labelKey: 'menu.audit.feedback', icon: <CommentOutlined />, component: lazy(() => import('./pages/audit/FeedbackPage')) },
      { path: 'audit/print/:doc/:id', labelKey: 'menu.audit.print', hidden: true, component: lazy(() => import('./pages/audit/PrintPage')) },
      { path: 'audit/guide', labelKey: 'menu.audit.guide', icon: <QuestionCircleOutlined />, component: lazy(() => import('./pages/audit/GuidePage')) },
    ],
  },
  {
    key: 'trs',
    labelKey: 'menu.trs',
    icon: <ClockCircleOutlined />,
    pages: [
      { path: 'trs/studies', labelKey: 'menu.trs.studies', icon: <ClockCircleOutlined />, roles: TRS_ROLES, component: lazy(() => import('./pages/trs/StudiesPage')) },
      { path: 'trs/compare', labelKey: 'menu.trs.compare', icon: <BarChartOutlined />, roles: TRS_ROLES, component: lazy(() => import('./pages/trs/ComparePage')) },
      { path: 'trs/studies/:id/records', labelKey: 'menu.trs.records', hidden: true, roles: TRS_ROLES, component: lazy(() => import('./pages/trs/RecordsPage')) },
      { path: 'trs/studies/:id/records/new', labelKey: 'menu.trs.entry', hidden: true, roles: TRS_ROLES, component: lazy(() => import('./pages/trs/RecordFormPage')) },
      { path: 'trs/studies/:id/records/:no', labelKey: 'menu.trs.entry', hidden: true, roles: TRS_ROLES, component: lazy(() => import('./pages/trs/RecordFormPage')) },
      { path: 'trs/studies/:id/import', labelKey: 'menu.trs.import', hidden: true, roles: TRS_ROLES, component: lazy(() => import('./pages/trs/ImportPage')) },
      { path: 'trs/studies/:id/followup', labelKey: 'menu.trs.followup', hidden: true, roles: TRS_ROLES, component: lazy(() => import('./pages/trs/FollowUpPage')) },
      { path: 'trs/studies/:id/agencies', labelKey: 'menu.trs.agencies', hidden: true, roles: TRS_ROLES, component: lazy(() => import('./pages/trs/AgencyListPage')) },
      { path: 'trs/agency-work', labelKey: 'menu.trs.agencyWork', icon: <TeamOutlined />, roles: TRS_AGENCY_ROLES, component: lazy(() => import('./pages/trs/AgencyWorkPage')) },
      { path: 'trs/studies/:id/agencies/:code', labelKey: 'menu.trs.agencyReturns', hidden: true, roles: TRS_AGENCY_ROLES, component: lazy(() => import('./pages/trs/AgencyReturnsPage')) },
      { path: 'trs/studies/:id/report', labelKey: 'menu.trs.report', hidden: true, roles: TRS_ROLES, component: lazy(() => import('./pages/trs/ReportPage')) },
    ],
  },
  {
    key: 'monitor',
    labelKey: 'menu.monitor',
    icon: <DashboardOutlined />,
    pages: [
      { path: 'monitor/board', labelKey: 'menu.monitor.board', icon: <DashboardOutlined />, roles: MONITOR_ROLES, component: lazy(() => import('./pages/monitor/BoardPage')) },
      { path: 'monitor/incidents', labelKey: 'menu.monitor.incidents', icon: <AlertOutlined />, roles: MONITOR_ROLES, component: lazy(() => import('./pages/monitor/IncidentsPage')) },
      { path: 'monitor/operations', labelKey: 'menu.monitor.operations', icon: <SwapOutlined />, roles: MONITOR_ROLES, component: lazy(() => import('./pages/monitor/OperationsPage')) },
      { path: 'monitor/services', labelKey: 'menu.monitor.services', icon: <CloudServerOutlined />, roles: MONITOR_ROLES, component: lazy(() => import('./pages/monitor/ServicesPage')) },
    ],
  },
  {
    key: 'eservices',
    labelKey: 'menu.eservices',
    icon: <CloudUploadOutlined />,
    pages: [
      { path: 'eservices/procedures', labelKey: 'menu.eservices.catalogue', icon: <UnorderedListOutlined />, component: lazy(() => import('./pages/eservices/CataloguePage')) },
      { path: 'eservices/procedures/:code', labelKey: 'menu.eservices.procedure', hidden: true, component: lazy(() => import('./pages/eservices/ProcedurePage')) },
      { path: 'eservices/dossiers', labelKey: 'menu.eservices.mine', icon: <FolderOpenOutlined />, component: lazy(() => import('./pages/eservices/MyDossiersPage')) },
      { path: 'eservices/submit', labelKey: 'menu.eservices.submit', icon: <FormOutlined />, component: lazy(() => import('./pages/eservices/SubmitPage')) },
      { path: 'eservices/dossiers/:id', labelKey: 'menu.eservices.dossier', hidden: true, component: lazy(() => import('./pages/eservices/DossierPage')) },
      { path: 'eservices/certificates', labelKey: 'menu.eservices.certificates', icon: <KeyOutlined />, component: lazy(() => import('./pages/eservices/CertificatesPage')) },
      { path: 'eservices/inbox', labelKey: 'menu.eservices.inbox', icon: <InboxOutlined />, roles: ESERVICES_OFFICER_ROLES, component: lazy(() => import('./pages/eservices/InboxPage')) },
      { path: 'eservices/stats', labelKey: 'menu.eservices.stats', icon: <BarChartOutlined />, roles: ESERVICES_OFFICER_ROLES, component: lazy(() => import('./pages/eservices/StatsPage')) },
      { path: 'eservices/dossiers/:id/payment', labelKey: 'menu.eservices.payment', hidden: true, component: lazy(() => import('./pages/eservices/PaymentPage')) },
      { path: 'eservices/helpdesk', labelKey: 'menu.eservices.helpdesk', icon: <QuestionCircleOutlined />, component: lazy(() => import('./pages/eservices/HelpdeskPage')) },
      { path: 'eservices/admin/procedures', labelKey: 'menu.eservices.settings', icon: <SettingOutlined />, roles: ['platform.admin'], component: lazy(() => import('./pages/eservices/ProcedureSettingsPage')) },
      { path: 'eservices/admin/assignment', labelKey: 'menu.eservices.assignment', icon: <ApartmentOutlined />, roles: ADMIN_ROLES, component: lazy(() => import('./pages/eservices/AssignmentPage')) },
      { path: 'eservices/admin/trust', labelKey: 'menu.eservices.trust', icon: <SafetyOutlined />, roles: ['platform.admin'], component: lazy(() => import('./pages/eservices/TrustPage')) },
      { path: 'eservices/verify', labelKey: 'menu.eservices.verify', icon: <SafetyCertificateOutlined />, component: lazy(() => import('./pages/eservices/VerifyPage')) },
    ],
  },
];

export function moduleEnabled(me: Me, m: ModuleDef): boolean {
  return m.key === 'core' || me.modules.includes(m.key);
}

export function pageAllowed(me: Me, m: ModuleDef, p: PageDef): boolean {
  return moduleEnabled(me, m) && (!p.roles || hasAnyRole(me, p.roles));
}

/** Modules with the pages this user may open, in menu order. */
export function visibleModules(me: Me): VisibleModule[] {
  return MODULES.map((module) => ({ module, pages: module.pages.filter((p) => pageAllowed(me, module, p)) })).filter(
    (x) => x.pages.length > 0,
  );
}
