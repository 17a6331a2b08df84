// Incidents at the caller's scope: open first, grouped (one per kind, system and pair of units, with a count);
// a row opens the files or services behind it; the owning department closes with a note.
import { useState } from 'react';
import { App, Button, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { allRows, monitor, STATE_COLOR, SYSTEMS, type Incident, type IncidentLink } from '../../api/monitor';
import { DownloadOutlined } from '@ant-design/icons';
import { downloadXlsx } from '../../utils/xlsx';
import { errorMessage } from '../../api/errors';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { LoadError } from '../trs/common';

function Links({ id }: { id: number }) {
  const { t } = useI18n();
  const detail = useAsync(() => monitor.incident(id), [id]);
  return (
    <Table<IncidentLink>
      rowKey={(l, i) => `${l.subject_type}-${l.file_name ?? l.service}-${i}`}
      size="small"
      loading={detail.loading}
      dataSource={detail.data?.links}
      pagination={false}
      columns={[
        { title: t('monitor.kind'), dataIndex: 'reason' },
        { title: t('monitor.batch'), dataIndex: 'batch_id' },
        { title: t('monitor.file'), render: (_, l) => l.file_name ?? l.service },
        { title: t('monitor.peer'), dataIndex: 'sender_unit_code' },
        { title: t('monitor.status'), render: (_, l) => <Tag color={l.active ? 'red' : 'green'}>{l.active ? 'OPEN' : 'OK'}</Tag> },
      ]}
    />
  );
}

export default function IncidentsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | undefined>('OPEN');
  const [system, setSystem] = useState(params.get('system') ?? undefined);
  const unit = params.get('unit') ?? undefined;
  const [closing, setClosing] = useState<Incident>();
  const [note, setNote] = useState('');
  const list = useAsync(() => monitor.incidents({ page, page_size: 20, status, system, unit }), [page, status, system, unit]);
  const close = async () => {
    if (!closing) return;
    try {
      await monitor.closeIncident(closing.id, note);
      setClosing(undefined);
      setNote('');
      list.reload();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const exportXlsx = async () => {
    const rows = await allRows(monitor.incidents, { status, system, unit });
    downloadXlsx('su-co.xlsx', t('menu.monitor.incidents'),
      [t('monitor.kind'), t('monitor.system'), t('monitor.unit'), t('monitor.peer'), t('monitor.owner'), t('monitor.count'), t('monitor.openedAt'), t('monitor.closedAt'), t('monitor.status'), t('monitor.closeNote')],
      rows.map((i) => [i.kind, i.system, i.unit_code, i.peer_unit_code, i.owner, i.count, fmtDateTime(i.opened_at, lang), fmtDateTime(i.closed_at, lang), i.status, i.note]));
  };
  return (
    <>
      <Typography.Title level={3}>{t('menu.monitor.incidents')}</Typography.Title>
      <LoadError error={list.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 140 }} value={status} onChange={(v) => (setStatus(v), setPage(1))}
          options={[{ value: 'OPEN', label: 'OPEN' }, { value: 'CLOSED', label: 'CLOSED' }]} placeholder={t('monitor.status')} />
        <Select allowClear style={{ width: 140 }} value={system} onChange={(v) => (setSystem(v), setPage(1))}
          options={SYSTEMS.map((s) => ({ value: s, label: s }))} placeholder={t('monitor.system')} />
        {unit && <Tag>{unit}</Tag>}
        <Button icon={<DownloadOutlined />} onClick={() => exportXlsx().catch((e) => message.error(errorMessage(e)))}>{t('monitor.export')}</Button>
      </Space>
      <Table<Incident>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items}
        scroll={{ x: 1000 }}
        expandable={{ expandedRowRender: (i) => <Links id={i.id} /> }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('monitor.kind'), dataIndex: 'kind', render: (v, i) => <Tag color={STATE_COLOR[i.status]}>{v}</Tag> },
          { title: t('monitor.system'), dataIndex: 'system' },
          { title: t('monitor.unit'), dataIndex: 'unit_code' },
          { title: t('monitor.peer'), dataIndex: 'peer_unit_code' },
          { title: t('monitor.owner'), dataIndex: 'owner' },
          { title: t('monitor.count'), dataIndex: 'count' },
          { title: t('monitor.openedAt'), dataIndex: 'opened_at', render: (v) => fmtDateTime(v, lang) },
          { title: t('monitor.closedAt'), dataIndex: 'closed_at', render: (v, i) => (v ? `${fmtDateTime(v, lang)} · ${i.note ?? ''}` : '') },
          {
            title: '',
            key: 'close',
            render: (_, i) => i.status === 'OPEN' && <Button size="small" onClick={() => setClosing(i)}>{t('monitor.close')}</Button>,
          },
        ]}
      />
      <Modal open={!!closing} title={t('monitor.close')} onOk={close} onCancel={() => setClosing(undefined)} okButtonProps={{ disabled: !note.trim() }}>
        <Input.TextArea rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('monitor.closeNote')} />
      </Modal>
    </>
  );
}
