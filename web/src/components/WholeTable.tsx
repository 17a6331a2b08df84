// A small table of a whole (unpaged) list, keyed by unit by default: the per-unit boards and summaries.
import { Table, type TableProps } from 'antd';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'pagination' | 'size'> & { rows?: readonly T[] };

export function WholeTable<T extends object>({ rows, rowKey = 'unit_code', ...rest }: Props<T>) {
  return <Table<T> rowKey={rowKey} size="small" dataSource={rows} pagination={false} {...rest} />;
}
