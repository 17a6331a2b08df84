// The one place that lists modules, their pages (routes), menu entries and the roles they need.
// To add a module (e.g. audit, trs): create src/pages/<module>/…, then add a ModuleDef below whose `key`
// is the module code that GET /me lists in `modules`. Routes and the side menu follow automatically.
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import {
  ApartmentOutlined,
  CalendarOutlined,
  FileDoneOutlined,
  HistoryOutlined,
  HomeOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { DictKey } from './i18n';
import type { Me } from './api/types';
import { hasAnyRole } from './auth/AuthContext';

export interface PageDef {
  /** Route path under the app root, without leading slash ('' for home). */
  path: string;
  labelKey: DictKey;
  icon?: ReactNode;
  component: LazyExoticComponent<ComponentType>;
  /** Any of these roles grants access (`*.leader` matches every leader role); absent = every signed-in user. */
  roles?: readonly string[];
  /** Routed but not shown in the menu (detail pages). */
  hidden?: boolean;
}

export interface ModuleDef {
  /** Module code as listed by GET /me `modules`; 'core' is always present. */
  key: string;
  labelKey: DictKey;
  icon: ReactNode;
  pages: PageDef[];
}

export const ADMIN_ROLES = ['platform.admin', 'unit.admin'] as const;

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
  // { key: 'audit', labelKey: 'menu.audit', icon: <AuditOutlined />, pages: [ { path: 'audit/…', … } ] },
  // { key: 'trs', labelKey: 'menu.trs', icon: <FieldTimeOutlined />, pages: [ { path: 'trs/…', … } ] },
];

export function moduleEnabled(me: Me, m: ModuleDef): boolean {
  return m.key === 'core' || me.modules.includes(m.key);
}

export function pageAllowed(me: Me, m: ModuleDef, p: PageDef): boolean {
  return moduleEnabled(me, m) && (!p.roles || hasAnyRole(me, p.roles));
}

/** Modules with the pages this user may open, in menu order. */
export function visibleModules(me: Me): Array<{ module: ModuleDef; pages: PageDef[] }> {
  return MODULES.map((module) => ({ module, pages: module.pages.filter((p) => pageAllowed(me, module, p)) })).filter(
    (x) => x.pages.length > 0,
  );
}
