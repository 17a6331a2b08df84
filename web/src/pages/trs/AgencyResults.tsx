// The report's per-agency and per-ministry results (seed lines 538–542): for each agency, its intervals
// registration → sampling → result → hand-over to customs (medians, stacked) and its share of the release
// time, as charts (ECharts), a table per agency (the border guard's row among them: its check as the whole
// span; the blocks outside the study's agency sampling window counted) and a table per ministry.
import { Card, Table } from 'antd';
import type { AgencyResultRow } from '../../api/trsAgencies';
import { useI18n } from '../../i18n';
import { hms, percent, TrsChart, type TrsChartOption } from './common';

const PARTS = ['registration_to_sampling', 'sampling_to_result', 'result_to_handover'] as const;
const COLORS = ['#1d4f91', '#e0a800', '#3f9b4b'];

function stagesOption(rows: AgencyResultRow[], names: string[], hoursLabel: string): TrsChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => hms(v) },
    legend: { top: 0 },
    grid: { left: 220, right: 24, top: 36, bottom: 36 },
    xAxis: { type: 'value', name: hoursLabel, nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'category', data: rows.map((r) => `${r.agency} (${r.flow})`), axisLabel: { width: 210, overflow: 'truncate' } },
    series: PARTS.map((p, i) => ({
      name: names[i],
      type: 'bar',
      stack: 'stages',
      color: COLORS[i],
      data: rows.map((r) => (r[p].n ? Number((r[p].median_hours ?? 0).toFixed(2)) : 0)),
    })),
  };
}

function shareOption(rows: AgencyResultRow[], label: string): TrsChartOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v.toFixed(1)} %` },
    grid: { left: 220, right: 24, top: 16, bottom: 24 },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
    yAxis: { type: 'category', data: rows.map((r) => `${r.agency} (${r.flow})`), axisLabel: { width: 210, overflow: 'truncate' } },
    series: [{ name: label, type: 'bar', color: '#cf1322', data: rows.map((r) => Number((r.release_share * 100).toFixed(1))) }],
  };
}

function ResultTable({ rows, title, byMinistry, testId }: { rows: AgencyResultRow[]; title: string; byMinistry: boolean; testId: string }) {
  const { t } = useI18n();
  const names = [t('trs.agencyResults.sampling'), t('trs.agencyResults.result'), t('trs.agencyResults.handover')];
  const windowColumn = !byMinistry && rows.some((r) => (r.outside_window ?? 0) > 0);
  return (
    <Card size="small" title={title} style={{ gridColumn: '1 / -1' }}>
      <Table<AgencyResultRow>
        size="small"
        rowKey={(r) => `${r.agency}-${r.flow}`}
        dataSource={rows}
        pagination={false}
        data-testid={testId}
        columns={[
          { title: byMinistry ? t('trs.agencyResults.ministry') : t('trs.agencyResults.agency'), dataIndex: 'agency' },
          ...(byMinistry ? [] : [{ title: t('trs.agencyResults.ministry'), key: 'ministry', render: (_: unknown, r: AgencyResultRow) => r.ministry ?? '—' }]),
          { title: t('trs.agencyResults.flow'), dataIndex: 'flow', width: 70 },
          { title: 'n', dataIndex: 'n', align: 'right', width: 70 },
          ...PARTS.map((p, i) => ({ title: names[i], key: p, align: 'right' as const, render: (_: unknown, r: AgencyResultRow) => (r[p].n ? hms(r[p].median_hours) : '—') })),
          { title: t('trs.agencyResults.total'), key: 'total', align: 'right', render: (_, r) => (r.registration_to_handover.n ? hms(r.registration_to_handover.median_hours) : '—') },
          { title: t('trs.agencyResults.share'), key: 'share', align: 'right', render: (_, r) => (r.share_n ? percent(r.release_share) : '—') },
          ...(windowColumn ? [{ title: t('trs.agencyResults.outsideWindow'), key: 'outside', align: 'right' as const, render: (_: unknown, r: AgencyResultRow) => r.outside_window ?? 0 }] : []),
        ]}
      />
    </Card>
  );
}

export function AgencyResults({ agencies, ministries }: { agencies?: AgencyResultRow[]; ministries?: AgencyResultRow[] }) {
  const { t } = useI18n();
  if (!agencies || agencies.length === 0) return null;
  const names = [t('trs.agencyResults.sampling'), t('trs.agencyResults.result'), t('trs.agencyResults.handover')];
  const height = (n: number) => Math.max(160, 60 + n * 28);
  const rows = ministries && ministries.length > 0 ? ministries : [];
  return (
    <div className="trs-grid" style={{ marginTop: 16 }}>
      <Card size="small" title={t('trs.agencyResults.stages')}>
        <TrsChart option={stagesOption(agencies, names, t('trs.agencyResults.hours'))} height={height(agencies.length)} testId="trs-agency-chart" />
      </Card>
      <Card size="small" title={t('trs.agencyResults.share')}>
        <TrsChart option={shareOption(agencies, t('trs.agencyResults.share'))} height={height(agencies.length)} testId="trs-agency-share-chart" />
      </Card>
      <ResultTable rows={agencies} title={t('trs.agencyResults.agencies')} byMinistry={false} testId="trs-agencies" />
      {rows.length > 0 && <ResultTable rows={rows} title={t('trs.agencyResults.ministries')} byMinistry testId="trs-ministries" />}
    </div>
  );
}
