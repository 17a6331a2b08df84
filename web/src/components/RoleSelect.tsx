import { Select, type SelectProps } from 'antd';
import { useRoles } from '../hooks/reference';

export function RoleSelect(props: SelectProps<string[]>) {
  const { roles, loading, roleName } = useRoles();
  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      loading={loading}
      optionFilterProp="label"
      options={roles.map((r) => ({ value: r.code, label: `${roleName(r.code)} (${r.code})` }))}
      {...props}
    />
  );
}
