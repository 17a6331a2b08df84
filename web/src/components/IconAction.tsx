// Row actions: an action shown as an icon (a text button named by its tooltip and aria-label), and the list
// column that holds a row's actions.
import type { ReactNode } from 'react';
import { Button, Tooltip, type TableColumnType } from 'antd';

export function IconAction({ title, icon, danger, onClick }: { title: string; icon: ReactNode; danger?: boolean; onClick(): void }) {
  return (
    <Tooltip title={title}>
      <Button type="text" danger={danger} icon={icon} aria-label={title} onClick={onClick} />
    </Tooltip>
  );
}

/** The last column of a list, kept in view when the table scrolls sideways. */
export function actionsColumn<T>(title: string, render: (row: T) => ReactNode, width?: number): TableColumnType<T> {
  return { title, key: 'actions', fixed: 'right', width, render: (_, row) => render(row) };
}
