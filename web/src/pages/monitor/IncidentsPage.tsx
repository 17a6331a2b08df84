// Incidents at the caller's scope: open first, grouped (one per kind, system and pair of units, with a count);
// a row opens the files or services behind it; the owning department closes with a note. The filters live in
// the URL (the board links here with ?system=&unit=); without a status only the open ones are listed.
import { useState } from 'react';
import { Form, Input, Select, Space, Table, Tag, Typography, Button } from 'antd';
import {
  allRows, INCIDENT_STATUSES, monitor, SYSTEMS, type Incident, type IncidentLink, type IncidentListParams, type IncidentStatus,
} from '../../api/monitor';
import { DownloadButton } from '../../components/DownloadButton';
import { FormModal } from '../../components/FormModal';
import { LoadError } from '../../components/LoadError';
import { StatusSelect, StatusTag } from '../../components/Status';
import { useApiQuery } from '../../hooks/query';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { downloadXlsx } from '../../utils/xlsx';

/** `status` in the URL: absent = the open ones, ALL = every status. */
const ALL = 'ALL';

function incidentQuery(p: Record<string, string | number>): IncidentListParams {
  const { status, ...rest } = p;
  return { ...rest, status: status === ALL ? undefined : ((status as IncidentStatus | undefined) ?? 'OPEN') } as IncidentListParams;
}

function Links({ id }: { id: number }) {
  const { t } = useI18n();
  const detail = useApiQuery(['monitor', 'incident', id], () => monitor.incident(id));
  return (
    <>
      <LoadError error={detail.error} />
      <Table<IncidentLink>
        rowKey={(l) => `${l.subject_type}-${l.batch_id ?? ''}-${l.file_name ?? l.service}-${l.reason}`}
        size="small"
        loading={detail.loading}
        dataSource={detail.data?.links}
        pagination={false}
        columns={[
          { title: t('monitor.kind'), dataIndex: 'reason' },
          { title: t('monitor.batch'), dataIndex: 'batch_id' },
          { title: t('monitor.file'), render: (_, l) => l.file_name ?? l.service },
          { title: t('monitor.peer'), dataIndex: 'sender_unit_code' },
          {
            title: t('monitor.status'),
            render: (_, l) => (
              <StatusTag status={l.active ? 'RED' : 'GREEN'} label={t(l.active ? 'monitor.link.active' : 'monitor.link.cleared')} />
            ),
          },
        ]}
      />
    </>
  );
}

export default function IncidentsPage() {
  const { t, te, lang } = useI18n();
  const table = useServerTable<Incident>(['monitor', 'incidents'], (p) => monitor.incidents(incidentQuery(p)));
  const { params, setFilters } = table;
  const [closing, setClosing] = useState<Incident>();
  const status = params.status === ALL ? undefined : ((params.status as IncidentStatus | undefined) ?? 'OPEN');

  const exportXlsx = async () => {
    const { page: _page, page_size: _size, ...filters } = params;
    const rows = await allRows(monitor.incidents, incidentQuery(filters));
    const name = 'su-co.xlsx';
    downloadXlsx(name, t('menu.monitor.incidents'),
      [t('monitor.kind'), t('monitor.system'), t('monitor.unit'), t('monitor.peer'), t('monitor.owner'), t('monitor.count'), t('monitor.openedAt'), t('monitor.closedAt'), t('monitor.status'), t('monitor.closeNote')],
      rows.map((i) => [i.kind, i.system, i.unit_code, i.peer_unit_code, i.owner, i.count, fmtDateTime(i.opened_at, lang), fmtDateTime(i.closed_at, lang), te('monitor.incidentStatus', i.status), i.note]));
    return name;
  };

  return (
    <>
      <Typography.Title level={3}>{t('menu.monitor.incidents')}</Typography.Title>
      <LoadError error={table.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<IncidentStatus | undefined>
          allowClear
          style={{ width: 160 }}
          value={status}
          placeholder={t('monitor.status')}
          onChange={(v) => setFilters({ status: v === 'OPEN' ? '' : v ?? ALL })}
          options={INCIDENT_STATUSES.map((s) => ({ value: s, label: te('monitor.incidentStatus', s) }))}
        />
        <StatusSelect table={table} name="system" values={SYSTEMS} label={(s) => s} placeholder={t('monitor.system')} style={{ width: 140 }} />
        {params.unit && (
          <Tag closable onClose={() => setFilters({ unit: '' })}>
            {params.unit}
          </Tag>
        )}
        <DownloadButton download={exportXlsx}>{t('monitor.export')}</DownloadButton>
      </Space>
      <Table<Incident>
        rowKey="id"
        {...table.tableProps}
        scroll={{ x: 1000 }}
        expandable={{ expandedRowRender: (i) => <Links id={i.id} /> }}
        columns={[
          { title: t('monitor.kind'), dataIndex: 'kind', render: (v: string, i) => <StatusTag status={i.status} label={v} /> },
          { title: t('monitor.system'), dataIndex: 'system' },
          { title: t('monitor.unit'), dataIndex: 'unit_code' },
          { title: t('monitor.peer'), dataIndex: 'peer_unit_code' },
          { title: t('monitor.owner'), dataIndex: 'owner' },
          { title: t('monitor.count'), dataIndex: 'count' },
          { title: t('monitor.openedAt'), dataIndex: 'opened_at', render: (v: string) => fmtDateTime(v, lang) },
          { title: t('monitor.closedAt'), dataIndex: 'closed_at', render: (v: string | null, i) => (v ? `${fmtDateTime(v, lang)} · ${i.note ?? ''}` : '') },
          {
            title: '',
            key: 'close',
            render: (_, i) => i.status === 'OPEN' && <Button size="small" onClick={() => setClosing(i)}>{t('monitor.close')}</Button>,
          },
        ]}
      />
      <FormModal<{ note: string }>
        open={!!closing}
        title={closing ? `${t('monitor.close')}: ${closing.kind} · ${closing.system} · ${closing.unit_code}` : t('monitor.close')}
        okText={t('monitor.close')}
        onClose={() => setClosing(undefined)}
        onSubmit={async ({ note }) => {
          if (!closing) return;
          await monitor.closeIncident(closing.id, note.trim());
          setClosing(undefined);
        }}
      >
        <Form.Item name="note" rules={[{ required: true, whitespace: true, message: t('monitor.closeNote') }, { max: 2000 }]}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('monitor.closeNote')} />
        </Form.Item>
      </FormModal>
    </>
  );
}
