// Shell of every signed-in page: header (brand, language, user), side menu from the module registry.
import { useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Avatar, Button, Drawer, Dropdown, Grid, Layout, Menu, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import {
  BankOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  QuestionCircleOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { visibleModules } from '../modules';
import type { ShellContext } from '../navigation';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ProgressBar } from '../components/ProgressBar';
import { Emblem } from '../components/Emblem';

const { Header, Sider, Content } = Layout;

function pagePath(p: string): string {
  return '/' + p;
}

export function AppLayout() {
  const { me, logout } = useAuth();
  const { t, te } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.lg;
  const [collapsed, setCollapsed] = useState<boolean | null>(null);
  // On a phone the menu is a drawer, closed by default; on a desktop a sider, open by default.
  const isCollapsed = collapsed ?? mobile;

  const modules = useMemo(() => (me ? visibleModules(me) : []), [me]);
  // The audit user guide (seed 000) is one click away from every page for those who see the audit module.
  const guideVisible = modules.some((m) => m.pages.some((p) => p.path === 'audit/guide'));

  const items: MenuProps['items'] = modules.flatMap(({ module, pages }): NonNullable<MenuProps['items']> => {
    const entries = pages
      .filter((p) => !p.hidden)
      .map((p) => ({ key: pagePath(p.path), icon: p.icon, label: <Link to={pagePath(p.path)}>{t(p.labelKey)}</Link> }));
    if (module.key === 'core') return entries;
    return [{ key: `m:${module.key}`, icon: module.icon, label: t(module.labelKey), children: entries }];
  });

  // The menu entry whose path is the longest prefix of the current location.
  const selected = useMemo(() => {
    const all = modules.flatMap((m) => m.pages.map((p) => pagePath(p.path)));
    const match = all
      .filter((p) => (p === '/' ? location.pathname === '/' : location.pathname === p || location.pathname.startsWith(p + '/')))
      .sort((a, b) => b.length - a.length)[0];
    return match ? [match] : [];
  }, [modules, location.pathname]);

  if (!me) return null;

  const doLogout = async () => {
    await logout();
    navigate('/login', { replace: true });
  };

  const userMenu: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div className="hq-usermenu-head">
          <Typography.Text strong>{me.full_name}</Typography.Text>
          <br />
          <Typography.Text type="secondary">
            {me.username} · {me.unit_code}
          </Typography.Text>
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'password', icon: <KeyOutlined />, label: t('menu.password'), onClick: () => navigate('/password') },
    { key: 'logout', icon: <LogoutOutlined />, label: t('menu.logout'), danger: true, onClick: () => void doLogout() },
  ];

  const side = (narrow: boolean) => (
    <>
      <div className="hq-unitcard" data-testid="unit-card" title={`${me.unit_code} — ${me.unit_name}`}>
        {narrow ? (
          <Tooltip title={`${me.unit_code} — ${me.unit_name}`} placement="right">
            <BankOutlined className="hq-unitcard__icon" />
          </Tooltip>
        ) : (
          <>
            <div className="hq-unitcard__label">
              <BankOutlined /> {t('home.unit')}
            </div>
            <div className="hq-unitcard__name">{me.unit_name}</div>
            <Tag color="blue" className="hq-unitcard__code">
              {me.unit_code}
            </Tag>
            <Tag>{te('level', me.unit_level)}</Tag>
          </>
        )}
      </div>
      <Menu
        mode="inline"
        selectedKeys={selected}
        defaultOpenKeys={modules.filter((m) => m.module.key !== 'core').map((m) => `m:${m.module.key}`)}
        items={items}
        onClick={() => mobile && setCollapsed(true)}
        className="hq-menu"
      />
      <div className="hq-sider__footer">
        {narrow ? (
          <Tooltip title={t('menu.logout')} placement="right">
            <Button block icon={<LogoutOutlined />} onClick={() => void doLogout()} aria-label={t('menu.logout')} />
          </Tooltip>
        ) : (
          <Button block icon={<LogoutOutlined />} onClick={() => void doLogout()} data-testid="logout">
            {t('menu.logout')}
          </Button>
        )}
      </div>
    </>
  );

  return (
    <Layout className="hq-shell">
      <ProgressBar />
      <Header className="hq-header">
        <Button
          type="text"
          className="hq-header__toggle"
          aria-label="menu"
          data-testid="menu-toggle"
          icon={isCollapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
          onClick={() => setCollapsed(!isCollapsed)}
        />
        <Link to="/" className="hq-brand">
          <Emblem size={34} />
          <span className="hq-brand__text">
            <span className="hq-brand__short">{t('app.short')}</span>
            {!mobile && <span className="hq-brand__name">{t('app.name')}</span>}
          </span>
        </Link>
        <div className="hq-header__right">
          {guideVisible && (
            <Tooltip title={t('audit.guide.help')}>
              <Button type="text" className="hq-header__help" icon={<QuestionCircleOutlined style={{ color: '#fff' }} />}
                aria-label={t('audit.guide.help')} data-testid="help-guide" onClick={() => navigate('/audit/guide')} />
            </Tooltip>
          )}
          <LanguageSwitch dark />
          <Dropdown menu={{ items: userMenu }} trigger={['click']} placement="bottomRight">
            <Button type="text" className="hq-header__user" data-testid="user-menu">
              <Avatar size="small" icon={<UserOutlined />} style={{ background: '#f5c518', color: '#0a3d6b' }} />
              {!mobile && <span className="hq-header__username">{me.full_name || me.username}</span>}
            </Button>
          </Dropdown>
        </div>
      </Header>
      <Layout>
        {mobile ? (
          <Drawer
            placement="left"
            open={!isCollapsed}
            onClose={() => setCollapsed(true)}
            size={280}
            closable={false}
            styles={{ body: { padding: 0, display: 'flex', flexDirection: 'column' } }}
            className="hq-drawer"
          >
            {side(false)}
          </Drawer>
        ) : (
          <Sider width={256} collapsedWidth={64} collapsed={isCollapsed} trigger={null} className="hq-sider" theme="light">
            {side(isCollapsed)}
          </Sider>
        )}
        <Content className="hq-content">
          <Outlet context={{ modules } satisfies ShellContext} />
        </Content>
      </Layout>
    </Layout>
  );
}
