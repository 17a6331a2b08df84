// The activity profile of an enterprise ("bức tranh tổng thể"): figures of a period from the declarations
// extract (value by month and flow, HS headings, origins, channels, amendments, preferential share, effective
// duty rate against peers) and the audits already approved, with charts and an .xlsx export.
import { useMemo } from 'react';
import { Alert, Card, Col, DatePicker, Empty, Row, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { risk, type ActivityProfile, type PastAudit } from '../../../api/risk';
import { errorMessage } from '../../../api/errors';
import { useApiQuery } from '../../../hooks/query';
import { useI18n } from '../../../i18n';
import { Page } from '../../../components/PageHeader';
import { DownloadButton } from '../../../components/DownloadButton';
import { EChart, type EChartsOption } from '../../../components/EChart';
import { fmtMoney, fmtNumber, StatusTag } from '../common';

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function useCharts(p: ActivityProfile | undefined) {
  const { t, lang } = useI18n();
  return useMemo(() => {
    if (!p) return null;
    const months = [...new Set(p.months.map((m) => m.month))];
    const series = (['NK', 'XK'] as const).map((flow) => ({
      name: t(`risk.activity.flow.${flow}`),
      type: 'bar',
      stack: 'value',
      data: months.map((m) => p.months.find((x) => x.month === m && x.flow === flow)?.value ?? 0),
    }));
    const byMonth: EChartsOption = {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtMoney(v, lang) },
      legend: {},
      grid: { left: 90, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value' },
      series,
    };
    const headings: EChartsOption = {
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => fmtMoney(v, lang) },
      grid: { left: 60, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', data: p.hs_headings.map((h) => h.key).reverse() },
      series: [{ type: 'bar', data: p.hs_headings.map((h) => h.value).reverse() }],
    };
    const pie = (data: { name: string; value: number }[]): EChartsOption => ({
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
      series: [{ type: 'pie', radius: ['35%', '65%'], data }],
    });
    const channelColors: Record<string, string> = { GREEN: '#52c41a', YELLOW: '#faad14', RED: '#f5222d' };
    const channels: EChartsOption = {
      ...pie(Object.entries(p.channels).map(([k, v]) => ({ name: k, value: v.declarations, itemStyle: { color: channelColors[k] } }))),
    };
    return { byMonth, headings, origins: pie(p.origins.map((o) => ({ name: o.key, value: o.value }))), channels };
  }, [p, t, lang]);
}

export default function ActivityPage() {
  const { t, lang } = useI18n();
  const { taxCode = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const to = search.get('to') ?? dayjs().format('YYYY-MM-DD');
  const from = search.get('from') ?? dayjs(to).subtract(364, 'day').format('YYYY-MM-DD');
  const q = useApiQuery(['audit', 'risk', 'activity', taxCode, from, to], () => risk.activity(taxCode, { from, to }));
  const p = q.data;
  const charts = useCharts(p);
  const audits = (
    <Table<PastAudit>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={p?.audits ?? []}
      columns={[
        { title: '#', dataIndex: 'number', render: (v: string, a) => (a.restricted ? v : <Link to={`/audit/proposals/${a.id}`}>{v}</Link>) },
        { title: t('audit.year'), dataIndex: 'year' },
        { title: t('audit.unit'), dataIndex: 'unit_name' },
        { title: t('audit.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
        { title: t('risk.activity.period'), render: (_, a) => `${a.period_from} – ${a.period_to}` },
        {
          title: t('risk.activity.conclusion'),
          render: (_, a) => (a.restricted ? <Tag>{t('risk.activity.restricted')}</Tag> : a.conclusion_number ?? '—'),
        },
        { title: t('risk.activity.amount'), dataIndex: 'amount', align: 'right', render: (v: number, a) => (a.restricted ? '—' : fmtMoney(v, lang)) },
        { title: t('risk.activity.collected'), dataIndex: 'collected', align: 'right', render: (v: number, a) => (a.restricted ? '—' : fmtMoney(v, lang)) },
      ]}
    />
  );
  return (
    <Page
      title={t('risk.activity.title', { code: taxCode })}
      subtitle={p?.name ?? undefined}
      extra={
        <Space wrap>
          <DatePicker.RangePicker
            value={[dayjs(from), dayjs(to)]}
            format="DD/MM/YYYY"
            allowClear={false}
            onChange={(v) => {
              if (v?.[0] && v?.[1]) setSearch({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') }, { replace: true });
            }}
            data-testid="activity-period"
          />
          <DownloadButton download={() => risk.downloadActivity(taxCode, { from, to })} data-testid="activity-export">
            .xlsx
          </DownloadButton>
          <Link to={`/audit/enterprises/${taxCode}`}>{t('risk.activity.record')}</Link>
        </Space>
      }
    >
      {q.error ? <Alert type="error" showIcon title={errorMessage(q.error)} /> : null}
      {q.loading && <Spin />}
      {p && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="activity-profile">
          <Row gutter={[12, 12]}>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('risk.activity.declarations')} value={fmtNumber(p.totals.declarations, lang)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('risk.activity.importValue')} value={fmtMoney(p.totals.import_value, lang)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('risk.activity.exportValue')} value={fmtMoney(p.totals.export_value, lang)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('risk.activity.duty')} value={fmtMoney(p.totals.import_duty, lang)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('risk.activity.ownRate')} value={pct(p.duty_rate.own)} valueStyle={{ color: p.duty_rate.own < p.duty_rate.peer ? '#cf1322' : undefined }} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('risk.activity.peerRate')} value={pct(p.duty_rate.peer)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('risk.activity.preferential')} value={pct(p.preferential.share)} /></Card></Col>
            <Col xs={12} md={6}><Card size="small"><Statistic title={t('risk.activity.amendments')} value={`${p.amendments.total} (${p.amendments.per_declaration.toFixed(2)})`} /></Card></Col>
          </Row>
          <Space wrap>
            <Typography.Text>{t('risk.activity.homeOffice')}: <Tag color="blue">{p.home_office ?? '—'}</Tag></Typography.Text>
            <Typography.Text>{t('risk.activity.compliance')}: <Tag>{p.compliance_level}</Tag></Typography.Text>
            {p.key_years.length > 0 && <Typography.Text>{t('risk.activity.keyYears')}: {p.key_years.join(', ')}</Typography.Text>}
          </Space>
          {p.totals.lines === 0 ? (
            <Empty description={t('risk.activity.empty')} />
          ) : (
            charts && (
              <Row gutter={[12, 12]}>
                <Col xs={24}><Card size="small" title={t('risk.activity.byMonth')}><EChart option={charts.byMonth} testId="chart-months" /></Card></Col>
                <Col xs={24} md={12}><Card size="small" title={t('risk.activity.headings')}><EChart option={charts.headings} testId="chart-headings" /></Card></Col>
                <Col xs={24} md={6}><Card size="small" title={t('risk.activity.origins')}><EChart option={charts.origins} /></Card></Col>
                <Col xs={24} md={6}><Card size="small" title={t('risk.activity.channels')}><EChart option={charts.channels} /></Card></Col>
              </Row>
            )
          )}
          <Card size="small" title={t('risk.activity.audits')}>{audits}</Card>
        </Space>
      )}
    </Page>
  );
}
