// The study report: statistics table, cumulative "released within x hours" curves per channel, box plots per
// branch, where the time goes (customs / other agencies / declarant), delay reasons; export .xlsx and print.
import { useMemo, useState } from 'react';
import { Button, Card, Empty, Segmented, Select, Space, Table, Typography } from 'antd';
import { FileExcelOutlined, PrinterOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { trs, type Report, type SamplingRow, type StatRow } from '../../api/trs';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import type { AgencyResultRow } from '../../api/trsAgencies';
import { AgencyResults } from './AgencyResults';
import { lineIssueColumns } from './lineIssues';
import { hms, hourBars, LoadError, percent, StudyHeader, TrsChart, useStudy, useTrsColumns, type TrsChartOption } from './common';

const CHANNEL_COLORS: Record<string, string> = { GREEN: '#3f9b4b', YELLOW: '#e0a800', RED: '#cf1322', all: '#1d4f91', UNKNOWN: '#999' };
const BY = ['all', 'channel', 'route', 'branch', 'aeo', 'pre_arrival', 'nsw', 'sci', 'shipment_mode', 'declarant_kind'];

function cumulativeOption(report: Report, flow: string, hoursLabel: string): TrsChartOption {
  const curves = report.cumulative.filter((c) => c.interval === 'T2' && c.flow === flow);
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${(v * 100).toFixed(1)} %` },
    legend: { top: 0 },
    grid: { left: 50, right: 16, top: 36, bottom: 40 },
    xAxis: { type: 'log', name: hoursLabel, nameLocation: 'middle', nameGap: 26, min: 0.25, max: 336 },
    yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    series: curves.map((c) => ({
      name: `${c.group} (n=${c.n})`,
      type: 'line',
      smooth: true,
      showSymbol: false,
      color: CHANNEL_COLORS[c.group],
      data: c.points.map((p) => [p.hours, p.share]),
    })),
  };
}

function boxplotOption(rows: StatRow[], median: string): TrsChartOption {
  const branches = rows.filter((r) => r.interval === 'T2' && r.by === 'branch' && r.n > 0);
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; data: number[] }) =>
        `${p.name}<br/>min ${hms(p.data[1])}<br/>Q1 ${hms(p.data[2])}<br/>${median} ${hms(p.data[3])}<br/>Q3 ${hms(p.data[4])}<br/>P95 ${hms(p.data[5])}`,
    },
    grid: { left: 50, right: 16, top: 30, bottom: 40 },  // room for the axis name "h"
    xAxis: { type: 'category', data: branches.map((b) => b.group) },
    yAxis: { type: 'value', name: 'h' },
    series: [
      {
        type: 'boxplot',
        itemStyle: { color: '#dbe8f7', borderColor: '#1d4f91' },
        data: branches.map((b) => [b.min_hours, b.p25_hours, b.median_hours, b.p75_hours, b.p95_hours]),
      },
    ],
  };
}

function attributionOption(report: Report, labels: [string, string, string]): TrsChartOption {
  const rows = report.attribution;
  const names = rows.map((r) => `${r.interval} ${r.flow} ${r.group}`);
  const series = (['customs_hours', 'agencies_hours', 'declarant_hours'] as const).map((k, i) => ({
    name: labels[i],
    type: 'bar',
    stack: 'time',
    color: ['#1d4f91', '#e0a800', '#8c8c8c'][i],
    data: rows.map((r) => Number(r[k].toFixed(2))),
  }));
  return hourBars(names, series, true);
}

/** Delay reasons by count: labelled in Vietnamese (the code in the tooltip), by code in English. */
function delayOption(report: Report, flow: string, vietnamese: boolean): TrsChartOption {
  const rows = report.delay_reasons.filter((d) => d.flow === flow && d.reason !== 'NONE' && d.count > 0).sort((a, b) => b.count - a.count);
  return {
    tooltip: {
      trigger: 'axis',
      formatter: (ps: Array<{ dataIndex: number }>) => {
        const d = rows[ps[0].dataIndex];
        const name = vietnamese ? `${d.label_vi} (${d.reason})` : d.reason;
        return `${name}<br/>${d.count} (${percent(d.share)})<br/>T2 ~ ${hms(d.t2_median_hours)}`;
      },
    },
    grid: { left: 8, right: 16, top: 8, bottom: 24, containLabel: true },
    yAxis: {
      type: 'category',
      data: rows.map((d) => (vietnamese ? d.label_vi : d.reason)),
      inverse: true,
      axisLabel: { width: 190, overflow: 'truncate' },
    },
    xAxis: { type: 'value' },
    series: [{ type: 'bar', color: '#cf1322', data: rows.map((d) => d.count) }],
  };
}

export default function ReportPage() {
  const { id = '' } = useParams();
  const { t, tk, lang } = useI18n();
  const study = useStudy(id);
  const report = useApiQuery(['trs', 'report', id], () => trs.report(id));
  const meta = useTrsColumns();
  const [interval, setInterval] = useState('T2');
  const [flow, setFlow] = useState('NK');
  const [by, setBy] = useState('channel');
  const r = report.data;
  const rows = useMemo(() => (r ? r.rows.filter((x) => x.interval === interval && x.flow === flow && x.by === by) : []), [r, interval, flow, by]);
  const cumulative = useMemo(() => (r ? cumulativeOption(r, flow, t('trs.report.hours')) : undefined), [r, flow, t]);
  const boxes = useMemo(() => (r ? boxplotOption(r.rows.filter((x) => x.flow === flow), t('trs.report.median')) : undefined), [r, flow, t]);
  const attribution = useMemo(
    () => (r ? attributionOption(r, [t('trs.report.customs'), t('trs.report.agencies'), t('trs.report.declarant')]) : undefined),
    [r, t],
  );
  const delays = useMemo(() => (r ? delayOption(r, flow, lang === 'vi') : undefined), [r, flow, lang]);
  const nameOf = (i: { name_vi: string; name_en: string }) => (lang === 'vi' ? i.name_vi : i.name_en);
  const intervalName = (iv: string) => {
    const def = meta.data?.intervals.find((i) => i.id === iv);
    return def ? nameOf(def) : iv;
  };
  return (
    <>
      <StudyHeader
        study={study.data}
        page="report"
        extra={
          <Space className="no-print">
            <Button icon={<FileExcelOutlined />} href={trs.reportXlsxUrl(id)} download data-testid="trs-export-xlsx">
              {t('trs.report.exportXlsx')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('trs.report.print')}
            </Button>
          </Space>
        }
      />
      <LoadError error={study.error ?? report.error} />
      {r && (
        <>
          <Typography.Paragraph data-testid="trs-report-records">{t('trs.report.records', r.records)}</Typography.Paragraph>
          <Space wrap className="no-print" style={{ marginBottom: 12 }}>
            <Segmented value={flow} onChange={(v) => setFlow(String(v))} options={['NK', 'XK']} />
            <Select
              value={interval}
              onChange={setInterval}
              data-testid="trs-report-interval"
              style={{ width: 320 }}
              options={(meta.data?.intervals ?? [{ id: 'T2', name_vi: 'T2', name_en: 'T2' }]).map((i) => ({ value: i.id, label: `${i.id} — ${nameOf(i)}` }))}
            />
            <Select value={by} onChange={setBy} style={{ width: 220 }} data-testid="trs-report-by" options={BY.map((b) => ({ value: b, label: tk(`trs.by.${b}`, b) }))} />
          </Space>
          <Card size="small" title={`${t('trs.report.stats')}: ${interval} — ${intervalName(interval)} (${flow})`} style={{ marginBottom: 16 }}>
            <Table<StatRow>
              size="small"
              rowKey="group"
              dataSource={rows}
              pagination={false}
              scroll={{ x: 800 }}
              data-testid="trs-stats"
              columns={[
                { title: t('trs.report.group'), dataIndex: 'group' },
                { title: 'n', dataIndex: 'n', align: 'right' },
                { title: t('trs.report.mean'), dataIndex: 'mean_hours', align: 'right', render: hms },
                { title: t('trs.report.median'), dataIndex: 'median_hours', align: 'right', render: hms },
                { title: 'P75', dataIndex: 'p75_hours', align: 'right', render: hms },
                { title: 'P90', dataIndex: 'p90_hours', align: 'right', render: hms },
                { title: '≤ 4 h', dataIndex: 'within_4h', align: 'right', render: percent },
                { title: '≤ 24 h', dataIndex: 'within_24h', align: 'right', render: percent },
                { title: '≤ 48 h', dataIndex: 'within_48h', align: 'right', render: percent },
              ]}
            />
          </Card>
          <div className="trs-grid">
            <Card size="small" title={`${t('trs.report.cumulative')} — ${flow}`}>
              {cumulative && <TrsChart option={cumulative} testId="trs-chart-cumulative" />}
            </Card>
            <Card size="small" title={`${t('trs.report.boxplot')} — ${flow}`}>
              {boxes && <TrsChart option={boxes} testId="trs-chart-boxplot" />}
            </Card>
            <Card size="small" title={t('trs.report.attribution')}>
              {attribution && <TrsChart option={attribution} height={Math.max(260, r.attribution.length * 28)} testId="trs-chart-attribution" />}
            </Card>
            <Card size="small" title={`${t('trs.report.delays')} — ${flow}`}>
              {r.delay_reasons.some((d) => d.flow === flow && d.reason !== 'NONE' && d.count > 0) ? (
                delays && <TrsChart option={delays} testId="trs-chart-delays" />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
              )}
            </Card>
          </div>
          <AgencyResults {...(r as unknown as { agencies?: AgencyResultRow[]; ministries?: AgencyResultRow[] })} />
          {r.sampling && r.sampling.length > 0 && (
            <Card size="small" title={t('trs.sampling.title')} style={{ marginTop: 16 }}>
              <Table<SamplingRow>
                size="small"
                rowKey={(s) => s.branch ?? ''}
                dataSource={r.sampling}
                pagination={false}
                data-testid="trs-sampling"
                columns={[
                  { title: t('trs.study.branchCode'), dataIndex: 'branch', render: (b: string | null) => b ?? '—' },
                  { title: t('trs.sampling.rule'), dataIndex: 'rule', render: (v: string) => tk(`trs.sampling.${v}`, v) },
                  { title: t('trs.sampling.records'), dataIndex: 'records', align: 'right' },
                  { title: t('trs.sampling.kept'), dataIndex: 't3_kept', align: 'right' },
                  { title: t('trs.sampling.leftOut'), dataIndex: 't3_left_out', align: 'right' },
                ]}
              />
            </Card>
          )}
          {Object.keys(r.issue_counts).length > 0 && (
            <Card size="small" title={t('trs.report.issues')} style={{ marginTop: 16 }}>
              <Table
                size="small"
                rowKey={(i, n) => `${i.line}-${i.code}-${n}`}
                dataSource={r.issues.slice(0, 500)}
                pagination={{ pageSize: 20 }}
                scroll={{ x: 700 }}
                columns={lineIssueColumns<(typeof r.issues)[number]>(t, [
                  { title: t('trs.records.number'), dataIndex: 'declaration_no', width: 140 },
                  { title: t('trs.issue.code'), dataIndex: 'code', width: 180 },
                ])}
              />
            </Card>
          )}
        </>
      )}
    </>
  );
}
