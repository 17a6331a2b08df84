// The free-text search of a paged list: `q` lives in the table's parameters (the URL); clearing the box clears it.
import { useState, type CSSProperties } from 'react';
import { Input } from 'antd';
import type { StatusSelectProps } from './Status';

export function TableSearch({ table, placeholder, style, enterButton, testId }: {
  table: StatusSelectProps<string>['table'];
  placeholder: string;
  style?: CSSProperties;
  enterButton?: boolean;
  testId?: string;
}) {
  const [q, setQ] = useState(table.params.q ?? '');
  return (
    <Input.Search
      style={style ?? { flex: '1 1 240px', maxWidth: 360 }}
      allowClear
      enterButton={enterButton}
      placeholder={placeholder}
      value={q}
      onChange={(e) => {
        setQ(e.target.value);
        if (!e.target.value) table.setFilters({ q: '' });
      }}
      onSearch={(v) => table.setFilters({ q: v.trim() })}
      data-testid={testId}
    />
  );
}
