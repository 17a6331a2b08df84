import type { ReactNode } from 'react';
import { Typography } from 'antd';

type HeaderProps = { title: ReactNode; extra?: ReactNode; subtitle?: ReactNode };

export function PageHeader({ title, extra, subtitle }: HeaderProps) {
  return (
    <div className="hq-page-header">
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
      </div>
      {extra && <div className="hq-page-header__extra">{extra}</div>}
    </div>
  );
}

/** A page: its header (title, subtitle, actions on the right) above its content. */
export function Page({ children, ...header }: HeaderProps & { children?: ReactNode }) {
  return (
    <div>
      <PageHeader {...header} />
      {children}
    </div>
  );
}
