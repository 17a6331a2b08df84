// Dashboard: who and where I am, today's calendar status, my modules, and unit/account figures for administrators.
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Card, Col, Descriptions, Empty, List, Row, Skeleton, Tag, Typography } from 'antd';
import { ArrowRightOutlined, CalendarOutlined, ClockCircleOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { accounts, calendar, history } from '../api/platform';
import type { AccountStatus, UnitLevel } from '../api/types';
import { hasAnyRole, useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { ADMIN_ROLES } from '../auth/roles';
import { useVisibleModules } from '../navigation';
import { useApiQuery } from '../hooks/query';
import { useUnits } from '../hooks/reference';
import { RoleTags } from '../components/RoleTags';
import { EChart, type EChartsOption } from '../components/EChart';
import { fmtDate, fmtDateTime, vietnamToday } from '../utils/format';
import { groupHolidays } from '../utils/calendar';
import { statusHex } from '../components/Status';

const LEVELS: UnitLevel[] = ['TONG_CUC', 'CUC', 'CHI_CUC', 'DOI'];
const STATUSES: AccountStatus[] = ['ACTIVE', 'DISABLED', 'LOCKED'];

function TodayCard() {
  const { t, lang } = useI18n();
  const today = vietnamToday();
  const [y, m] = today.split('-').map(Number);
  const month = useApiQuery(['platform', 'calendar', 'month', y, m], () => calendar.month(y, m));
  const hours = useApiQuery(['platform', 'calendar', 'working-hours'], calendar.workingHours);
  // This year's and next year's, so that December still shows what comes next.
  const holidays = useApiQuery(['platform', 'calendar', 'holidays-from', y], () =>
    Promise.all([calendar.holidays(y), calendar.holidays(y + 1)]).then(([a, b]) => [...a.items, ...b.items]),
  );
  const day = month.data?.days.find((d) => d.date === today);
  const upcoming = groupHolidays((holidays.data ?? []).filter((h) => h.date >= today)).slice(0, 4);
  return (
    <Card title={<><CalendarOutlined /> {t('home.today')}</>} extra={<Link to="/calendar">{t('menu.calendar')}</Link>} style={{ height: '100%' }}>
      {month.loading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <>
          <Typography.Title level={4} style={{ margin: 0, textTransform: 'capitalize' }}>
            {dayjs(today).format(lang === 'vi' ? 'dddd, DD/MM/YYYY' : 'dddd, D MMMM YYYY')}
          </Typography.Title>
          {day && (
            <Tag color={day.working ? 'green' : 'red'} style={{ marginTop: 8 }}>
              {day.working ? t('home.workingDay') : day.holiday ?? t('home.dayOff')}
            </Tag>
          )}
          {hours.data && (
            <div style={{ marginTop: 8 }}>
              <ClockCircleOutlined /> {t('home.workingHours')}:{' '}
              {hours.data.periods.map((p) => `${p.start}–${p.end}`).join(', ')}
            </div>
          )}
        </>
      )}
      <Typography.Text strong style={{ display: 'block', marginTop: 16 }}>
        {t('home.upcomingHolidays')}
      </Typography.Text>
      {holidays.loading ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : upcoming.length ? (
        <List
          size="small"
          dataSource={upcoming}
          renderItem={(h) => (
            <List.Item style={{ paddingInline: 0 }}>
              <span>
                {h.name}
                {h.days > 1 && <Tag style={{ marginLeft: 6 }}>{t('home.days', { n: h.days })}</Tag>}
              </span>
              <Typography.Text type="secondary">
                {h.days > 1 ? `${fmtDate(h.from, lang)} – ${fmtDate(h.to, lang)}` : fmtDate(h.from, lang)}
              </Typography.Text>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('home.noUpcoming')}</Typography.Text>
      )}
    </Card>
  );
}

function UnitsChart() {
  const { t, te } = useI18n();
  const { units, loading } = useUnits();
  const option = useMemo<EChartsOption>(() => {
    const counts = LEVELS.map((l) => units.filter((u) => u.level === l && u.active).length);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: LEVELS.map((l) => te('level', l)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: counts, itemStyle: { color: '#0b4f8a', borderRadius: [4, 4, 0, 0] }, barMaxWidth: 48, label: { show: true, position: 'top' } }],
    };
  }, [units, t]);
  return (
    <Card title={t('home.unitsByLevel')} extra={<Link to="/units">{t('home.open')}</Link>} style={{ height: '100%' }}>
      {loading ? <Skeleton active /> : <EChart option={option} height={240} />}
    </Card>
  );
}

