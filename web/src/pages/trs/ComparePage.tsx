// Comparison of two studies, or of a study with the published figures of an earlier one (VN2013: means only):
// rows matched on interval, flow, grouping and group; median and mean change in hours and %.
import { useMemo, useState } from 'react';
import { Button, Card, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { trs, type ComparisonRow } from '../../api/trs';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { FileExcelOutlined } from '@ant-design/icons';
import { PageHeader } from '../../components/PageHeader';
import { hms, hourBars, LoadError, TrsChart, type TrsChartOption } from './common';

export default function ComparePage() {
  const { t, tk } = useI18n();
  const studies = useApiQuery(['trs', 'studies'], trs.studies);
  const [a, setA] = useState<number>();
  const [b, setB] = useState<number | string>(); // a study id, or "ref:<id>" for reference figures
  const [by, setBy] = useState('channel');
  const references = useApiQuery(['trs', 'references'], trs.references);
  const reference = typeof b === 'string' ? b.slice(4) : undefined;
  const cmp = useApiQuery(
    ['trs', 'compare', a, b],
    () => (reference ? trs.compareReference(a!, reference) : trs.compare(a!, b!)),
    { enabled: !!a && !!b },
  );
  const rows = useMemo(() => cmp.data?.rows.filter((r) => r.by === by) ?? [], [cmp.data, by]);
  const chart = useMemo<TrsChartOption | undefined>(() => {
    const t2 = rows.filter((r) => r.interval === 'T2');
    if (!cmp.data || t2.length === 0) return undefined;
    const names = t2.map((r) => `${r.flow} ${r.group}`);
    return hourBars(names, [
        ...(cmp.data.reference
          ? [
              { name: cmp.data.a.name, type: 'bar' as const, color: '#8c8c8c', data: t2.map((r) => r.mean_hours_a) },
              { name: cmp.data.reference.name, type: 'bar' as const, color: '#1d4f91', data: t2.map((r) => r.mean_hours_b) },
            ]
          : [
              { name: cmp.data.a.name, type: 'bar' as const, color: '#8c8c8c', data: t2.map((r) => r.median_hours_a) },
              { name: cmp.data.b?.name ?? 'B', type: 'bar' as const, color: '#1d4f91', data: t2.map((r) => r.median_hours_b) },
            ]),
    ]);
  }, [rows, cmp.data]);
  const options = studies.data?.items.map((s) => ({ value: s.id, label: `${s.name} (${s.week_start})` }));
  const bOptions = [
    ...(options ?? []),
    ...(references.data?.items.map((r) => ({ value: `ref:${r.id}`, label: `${t('trs.compare.reference')}: ${r.name}` })) ?? []),
  ];
  return (
    <>
      <PageHeader
        title={t('menu.trs.compare')}
        extra={
          a && b ? (
            <Button
              icon={<FileExcelOutlined />}
              href={reference ? trs.compareReferenceXlsxUrl(a, reference) : trs.compareXlsxUrl(a, b)}
              download
            >
              {t('trs.report.exportXlsx')}
            </Button>
          ) : undefined
        }
      />
      <LoadError error={studies.error ?? cmp.error} />
      <Space wrap style={{ marginBottom: 16 }}>
        <Select placeholder={t('trs.compare.a')} style={{ width: 300 }} options={options} value={a} onChange={setA} />
        <Select placeholder={t('trs.compare.b')} style={{ width: 360 }} options={bOptions} value={b} onChange={setB} />
        <Segmented value={by} onChange={(v) => setBy(String(v))} options={['all', 'channel', 'route', 'branch'].map((b) => ({ value: b, label: tk(`trs.by.${b}`, b) }))} />
      </Space>
      {cmp.data && (
        <>
          <Typography.Paragraph type="secondary">
            A: {cmp.data.a.counts.analysed}
            {cmp.data.b ? ` · B: ${cmp.data.b.counts.analysed}` : ''}
            {cmp.data.reference ? ` · ${t('trs.compare.source')}: ${cmp.data.reference.source}` : ''}
          </Typography.Paragraph>
          {chart && (
            <Card size="small" title={`T2 — ${t('trs.report.median')} (${t('trs.report.hours')})`} style={{ marginBottom: 16 }}>
              <TrsChart option={chart} />
            </Card>
          )}
          <Table<ComparisonRow>
            size="small"
            rowKey={(r) => `${r.interval}-${r.flow}-${r.by}-${r.group}`}
            dataSource={rows}
            pagination={{ pageSize: 50 }}
            scroll={{ x: 800 }}
            columns={[
              { title: t('trs.report.interval'), dataIndex: 'interval' },
              { title: t('trs.report.flow'), dataIndex: 'flow' },
              { title: t('trs.report.group'), dataIndex: 'group' },
              { title: 'n A', dataIndex: 'n_a', align: 'right' },
              { title: 'n B', dataIndex: 'n_b', align: 'right' },
              { title: `${t('trs.report.median')} A`, dataIndex: 'median_hours_a', align: 'right', render: hms },
              { title: `${t('trs.report.median')} B`, dataIndex: 'median_hours_b', align: 'right', render: hms },
              { title: `${t('trs.report.mean')} A`, dataIndex: 'mean_hours_a', align: 'right', render: hms },
              { title: `${t('trs.report.mean')} B`, dataIndex: 'mean_hours_b', align: 'right', render: hms },
              {
                title: t('trs.compare.change'),
                align: 'right',
                render: (_, r) => {
                  const pct = r.median_change_pct ?? r.mean_change_pct;
                  return pct === null ? '—' : (
                    <Tag color={pct <= 0 ? 'green' : 'red'}>
                      {pct > 0 ? '+' : ''}
                      {pct.toFixed(1)} %
                    </Tag>
                  );
                },
              },
            ]}
          />
        </>
      )}
    </>
  );
}
