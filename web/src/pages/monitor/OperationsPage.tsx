// Operations history search and the batches reconciled across both ends, at the caller's scope. The filters
// (system, unit, batch, dates; the operation for the history only) live in the URL and apply to both tabs.
import { DatePicker, Input, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  allRows, monitor, OPS, SYSTEMS, type Operation, type OperationListParams, type OperationPage, type Transfer, type TransferListParams,
} from '../../api/monitor';
import { DownloadButton } from '../../components/DownloadButton';
import { LoadError } from '../../components/LoadError';
import { StatusSelect } from '../../components/Status';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { fmtDateTime, toApiDate } from '../../utils/format';
import { downloadXlsx } from '../../utils/xlsx';

/** The filters both lists take (the operation `op` is the history's only). */
const SHARED = ['system', 'unit', 'batch', 'from', 'to'] as const;

export default function OperationsPage() {
  const { t, lang } = useI18n();
  const operations = useServerTable<Operation, OperationPage>(['monitor', 'operations'], (p) => monitor.operations(p as OperationListParams));
  // The server counts the history up to a cap (total_exact false beyond it): the total says "more than".
  const exact = operations.data?.total_exact !== false;
  const operationsPagination = operations.tableProps.pagination
    ? {
        ...operations.tableProps.pagination,
        showTotal: (total: number) => (exact ? t('common.total', { total }) : t('monitor.totalAtLeast', { total })),
      }
    : false;
  const { params } = operations;
  const shared: Record<string, string> = {};
  for (const k of SHARED) if (params[k]) shared[k] = params[k];
  // The batches follow the same filters; their page is their own (not in the URL).
  const transfers = useServerTable<Transfer>(['monitor', 'transfers'], (p) => monitor.transfers(p as TransferListParams), {
    inUrl: false,
    fixed: shared,
  });

  /** Changes shared filters: both lists go back to their first page. */
  const setShared = (changes: Record<string, string>) => {
    operations.setFilters(changes);
    transfers.setFilters({});
  };

  const exportXlsx = async () => {
    const [ops, batches] = await Promise.all([
      allRows(monitor.operations, { ...shared, op: params.op as OperationListParams['op'] }),
      allRows(monitor.transfers, shared),
    ]);
    downloadXlsx('thao-tac.xlsx', t('monitor.operations'),
      [t('monitor.at'), t('monitor.system'), t('monitor.op'), t('monitor.unit'), t('monitor.peer'), t('monitor.batch'), t('monitor.file'), t('monitor.size'), 'SHA-256', t('monitor.error')],
      ops.map((o) => [fmtDateTime(o.at, lang), o.system, o.op, o.unit_code, o.peer_unit_code, o.batch_id, o.file_name, o.size, o.sha256, o.error]));
    downloadXlsx('doi-soat-lo.xlsx', t('monitor.transfers'),
      [t('monitor.at'), t('monitor.system'), t('monitor.batch'), t('monitor.unit'), t('monitor.peer'), t('monitor.exported'), t('monitor.received'), t('monitor.updated'), t('monitor.notReceived'), t('monitor.error')],
      batches.map((b) => [fmtDateTime(b.started_at, lang), b.system, b.batch_id, b.sender_unit_code, b.receiver_unit_code, b.exported_files, b.received_files, b.updated_files, b.files_not_received, b.update_errors]));
    return 'thao-tac.xlsx';
  };

  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null =
    params.from || params.to ? [params.from ? dayjs(params.from) : null, params.to ? dayjs(params.to) : null] : null;
  const sharedTable = { params, setFilters: setShared };

  return (
    <>
      <Typography.Title level={3}>{t('menu.monitor.operations')}</Typography.Title>
      <LoadError error={operations.error ?? transfers.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <StatusSelect table={sharedTable} name="system" values={SYSTEMS} label={(s) => s} placeholder={t('monitor.system')} style={{ width: 130 }} />
        <Input.Search allowClear style={{ width: 140 }} defaultValue={params.unit} placeholder={t('monitor.unit')}
          onSearch={(v) => setShared({ unit: v.trim().toUpperCase() })} />
        <Input.Search allowClear style={{ width: 180 }} defaultValue={params.batch} placeholder={t('monitor.batch')}
          onSearch={(v) => setShared({ batch: v.trim() })} />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setShared({ from: v?.[0] ? toApiDate(v[0]) : '', to: v?.[1] ? toApiDate(v[1]) : '' })}
          placeholder={[t('monitor.from'), t('monitor.to')]}
        />
        <DownloadButton download={exportXlsx}>{t('monitor.export')}</DownloadButton>
      </Space>
      <Tabs
        items={[
          {
            key: 'operations',
            label: t('monitor.operations'),
            children: (
              <>
                <StatusSelect table={operations} name="op" values={OPS} label={(o) => o} placeholder={t('monitor.op')} style={{ width: 150, marginBottom: 12 }} />
                <Table<Operation>
                  rowKey="id"
                  size="small"
                  {...operations.tableProps}
                  pagination={operationsPagination}
                  scroll={{ x: 1100 }}
                  columns={[
                    { title: t('monitor.at'), dataIndex: 'at', render: (v: string) => fmtDateTime(v, lang) },
                    { title: t('monitor.system'), dataIndex: 'system' },
                    { title: t('monitor.op'), dataIndex: 'op', render: (v: string) => <Tag>{v}</Tag> },
                    { title: t('monitor.unit'), dataIndex: 'unit_code' },
                    { title: t('monitor.peer'), dataIndex: 'peer_unit_code' },
                    { title: t('monitor.batch'), dataIndex: 'batch_id' },
                    { title: t('monitor.file'), dataIndex: 'file_name' },
                    { title: t('monitor.size'), dataIndex: 'size', align: 'right' },
                    { title: t('monitor.error'), dataIndex: 'error', render: (v: string | null) => v && <Tag color="red">{v}</Tag> },
                  ]}
                />
              </>
            ),
          },
          {
            key: 'transfers',
            label: t('monitor.transfers'),
            children: (
              <Table<Transfer>
                rowKey={(r) => `${r.system}|${r.sender_unit_code}|${r.receiver_unit_code}|${r.batch_id}`}
                size="small"
                {...transfers.tableProps}
                scroll={{ x: 1100 }}
                columns={[
                  { title: t('monitor.at'), dataIndex: 'started_at', render: (v: string | null) => fmtDateTime(v, lang) },
                  { title: t('monitor.system'), dataIndex: 'system' },
                  { title: t('monitor.batch'), dataIndex: 'batch_id' },
                  { title: t('monitor.unit'), render: (_, r) => `${r.sender_unit_code} → ${r.receiver_unit_code}` },
                  { title: t('monitor.exported'), dataIndex: 'exported_files', align: 'right' },
                  { title: t('monitor.received'), dataIndex: 'received_files', align: 'right' },
                  { title: t('monitor.updated'), dataIndex: 'updated_files', align: 'right' },
                  {
                    title: t('monitor.notReceived'),
                    dataIndex: 'files_not_received',
                    align: 'right',
                    render: (v: number | null) => (v ? <Tag color="red">{v}</Tag> : v),
                  },
                  { title: t('monitor.error'), dataIndex: 'update_errors', align: 'right', render: (v: number | null) => (v ? <Tag color="red">{v}</Tag> : v) },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}
