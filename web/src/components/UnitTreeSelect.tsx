// TreeSelect over the caller's unit subtree (GET /units), searchable by code or name without diacritics.
import { useMemo } from 'react';
import { TreeSelect, type TreeSelectProps } from 'antd';
import type { Unit } from '../api/types';
import { useUnits } from '../hooks/reference';
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
