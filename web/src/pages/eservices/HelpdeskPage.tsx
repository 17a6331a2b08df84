// Helpdesk (art. 12): applicants and officers send questions; the helpdesk of the addressed unit answers them
// or forwards them to the competent unit. Server-side paging, status filter.
import { useState } from 'react';
import { Button, Form, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { eservices, type HelpAsk, type HelpRequest } from '../../api/eservices';
import { hasAnyRole, useAuth } from '../../auth/AuthContext';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { StatusSelect, StatusTag } from '../../components/Status';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { LoadError } from './common';

const SCOPES = ['SYSTEM', 'PROCEDURE', 'DOSSIER', 'ACCOUNT'] as const;
const STATUSES = ['OPEN', 'ANSWERED'] as const;
type Handling = { request: HelpRequest; how: 'answer' | 'forward' } | null;

export default function HelpdeskPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const helpdesk = hasAnyRole(me, ['eservices.helpdesk', 'platform.admin']);
  const [asking, setAsking] = useState(false);
  const [handling, setHandling] = useState<Handling>(null);
  const table = useServerTable<HelpRequest>(['eservices', 'helpdesk'], (p) => eservices.helpRequests(p as { status?: 'OPEN' | 'ANSWERED' }));
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t('common.required', { field: t(key).toLowerCase() }) }];
  const columns: TableColumnsType<HelpRequest> = [
    { title: t('es.createdAt'), dataIndex: 'created_at', width: 150, render: (v: string) => fmtDateTime(v, lang) },
    { title: t('es.help.subject'), dataIndex: 'subject', render: (s: string, r) => (
      <>
        <b>{s}</b>
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }} style={{ margin: 0 }}>{r.body}</Typography.Paragraph>
        {r.answer && <Typography.Paragraph style={{ margin: 0 }}>↳ {r.answer} <i>({r.answered_by})</i></Typography.Paragraph>}
      </>
    ) },
    { title: t('es.help.scope'), dataIndex: 'scope', width: 140, responsive: ['md'], render: (s: HelpRequest['scope']) => t(`es.help.scope.${s as (typeof SCOPES)[number]}`) },
    { title: t('es.unit'), dataIndex: 'unit_code', width: 90 },
    { title: t('es.applicant'), dataIndex: 'username', width: 150, responsive: ['lg'] },
    { title: t('es.status'), dataIndex: 'status', width: 120, render: (s: HelpRequest['status']) => <StatusTag status={s} label={t(`es.help.status.${s}`)} /> },
    ...(helpdesk ? [{ key: 'act', width: 200, render: (_: unknown, r: HelpRequest) => r.status === 'OPEN' && (
      <Space>
        <Button size="small" type="primary" onClick={() => setHandling({ request: r, how: 'answer' })} data-testid={`answer-${r.id}`}>{t('es.help.answer')}</Button>
        <Button size="small" onClick={() => setHandling({ request: r, how: 'forward' })}>{t('es.help.forward')}</Button>
      </Space>
    ) }] : []),
  ];
  return (
    <>
      <PageHeader title={t('menu.eservices.helpdesk')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setAsking(true)} data-testid="help-ask">{t('es.help.ask')}</Button>} />
      <LoadError error={table.error} />
      <div style={{ marginBottom: 12 }}>
        <StatusSelect table={table} name="status" values={[...STATUSES]} label={(s) => t(`es.help.status.${s}`)} placeholder={t('es.status')} />
      </div>
      <Table<HelpRequest> rowKey="id" size="middle" columns={columns} {...table.tableProps} data-testid="help-requests" />
      <FormModal<HelpAsk> open={asking} title={t('es.help.ask')} onClose={() => setAsking(false)} width={640} okTestId="help-ask-ok"
        initialValues={{ scope: 'SYSTEM' }}
        onSubmit={async (v) => { await eservices.ask({ ...v, subject: v.subject.trim(), body: v.body.trim(), unit_code: v.unit_code || undefined }); setAsking(false); }}>
        <Form.Item name="scope" label={t('es.help.scope')} rules={required('es.help.scope')}>
          <Select options={SCOPES.map((s) => ({ value: s, label: t(`es.help.scope.${s}`) }))} />
        </Form.Item>
        <Form.Item name="unit_code" label={t('es.help.unit')} extra={t('es.help.unitHint')}>
          <Input maxLength={6} placeholder="00" />
        </Form.Item>
        <Form.Item name="subject" label={t('es.help.subject')} rules={required('es.help.subject')}><Input maxLength={300} /></Form.Item>
        <Form.Item name="body" label={t('es.help.body')} rules={required('es.help.body')}><Input.TextArea rows={5} maxLength={8000} /></Form.Item>
      </FormModal>
      <FormModal<{ answer?: string; unit_code?: string; note?: string }> open={!!handling} onClose={() => setHandling(null)} width={640}
        title={handling ? `${handling.how === 'answer' ? t('es.help.answer') : t('es.help.forward')} — ${handling.request.subject}` : ''}
        okTestId="help-handle-ok"
        onSubmit={async (v) => {
          if (!handling) return;
          if (handling.how === 'answer') await eservices.answer(handling.request.id, v.answer!.trim());
          else await eservices.forward(handling.request.id, v.unit_code!, v.note?.trim() || undefined);
          setHandling(null);
        }}>
        {handling?.how === 'answer' ? (
          <Form.Item name="answer" label={t('es.help.answer')} rules={required('es.help.answer')}><Input.TextArea rows={5} maxLength={8000} /></Form.Item>
        ) : (
          <>
            <Form.Item name="unit_code" label={t('es.help.forwardTo')} rules={required('es.help.forwardTo')} extra={t('es.help.unitHint')}><Input maxLength={6} placeholder="00" /></Form.Item>
            <Form.Item name="note" label={t('es.note')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          </>
        )}
      </FormModal>
    </>
  );
}
