// A row action shown as an icon: a text button named by its tooltip (and aria-label).
import type { ReactNode } from 'react';
import { Button, Tooltip } from 'antd';

export function IconAction({ title, icon, danger, onClick }: { title: string; icon: ReactNode; danger?: boolean; onClick(): void }) {
  return (
    <Tooltip title={title}>
      <Button type="text" danger={danger} icon={icon} aria-label={title} onClick={onClick} />
    </Tooltip>
  );
}