function AccountsChart() {
  const { t, te } = useI18n();
  const totals = useApiQuery(['platform', 'accounts', 'totals'], () =>
    Promise.all(STATUSES.map((status) => accounts.list({ status, page: 1, page_size: 1 }).then((r) => r.total))),
  );
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          center: ['50%', '45%'],
          label: { formatter: (p: { value: number }) => (p.value ? String(p.value) : '') },
          labelLine: { show: false },
          data: STATUSES.map((s, i) => ({
            name: te('accounts.status', s),
            value: totals.data?.[i] ?? 0,
            itemStyle: { color: statusHex(s) },
          })),
        },
      ],
    }),
    [totals.data, t],
  );
  return (
    <Card title={t('home.accountsByStatus')} extra={<Link to="/accounts">{t('home.open')}</Link>} style={{ height: '100%' }}>
      {totals.loading ? <Skeleton active /> : totals.error ? <Empty /> : <EChart option={option} height={240} />}
    </Card>
  );
}

function RecentActivity() {
  const { t, lang } = useI18n();
  const recent = useApiQuery(['platform', 'history', 'recent'], () => history.list({ page: 1, page_size: 6 }));
  if (recent.error) return null;
  return (
    <Card title={t('home.recentActivity')} extra={<Link to="/history">{t('home.open')}</Link>}>
      {recent.loading ? (
        <Skeleton active />
      ) : (
        <List
          size="small"
          locale={{ emptyText: t('history.empty') }}
          dataSource={recent.data?.items ?? []}
          renderItem={(h) => (
            <List.Item style={{ paddingInline: 0 }}>
              <List.Item.Meta
                title={h.summary}
                description={`${fmtDateTime(h.at, lang)} · ${h.username} · ${h.unit_code}`}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function ModuleLinks() {
  const { t } = useI18n();
  const pages = useVisibleModules().flatMap((m) => m.pages.filter((p) => p.path !== '' && !p.hidden));
  return (
    <Card title={t('home.modules')}>
      <Row gutter={[12, 12]}>
        {pages.map((p) => (
          <Col key={p.path} xs={12} sm={8} md={6} xl={4}>
            <Link to={`/${p.path}`} style={{ display: 'block', height: '100%' }}>
              <Card size="small" hoverable className="hq-shortcut" style={{ height: '100%' }}>
                <div style={{ fontSize: 22, color: '#0b4f8a' }}>{p.icon}</div>
                <div style={{ marginTop: 6 }}>
                  {t(p.labelKey)} <ArrowRightOutlined style={{ fontSize: 11 }} />
                </div>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export default function HomePage() {
  const { me } = useAuth();
  const { t, te } = useI18n();
  if (!me) return null;
  const admin = hasAnyRole(me, ADMIN_ROLES);
  return (
    <div>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card style={{ height: '100%' }}>
            <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="home-welcome">
              {t('home.welcome', { name: me.full_name || me.username })}
            </Typography.Title>
            <Descriptions column={1} size="small" colon>
              <Descriptions.Item label={t('home.unit')}>
                <span data-testid="home-unit">
                  <Typography.Text strong>{me.unit_name}</Typography.Text> <Tag color="blue">{me.unit_code}</Tag>
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('home.level')}>{te('level', me.unit_level)}</Descriptions.Item>
              <Descriptions.Item label={t('accounts.username')}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t('home.roles')}>
                <RoleTags roles={me.roles} />
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <TodayCard />
        </Col>
        <Col xs={24}>
          <ModuleLinks />
        </Col>
        {admin && (
          <>
            <Col xs={24} md={12}>
              <UnitsChart />
            </Col>
            <Col xs={24} md={12}>
              <AccountsChart />
            </Col>
          </>
        )}
        {/* The whole history is for platform administrators; others read an entity's history from its page. */}
        {hasAnyRole(me, ['platform.admin']) && (
          <Col xs={24}>
            <RecentActivity />
          </Col>
        )}
      </Row>
    </div>
  );
}
