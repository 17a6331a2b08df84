import { Select, type SelectProps } from 'antd';
import type { RoleCode } from '../api/types';
import { useRoles } from '../hooks/reference';

export function RoleSelect(props: SelectProps<RoleCode[]>) {
  const { roles, loading, roleName } = useRoles();
  return (
    <Select<RoleCode[]>
      mode="multiple"
      allowClear
      loading={loading}
      optionFilterProp="label"
      options={roles.map((r) => ({ value: r.code, label: `${roleName(r.code)} (${r.code})` }))}
      {...props}
    />
  );
}
