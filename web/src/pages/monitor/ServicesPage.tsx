// Service modules (annex II): the latest state of each at the caller's scope (paged, the system filter in the
// URL), and the daily summary per unit.
import { useState } from 'react';
import { Card, DatePicker, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { monitor, SERVICE_STATES, SYSTEMS, type ServiceListParams, type ServiceState, type SummaryRow } from '../../api/monitor';
import { LoadError } from '../../components/LoadError';
import { StatusSelect, StatusTag } from '../../components/Status';
import { WholeTable } from '../../components/WholeTable';
import { useApiQuery } from '../../hooks/query';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { fmtDateTime, toApiDate } from '../../utils/format';

/** QLRR has no service modules. */
const SERVICE_SYSTEMS = SYSTEMS.filter((s) => s !== 'QLRR');

export default function ServicesPage() {
  const { t, te, lang } = useI18n();
  const [day, setDay] = useState<Dayjs | null>(null);
  const date = day ? toApiDate(day) : undefined;
  const services = useServerTable<ServiceState>(['monitor', 'services'], (p) => monitor.services(p as ServiceListParams), {
    pageSize: 50,
  });
  const summary = useApiQuery(['monitor', 'summary', date], () => monitor.summary(date));
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
        <WholeTable<SummaryRow>
          loading={summary.loading}
          rows={summary.data?.items}
          columns={[
            { title: t('monitor.unit'), dataIndex: 'unit_code', render: (v: string, r) => <span title={r.unit_name}>{v}</span> },
            {
              title: t('monitor.status'),
              render: (_, r) => (
                <Space size={2}>
                  {SERVICE_STATES.map((s) =>
                    r.services[s] ? <StatusTag key={s} status={s} label={`${te('monitor.serviceState', s)} ${r.services[s]}`} /> : null,
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
      <div style={{ marginBottom: 12 }}>
        <StatusSelect table={services} name="system" values={SERVICE_SYSTEMS} label={(s) => s} placeholder={t('monitor.system')} style={{ width: 140 }} />
      </div>
      <Table<ServiceState>
        rowKey="id"
        size="small"
        {...services.tableProps}
        scroll={{ x: 900 }}
        columns={[
          { title: t('monitor.unit'), dataIndex: 'unit_code' },
          { title: t('monitor.system'), dataIndex: 'system' },
          { title: t('monitor.service'), dataIndex: 'service' },
          { title: t('monitor.ip'), dataIndex: 'ip' },
          {
            title: t('monitor.status'),
            dataIndex: 'state',
            render: (v: ServiceState['state']) => <StatusTag status={v} label={te('monitor.serviceState', v)} />,
          },
          { title: t('monitor.message'), dataIndex: 'message' },
          { title: t('monitor.reportedAt'), dataIndex: 'reported_at', render: (v: string) => fmtDateTime(v, lang) },
        ]}
      />
    </>
  );
}
