// Operations history search and the batches reconciled across both ends, at the caller's scope.
import { useState } from 'react';
import { App, Button, DatePicker, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { allRows, monitor, OPS, SYSTEMS, type Operation, type Transfer } from '../../api/monitor';
import { downloadXlsx } from '../../utils/xlsx';
import { errorMessage } from '../../api/errors';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { fmtDateTime, toApiDate } from '../../utils/format';
import { LoadError } from '../trs/common';

export default function OperationsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [page, setPage] = useState(1);
  const [system, setSystem] = useState(params.get('system') ?? undefined);
  const [unit, setUnit] = useState(params.get('unit') ?? '');
  const [op, setOp] = useState<string>();
  const [batch, setBatch] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query = {
    page,
    page_size: 20,
    system,
    unit: unit || undefined,
    batch: batch || undefined,
    from: range?.[0] ? toApiDate(range[0]) : undefined,
    to: range?.[1] ? toApiDate(range[1]) : undefined,
  };
  const key = JSON.stringify(query);
  const operations = useAsync(() => monitor.operations({ ...query, op }), [key, op]);
  const transfers = useAsync(() => monitor.transfers(query), [key]);
  const exportXlsx = async () => {
    const [ops, batches] = await Promise.all([allRows(monitor.operations, { ...query, op }), allRows(monitor.transfers, query)]);
    downloadXlsx('thao-tac.xlsx', t('monitor.operations'),
      [t('monitor.at'), t('monitor.system'), t('monitor.op'), t('monitor.unit'), t('monitor.peer'), t('monitor.batch'), t('monitor.file'), t('monitor.size'), 'SHA-256', t('monitor.error')],
      ops.map((o) => [fmtDateTime(o.at, lang), o.system, o.op, o.unit_code, o.peer_unit_code, o.batch_id, o.file_name, o.size, o.sha256, o.error]));
    downloadXlsx('doi-soat-lo.xlsx', t('monitor.transfers'),
      [t('monitor.at'), t('monitor.system'), t('monitor.batch'), t('monitor.unit'), t('monitor.peer'), t('monitor.exported'), t('monitor.received'), t('monitor.updated'), t('monitor.notReceived'), t('monitor.error')],
      batches.map((b) => [fmtDateTime(b.started_at, lang), b.system, b.batch_id, b.sender_unit_code, b.receiver_unit_code, b.exported_files, b.received_files, b.updated_files, b.files_not_received, b.update_errors]));
  };
  const pagination = (total?: number) => ({ current: page, pageSize: 20, total, onChange: setPage, showSizeChanger: false });
  return (
    <>
      <Typography.Title level={3}>{t('menu.monitor.operations')}</Typography.Title>
      <LoadError error={operations.error ?? transfers.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 130 }} value={system} placeholder={t('monitor.system')}
          onChange={(v) => (setSystem(v), setPage(1))} options={SYSTEMS.map((s) => ({ value: s, label: s }))} />
        <Input.Search allowClear style={{ width: 140 }} defaultValue={unit} placeholder={t('monitor.unit')}
          onSearch={(v) => (setUnit(v.trim().toUpperCase()), setPage(1))} />
        <Input.Search allowClear style={{ width: 180 }} placeholder={t('monitor.batch')} onSearch={(v) => (setBatch(v.trim()), setPage(1))} />
        <DatePicker.RangePicker value={range} onChange={(v) => (setRange(v), setPage(1))} placeholder={[t('monitor.from'), t('monitor.to')]} />
        <Button icon={<DownloadOutlined />} onClick={() => exportXlsx().catch((e) => message.error(errorMessage(e)))}>{t('monitor.export')}</Button>
      </Space>
      <Tabs
        items={[
          {
            key: 'operations',
            label: t('monitor.operations'),
            children: (
              <>
                <Select allowClear style={{ width: 150, marginBottom: 12 }} value={op} placeholder={t('monitor.op')}
                  onChange={(v) => (setOp(v), setPage(1))} options={OPS.map((o) => ({ value: o, label: o }))} />
                <Table<Operation>
                  rowKey="id"
                  size="small"
                  loading={operations.loading}
                  dataSource={operations.data?.items}
                  scroll={{ x: 1100 }}
                  pagination={pagination(operations.data?.total)}
                  columns={[
                    { title: t('monitor.at'), dataIndex: 'at', render: (v) => fmtDateTime(v, lang) },
                    { title: t('monitor.system'), dataIndex: 'system' },
                    { title: t('monitor.op'), dataIndex: 'op', render: (v) => <Tag>{v}</Tag> },
                    { title: t('monitor.unit'), dataIndex: 'unit_code' },
                    { title: t('monitor.peer'), dataIndex: 'peer_unit_code' },
                    { title: t('monitor.batch'), dataIndex: 'batch_id' },
                    { title: t('monitor.file'), dataIndex: 'file_name' },
                    { title: t('monitor.size'), dataIndex: 'size', align: 'right' },
                    { title: t('monitor.error'), dataIndex: 'error', render: (v) => v && <Tag color="red">{v}</Tag> },
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
                loading={transfers.loading}
                dataSource={transfers.data?.items}
                scroll={{ x: 1100 }}
                pagination={pagination(transfers.data?.total)}
                columns={[
                  { title: t('monitor.at'), dataIndex: 'started_at', render: (v) => fmtDateTime(v, lang) },
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
