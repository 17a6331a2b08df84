import { Tag } from 'antd';
import { useRoles } from '../hooks/reference';

const COLORS: Record<string, string> = {
  platform: 'volcano',
  unit: 'gold',
  audit: 'blue',
  trs: 'cyan',
};

export function RoleTags({ roles }: { roles: string[] | null | undefined }) {
  const { roleName } = useRoles();
  return (
    <span className="hq-tags">
      {(roles ?? []).map((r) => (
        <Tag key={r} color={COLORS[r.split('.')[0]] ?? 'default'} title={r}>
          {roleName(r)}
        </Tag>
      ))}
    </span>
  );
}
