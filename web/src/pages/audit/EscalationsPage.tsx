// Duplicates across units (seed 000 §2.2, issue 13 §3): the unit's notices (another unit proposed an enterprise
// it has an open item for; the leader above decided; the level above asks it to reconcile forms 19/20), and for
// leaders the blocked proposals escalated to the unit above both units, which they let proceed or keep blocked.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { auditCalendar, ESCALATION_STATES, type Escalation, type Notice, type NoticePage } from '../../api/auditCalendar';
import { errorMessage } from '../../api/errors';
import { useApiQuery } from '../../hooks/query';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/Status';
import { FormModal } from '../../components/FormModal';
import { DownloadButton } from '../../components/DownloadButton';
import { fmtDate } from '../../utils/format';
import { DateTimeCell, useAuditRights } from './common';
import { ServerTable } from '../../components/ServerTable';

function noticeLink(n: Notice): string {
  return n.entity_type === 'audit_proposal' ? `/audit/proposals/${n.entity_id}` : '/audit/report-calendar';
}

function Notices() {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const table = useServerTable<Notice, NoticePage>(['audit', 'notices'], auditCalendar.notices, { inUrl: false });
  const unreadOnly = table.params.unread === 'true';
  if (table.error) return <Alert type="error" showIcon title={errorMessage(table.error)} />;
  const markRead = async (id: number) => {
    try {
      await auditCalendar.markRead(id);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Card
      size="small"
      title={<Space>{t('audit.notice.title')}<Tag color="red" data-testid="notices-unread">{t('audit.notice.unread', { n: table.data?.unread ?? 0 })}</Tag></Space>}
      extra={<Space><Switch size="small" checked={unreadOnly} onChange={(v) => table.setFilters({ unread: v ? 'true' : '' })} />{t('audit.notice.unreadOnly')}</Space>}
    >
      <ServerTable<Notice> table={table} rowKey="id" size="small" data-testid="notices"
        columns={[
          { title: t('audit.fb.at'), dataIndex: 'created_at', render: (v: string) => <DateTimeCell value={v} /> },
          { title: t('audit.unit'), dataIndex: 'unit_code', render: (v: string) => <Tag color="blue">{v}</Tag> },
          { title: t('audit.notice.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{tk(`audit.notice.kind.${k}`, k)}</Tag> },
          {
            title: t('audit.notice.message'),
            dataIndex: 'message',
            render: (v: string, n) => (
              <Link to={noticeLink(n)} style={{ fontWeight: n.read_at ? 'normal' : 600 }}>
                {v}
              </Link>
            ),
          },
          {
            title: '',
            key: 'read',
            render: (_, n) =>
              n.read_at ? (
                <Typography.Text type="secondary">{t('audit.notice.read')} ({n.read_by})</Typography.Text>
              ) : (
                <Button size="small" icon={<CheckOutlined />} onClick={() => void markRead(n.id)} data-testid={`notice-read-${n.id}`}>
                  {t('audit.notice.markRead')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

interface DecideForm {
  decision: 'PROCEED' | 'KEEP';
  note?: string;
}

function Escalations() {
  const { t, tk, lang } = useI18n();
  const { message } = App.useApp();
  const [deciding, setDeciding] = useState<Escalation | null>(null);
  const table = useServerTable<Escalation>(['audit', 'escalations'], auditCalendar.escalations);
  const state = (table.params.state as string | undefined) ?? '';
  if (table.error) return <Alert type="error" showIcon title={errorMessage(table.error)} />;
  return (
    <Card
      size="small"
      title={t('audit.esc.list')}
      extra={
        <Space>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('audit.esc.state')}
            value={state || undefined}
            onChange={(v?: string) => table.setFilters({ state: v ?? '' })}
            options={ESCALATION_STATES.map((s) => ({ value: s, label: tk(`audit.esc.state.${s}`, s) }))}
          />
          <DownloadButton download={() => auditCalendar.exportEscalations(state || undefined)}>Excel</DownloadButton>
        </Space>
      }
    >
      <ServerTable<Escalation> table={table} rowKey="id" size="small" data-testid="escalations"
        columns={[
          { title: t('audit.esc.enterprise'), key: 'e', render: (_, e) => <span><Typography.Text strong>{e.tax_code}</Typography.Text> {e.enterprise_name}</span> },
          { title: t('audit.esc.blocked'), key: 'a', render: (_, e) => <span><Link to={`/audit/proposals/${e.blocked.id}`}>{e.blocked.number}</Link> <Tag color="blue">{e.blocked.unit_code}</Tag></span> },
          { title: t('audit.esc.blocking'), key: 'b', render: (_, e) => <span><Link to={`/audit/proposals/${e.blocking.id}`}>{e.blocking.number}</Link> <Tag color="blue">{e.blocking.unit_code}</Tag></span> },
          { title: t('audit.esc.unit'), dataIndex: 'unit_code', render: (v: string) => <Tag color="purple">{v}</Tag> },
          { title: t('audit.esc.on'), dataIndex: 'escalates_on', render: (v: string) => fmtDate(v, lang) },
          { title: t('audit.esc.state'), dataIndex: 'state', render: (s: string) => <StatusTag status={s} label={tk(`audit.esc.state.${s}`, s)} /> },
          {
            title: '',
            key: 'act',
            render: (_, e) =>
              e.may_decide ? (
                <Button size="small" type="primary" onClick={() => setDeciding(e)} data-testid={`escalation-decide-${e.id}`}>
                  {t('audit.esc.proceed')} / {t('audit.esc.keep')}
                </Button>
              ) : (
                e.decided_by && <Typography.Text type="secondary">{e.decided_by}{e.note ? `: ${e.note}` : ''}</Typography.Text>
              ),
          },
        ]}
      />
      <FormModal<DecideForm>
        open={deciding !== null}
        title={t('audit.esc.decideTitle', { number: deciding?.blocked.number ?? '' })}
        onClose={() => setDeciding(null)}
        initialValues={{ decision: 'PROCEED' }}
        okTestId="escalation-decide-ok"
        onSubmit={async (v) => {
          if (!deciding) return;
          await auditCalendar.decide(deciding.id, v.decision, v.note?.trim() || undefined);
          message.success(t('audit.esc.decided'));
          setDeciding(null);
        }}
      >
        <Form.Item name="decision" label={t('audit.esc.state')} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio value="PROCEED" data-testid="decision-proceed">{t('audit.esc.proceed')}</Radio>
            <Radio value="KEEP" data-testid="decision-keep">{t('audit.esc.keep')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="note" label={t('audit.esc.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

function Setting() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { data } = useApiQuery(['audit', 'escalation-setting'], auditCalendar.setting);
  const [days, setDays] = useState<number | null>(null);
  const save = async () => {
    try {
      const saved = await auditCalendar.setSetting(days ?? data?.escalation_working_days ?? 5);
      message.success(t('audit.esc.settingSaved', { days: saved.escalation_working_days }));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Space>
      {t('audit.esc.setting')}
      <InputNumber min={1} max={60} value={days ?? data?.escalation_working_days} onChange={(v) => setDays(v)} data-testid="escalation-days" />
      <Button onClick={() => void save()}>{t('common.save')}</Button>
    </Space>
  );
}

export default function EscalationsPage() {
  const { t } = useI18n();
  const rights = useAuditRights();
  const { data } = useApiQuery(['audit', 'escalation-setting'], auditCalendar.setting);
  return (
    <div>
      <PageHeader
        title={t('audit.esc.title')}
        subtitle={t('audit.esc.subtitle', { days: data?.escalation_working_days ?? '…' })}
        extra={rights.keepsKeyList ? <Setting /> : undefined}
      />
      <Row gutter={[12, 12]}>
        <Col span={24}>
          <Notices />
        </Col>
        <Col span={24}>{rights.leader ? <Escalations /> : <Alert type="info" showIcon title={t('audit.esc.leadersOnly')} />}</Col>
      </Row>
    </div>
  );
}
