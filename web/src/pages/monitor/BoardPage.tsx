// The live board: units × systems at the caller's scope, green/yellow/red, refreshed every 30 s; a cell leads
// to that unit's operations of the system, a red cell to its incidents.
import { Card, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { monitor, SYSTEMS, type Board } from '../../api/monitor';
import { EChart } from '../../components/EChart';
import { LoadError } from '../../components/LoadError';
import { StatusTag } from '../../components/Status';
import { WholeTable } from '../../components/WholeTable';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';

type Row = Board['units'][number];

export default function BoardPage() {
  const { t, lang } = useI18n();
  const board = useApiQuery(['monitor', 'board'], monitor.board, { refetchInterval: 30_000 });
  const totals = SYSTEMS.map((s) => (board.data?.units ?? []).reduce((n, u) => n + (u.cells[s]?.files_today ?? 0), 0));
  return (
    <>
      <Typography.Title level={3}>{t('menu.monitor.board')}</Typography.Title>
      <LoadError error={board.error} />
      <WholeTable<Row>
        loading={board.loading}
        rows={board.data?.units}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('monitor.unit'),
            dataIndex: 'unit_code',
            fixed: 'left',
            render: (code: string, row) => (
              <Tooltip title={row.unit_name}>
                <b>{code}</b>
              </Tooltip>
            ),
          },
          ...SYSTEMS.map((system) => ({
            title: system,
            key: system,
            render: (_: unknown, row: Row) => {
              const cell = row.cells[system];
              if (!cell) return <Typography.Text type="secondary">—</Typography.Text>;
              const to =
                cell.state === 'RED'
                  ? `/monitor/incidents?system=${system}&unit=${row.unit_code}`
                  : `/monitor/operations?system=${system}&unit=${row.unit_code}`;
              return (
                <Link to={to} data-testid={`cell-${row.unit_code}-${system}`}>
                  <StatusTag
                    status={cell.state}
                    label={`${cell.files_today}${cell.open_incidents > 0 ? ` · ${cell.open_incidents}!` : ''}`}
                  />
                </Link>
              );
            },
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('monitor.filesToday')} · {t('monitor.openIncidents')} — {fmtDateTime(board.data?.at, lang)}
      </Typography.Paragraph>
      <Card title={t('monitor.chartTitle')} size="small">
        <EChart
          option={{
            tooltip: {},
            xAxis: { type: 'category', data: [...SYSTEMS] },
            yAxis: { type: 'value' },
            series: [{ type: 'bar', data: totals }],
          }}
        />
      </Card>
    </>
  );
}
