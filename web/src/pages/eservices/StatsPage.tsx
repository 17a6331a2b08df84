// Statistics per unit and procedure for a period (received, settled on time / late, …), a bar chart and the
// Excel file the server builds (GET /stats?format=xlsx).
import { useMemo, useState } from 'react';
import { DatePicker, Input, Space, Table, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { eservices, type StatLine } from '../../api/eservices';
import { DownloadButton } from '../../components/DownloadButton';
import { EChart, type EChartsOption } from '../../components/EChart';
import { PageHeader } from '../../components/PageHeader';
import { statusHex } from '../../components/Status';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { toApiDate } from '../../utils/format';
import { LoadError } from './common';

const MEASURES = ['received', 'carried_over', 'on_time', 'late', 'supplement', 'refused', 'in_progress_on_time', 'in_progress_overdue'] as const;
const CHARTED = ['on_time', 'late', 'in_progress_on_time', 'in_progress_overdue', 'refused'] as const;
/** Bars in the status colours (components/Status.tsx). */
const BAR_STATUS: Record<(typeof CHARTED)[number], string> = {
  on_time: 'DONE', late: 'FEE_DUE', in_progress_on_time: 'PROCESSING', in_progress_overdue: 'REFUSED', refused: 'CANCELLED',
};

export default function StatsPage() {
  const { t, te } = useI18n();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [unit, setUnit] = useState('');
  const query = {
    unit: unit.trim() || undefined,
    from: range?.[0] ? toApiDate(range[0]) : undefined,
    to: range?.[1] ? toApiDate(range[1]) : undefined,
  };
  const q = useApiQuery(['eservices', 'stats', query], () => eservices.stats(query));
  const items = useMemo(() => q.data?.items ?? [], [q.data]);
  const option = useMemo<EChartsOption>(() => {
    const label = (l: StatLine) => `${l.unit_code ?? ''} ${l.procedure_code ?? ''}`.trim();
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll' },
      grid: { left: 40, right: 16, bottom: 60, containLabel: true },
      xAxis: { type: 'category', data: items.map(label), axisLabel: { rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: CHARTED.map((m) => ({ type: 'bar', stack: 'all', name: te('es.stat', m), itemStyle: { color: statusHex(BAR_STATUS[m]) }, data: items.map((l) => l[m] ?? 0) })),
    };
  }, [items, te]);
  const columns: TableColumnsType<StatLine> = [
    { title: t('es.unit'), dataIndex: 'unit_code', fixed: 'left' },
    { title: t('es.procedure'), dataIndex: 'procedure_code' },
    ...MEASURES.map((m) => ({ title: te('es.stat', m), dataIndex: m, align: 'right' as const })),
  ];
  return (
    <>
      <PageHeader
        title={t('menu.eservices.stats')}
        subtitle={q.data && `${q.data.from} — ${q.data.to}`}
        extra={<DownloadButton download={() => eservices.downloadStats(query)}>{t('es.exportXlsx')}</DownloadButton>}
      />
      <LoadError error={q.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} format="DD/MM/YYYY"
          placeholder={[t('es.from'), t('es.to')]} />
        <Input.Search allowClear placeholder={t('es.unit')} style={{ width: 180 }} onSearch={setUnit} />
      </Space>
      <EChart option={option} height={320} testId="stats-chart" />
      <Table<StatLine>
        rowKey={(l) => `${l.unit_code}-${l.procedure_code}`}
        size="small"
        loading={q.loading}
        dataSource={items}
        columns={columns}
        pagination={false}
        scroll={{ x: 900 }}
        style={{ marginTop: 16 }}
      />
    </>
  );
}
