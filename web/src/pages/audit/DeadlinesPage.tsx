// Deadlines dashboard of a unit (its subtree): what is due today, what is late, and the on-time rate this year.
// Due dates come from the server's working-day calendar (weekends, holidays, make-up days).
import { useMemo } from 'react';
import { Alert, Card, Col, Empty, Row, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, InboxOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { GaugeChart } from 'echarts/charts';
import { Link, useSearchParams } from 'react-router-dom';
import { audit, type Deadline } from '../../api/audit';
import { errorMessage } from '../../api/errors';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { Page } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { EChart, type EChartsOption } from '../../components/EChart';
import { fmtDate } from '../../utils/format';
import { useAuditRights } from './common';

echarts.use([GaugeChart]);

function entityLink(d: Deadline): string {
  if (d.entity_type === 'audit_collection') return `/audit/collections?open=${d.entity_id}`;
  if (d.proposal_id) return `/audit/proposals/${d.proposal_id}`;  // a decision's or conclusion's deadline
  return '';
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

function DeadlineTable({ items, today, late }: { items: Deadline[]; today: string; late?: boolean }) {
  const { t, tk, lang } = useI18n();
  return (
    <Table<Deadline>
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10, size: 'small' } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={late ? t('audit.dl.noLate') : t('audit.dl.noneToday')} /> }}
      columns={[
        { title: t('audit.dl.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{tk(`audit.dl.kind.${k}`, k)}</Tag> },
        {
          title: t('audit.dl.label'),
          dataIndex: 'label',
          render: (v: string, d) => (entityLink(d) ? <Link to={entityLink(d)}>{v}</Link> : v),
        },
        { title: t('audit.unit'), dataIndex: 'unit_code', render: (v: string) => <Tag color="blue">{v}</Tag> },
        {
          title: t('audit.dl.due'),
          dataIndex: 'due_on',
          render: (v: string) => (
            <span style={{ whiteSpace: 'nowrap' }}>
              {fmtDate(v, lang)}{' '}
              {late && <Tag color="red">{t('audit.dl.daysLate', { n: daysBetween(v, today) })}</Tag>}
            </span>
          ),
        },
      ]}
    />
  );
}

export default function DeadlinesPage() {
  const { t, lang } = useI18n();
  const rights = useAuditRights();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') ?? '';
  const { data, error, loading } = useApiQuery(['audit', 'deadlines', unit], () => audit.deadlines(unit || undefined));

  const gauge = useMemo<EChartsOption>(() => {
    const rate = Math.round((data?.on_time_rate ?? 1) * 1000) / 10;
    return {
      series: [
        {
          type: 'gauge',
          min: 0,
          max: 100,
          startAngle: 210,
          endAngle: -30,
          progress: { show: true, width: 18, roundCap: true, itemStyle: { color: rate >= 90 ? '#52c41a' : rate >= 70 ? '#faad14' : '#ff4d4f' } },
          axisLine: { roundCap: true, lineStyle: { width: 18, color: [[1, '#edf1f6']] } },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: { show: false },
          pointer: { show: false },
          detail: { valueAnimation: true, formatter: (v: number) => `${v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US')}%`, fontSize: 26, offsetCenter: [0, '0%'], color: '#0a3d6b', fontWeight: 600 },
          title: { offsetCenter: [0, '35%'], fontSize: 12, color: '#8c8c8c' },
          data: [{ value: rate, name: t('audit.dl.onTimeRate') }],
        },
      ],
    };
  }, [data, lang, t]);

  const s = data?.stats;
  return (
    <Page
      title={t('audit.dl.title')}
      subtitle={data ? t('audit.dl.subtitle', { unit: data.unit_code, date: fmtDate(data.today, lang) }) : undefined}
      extra={
        <div style={{ width: 320 }}>
          <UnitTreeSelect placeholder={t('audit.dl.unit', { unit: rights.me?.unit_code ?? '' })} value={unit || undefined}
            onChange={(v) => setParams(v ? { unit: v } : {}, { replace: true })} />
        </div>
      }
    >
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      {!data ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <Spin spinning={loading}>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={24} lg={8}>
              <Card size="small" title={t('audit.dl.onTimeRate')} style={{ height: '100%' }}>
                <EChart option={gauge} height={230} />
                <Typography.Paragraph type="secondary" style={{ fontSize: 12, textAlign: 'center', margin: 0 }}>
                  {t('audit.dl.rateHint', { onTime: s?.done_on_time ?? 0, counted: (s?.done ?? 0) + (s?.open_late ?? 0) })}
                </Typography.Paragraph>
              </Card>
            </Col>
            <Col xs={24} lg={16}>
              <Row gutter={[12, 12]}>
                <Col xs={12} md={6}><Card size="small"><Statistic title={t('audit.dl.dueToday')} value={s?.due_today ?? 0} prefix={<ClockCircleOutlined />} styles={{ content: { color: '#d48806' } }} /></Card></Col>
                <Col xs={12} md={6}><Card size="small"><Statistic title={t('audit.dl.late')} value={s?.open_late ?? 0} prefix={<ExclamationCircleOutlined />} styles={{ content: { color: (s?.open_late ?? 0) > 0 ? '#cf1322' : undefined } }} /></Card></Col>
                <Col xs={12} md={6}><Card size="small"><Statistic title={t('audit.dl.open')} value={s?.open ?? 0} prefix={<InboxOutlined />} /></Card></Col>
                <Col xs={12} md={6}><Card size="small"><Statistic title={t('audit.dl.doneOnTime')} value={s?.done_on_time ?? 0} suffix={`/ ${s?.done ?? 0}`} prefix={<CheckCircleOutlined />} styles={{ content: { color: '#389e0d' } }} /></Card></Col>
                <Col xs={24}>
                  <Card size="small" title={<span><ClockCircleOutlined /> {t('audit.dl.dueTodayList', { n: data.due_today.length })}</span>} data-testid="due-today">
                    <DeadlineTable items={data.due_today} today={data.today} />
                  </Card>
                </Col>
              </Row>
            </Col>
          </Row>
          <Card size="small" title={<span style={{ color: data.late.length ? '#cf1322' : undefined }}><ExclamationCircleOutlined /> {t('audit.dl.lateList', { n: data.late.length })}</span>} data-testid="late">
            <DeadlineTable items={data.late} today={data.today} late />
          </Card>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>{t('audit.dl.rules')}</Typography.Paragraph>
        </Spin>
      )}
    </Page>
  );
}
