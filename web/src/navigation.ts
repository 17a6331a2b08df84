// Types of the module registry (modules.tsx), apart from it: pages read the visible modules from the layout's
// outlet context (useVisibleModules) and never import modules.tsx, which imports every page.
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import { useOutletContext } from 'react-router-dom';
import type { DictKey } from './i18n';

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

/** A module with the pages one user may open, in menu order. */
export interface VisibleModule {
  module: ModuleDef;
  pages: PageDef[];
}

/** What the layout passes to the routed pages. */
export interface ShellContext {
  modules: VisibleModule[];
}

/** The modules and pages the signed-in user may open (from the shell around the page). */
export function useVisibleModules(): VisibleModule[] {
  return useOutletContext<ShellContext | undefined>()?.modules ?? [];
}
