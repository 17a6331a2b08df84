// The antd Table of a paged list (useServerTable): its rows, loading state, paging and sorting come from `table`;
// the other props are the Table's own and win over the table's (e.g. `scroll`).
import { Table, type TableProps } from 'antd';

export function ServerTable<T extends object>({ table, ...rest }: { table: { tableProps: TableProps<T> } } & TableProps<T>) {
  return <Table<T> {...table.tableProps} {...rest} />;
}
