// TreeSelect over the caller's unit subtree (GET /units), searchable by code or name without diacritics.
import { useMemo, type CSSProperties } from 'react';
import { TreeSelect, type TreeSelectProps } from 'antd';
import type { Unit } from '../api/types';
import { useUnits } from '../hooks/reference';
import type { StatusSelectProps } from './Status';
import { buildUnitTree, fold, type UnitNode } from '../utils/tree';

interface TreeOption {
  value: string;
  title: string;
  label: string;
  search: string;
  disabled?: boolean;
  children: TreeOption[];
}

function toOptions(nodes: UnitNode[], disabled?: (u: Unit) => boolean): TreeOption[] {
  return nodes.map((n) => ({
    value: n.unit.code,
    title: `${n.unit.code} — ${n.unit.name}`,
    label: `${n.unit.code} — ${n.unit.name}`,
    search: fold(`${n.unit.code} ${n.unit.name}`),
    disabled: disabled?.(n.unit),
    children: toOptions(n.children, disabled),
  }));
}

export interface UnitTreeSelectProps extends Omit<TreeSelectProps<string>, 'treeData'> {
  /** Units that cannot be chosen (e.g. inactive ones, or the current unit for a transfer). */
  isDisabled?: (u: Unit) => boolean;
}

export function UnitTreeSelect({ isDisabled, ...rest }: UnitTreeSelectProps) {
  const { units, loading } = useUnits();
  const treeData = useMemo(() => toOptions(buildUnitTree(units), isDisabled), [units, isDisabled]);
  return (
    <TreeSelect<string>
      showSearch
      allowClear
      treeDefaultExpandAll
      loading={loading}
      treeData={treeData}
      treeNodeFilterProp="search"
      filterTreeNode={(input, node) => String((node as unknown as TreeOption).search).includes(fold(input))}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      {...rest}
    />
  );
}

/** The unit filter of a paged list: sets the table's `unit` parameter (the URL); clearing it lists every unit in scope. */
export function UnitFilter({ table, placeholder, style }: {
  table: StatusSelectProps<string>['table'];
  placeholder: string;
  style?: CSSProperties;
}) {
  return (
    <div style={style ?? { flex: '1 1 240px', maxWidth: 340 }}>
      <UnitTreeSelect placeholder={placeholder} value={table.params.unit || undefined} onChange={(v) => table.setFilters({ unit: v ?? '' })} />
    </div>
  );
}
