// Service modules (annex II): the latest state of each at the caller's scope, and the daily summary per unit.
import { useState } from 'react';
import { Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { monitor, STATE_COLOR, SYSTEMS, type ServiceState, type SummaryRow } from '../../api/monitor';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { fmtDateTime, toApiDate } from '../../utils/format';
import { LoadError } from '../trs/common';

export default function ServicesPage() {
  const { t, lang } = useI18n();
  const [page, setPage] = useState(1);
  const [system, setSystem] = useState<string>();
  const [day, setDay] = useState<Dayjs | null>(null);
  const services = useAsync(() => monitor.services({ page, page_size: 50, system }), [page, system]);
  const summary = useAsync(() => monitor.summary(day ? toApiDate(day) : undefined), [day]);
  return (
    <>
      <Typography.Title level={3}>{t('menu.monitor.services')}</Typography.Title>
      <LoadError error={services.error ?? summary.error} />
      <Card
        size="small"
        title={`${t('monitor.summary')} ${summary.data?.date ?? ''}`}
        extra={<DatePicker value={day} onChange={setDay} placeholder={t('monitor.date')} />}
        style={{ marginBottom: 16 }}
      >
        <Table<SummaryRow>
          rowKey="unit_code"
          size="small"
          loading={summary.loading}
          dataSource={summary.data?.items}
          pagination={false}
          columns={[
            { title: t('monitor.unit'), dataIndex: 'unit_code', render: (v, r) => <span title={r.unit_name}>{v}</span> },
            {
              title: t('monitor.status'),
              render: (_, r) => (
                <Space size={2}>
                  {(['RUNNING', 'STOPPED', 'ERROR', 'SILENT'] as const).map((s) =>
                    r.services[s] ? <Tag key={s} color={STATE_COLOR[s]}>{`${s} ${r.services[s]}`}</Tag> : null,
                  )}
                </Space>
              ),
            },
            { title: t('monitor.changes'), dataIndex: 'service_changes', align: 'right' },
            { title: t('monitor.problems'), dataIndex: 'service_problems', align: 'right' },
            { title: t('monitor.exported'), render: (_, r) => r.operations.EXPORT?.files ?? 0, align: 'right' },
            { title: t('monitor.received'), render: (_, r) => r.operations.RECEIVE?.files ?? 0, align: 'right' },
            { title: t('monitor.incidentsOpened'), dataIndex: 'incidents_opened', align: 'right' },
          ]}
        />
      </Card>
      <Select allowClear style={{ width: 140, marginBottom: 12 }} value={system} placeholder={t('monitor.system')}
        onChange={(v) => (setSystem(v), setPage(1))} options={SYSTEMS.filter((s) => s !== 'QLRR').map((s) => ({ value: s, label: s }))} />
      <Table<ServiceState>
        rowKey="id"
        size="small"
        loading={services.loading}
        dataSource={services.data?.items}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 50, total: services.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('monitor.unit'), dataIndex: 'unit_code' },
          { title: t('monitor.system'), dataIndex: 'system' },
          { title: t('monitor.service'), dataIndex: 'service' },
          { title: t('monitor.ip'), dataIndex: 'ip' },
          { title: t('monitor.status'), dataIndex: 'state', render: (v) => <Tag color={STATE_COLOR[v]}>{v}</Tag> },
          { title: t('monitor.message'), dataIndex: 'message' },
          { title: t('monitor.reportedAt'), dataIndex: 'reported_at', render: (v) => fmtDateTime(v, lang) },
        ]}
      />
    </>
  );
}
