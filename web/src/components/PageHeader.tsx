import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { useI18n, type DictKey } from '../i18n';

/** A dictionary section that has both a `<section>.title` and a `<section>.subtitle` key (e.g. 'audit.stq01'). */
export type HeaderSection = {
  [K in DictKey]: K extends `${infer S}.title` ? (`${S}.subtitle` extends DictKey ? S : never) : never;
}[DictKey];

/** The title and subtitle given, or those of a dictionary section; actions (`extra`) on the right. */
type HeaderProps = ({ title: ReactNode; subtitle?: ReactNode; section?: never } | { section: HeaderSection; title?: never; subtitle?: never }) & {
  extra?: ReactNode;
};

export function PageHeader({ extra, ...text }: HeaderProps) {
  const { t } = useI18n();
  const title = text.section ? t(`${text.section}.title`) : text.title;
  const subtitle = text.section ? t(`${text.section}.subtitle`) : text.subtitle;
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
