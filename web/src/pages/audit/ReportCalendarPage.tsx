// The reporting calendar of forms 19/20 (seed 000 §2.5, issue 13 §3): the periods of a year with their due days
// and the day reconciliation opens (two working days before), a reminder when the caller's unit has not
// reconciled, its confirmation, and per period the status of every Cục and Chi cục, which the level above chases.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { BellOutlined, CheckOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { auditCalendar, type PeriodUnit, type ReportPeriod } from '../../api/auditCalendar';
import { errorMessage } from '../../api/errors';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { FormModal } from '../../components/FormModal';
import { DownloadButton } from '../../components/DownloadButton';
import { fmtDate } from '../../utils/format';
import { DateTimeCell, useAuditRights } from './common';

const PHASE_COLORS: Record<string, string> = { UPCOMING: 'default', RECONCILE: 'gold', PAST_DUE: 'red' };

interface PeriodForm {
  form: 'form19' | 'form20';
  range: [Dayjs, Dayjs];
  due_on: Dayjs;
}

function UnitStatus({ period }: { period: ReportPeriod }) {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const rights = useAuditRights();
  const { data, error, loading } = useApiQuery(['audit', 'period-status', period.id], () => auditCalendar.status(period.id));
  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  const chase = async (unit: string) => {
    try {
      await auditCalendar.chase(period.id, unit);
      message.success(t('audit.cal.chased', { unit }));
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const own = rights.me?.unit_code;
  return (
    <Card
      size="small"
      title={`${t('audit.cal.status')} — ${tk(`audit.cal.form.${period.form}`, period.form)} ${period.from} – ${period.to}`}
      extra={
        <Space>
          {data && <Typography.Text data-testid="period-counts">{t('audit.cal.counts', { done: data.reconciled, missing: data.missing })}</Typography.Text>}
          <DownloadButton download={() => auditCalendar.exportStatus(period.id)}>Excel</DownloadButton>
        </Space>
      }
    >
      <Table<PeriodUnit>
        rowKey="code"
        size="small"
        loading={loading}
        data-testid="period-units"
        dataSource={data?.units ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('audit.cal.unit'), key: 'u', render: (_, u) => <span><Tag color="blue">{u.code}</Tag>{u.name}</span> },
          {
            title: t('audit.cal.reconciled'),
            key: 'r',
            render: (_, u) =>
              u.reconciled ? (
                <Space><Tag color="green">{t('audit.cal.reconciled')}</Tag>{u.late && <Tag color="red">{t('audit.cal.late')}</Tag>}</Space>
              ) : (
                <Tag color="orange" data-testid={`missing-${u.code}`}>{t('audit.cal.notReconciled')}</Tag>
              ),
          },
          { title: t('audit.cal.signed'), key: 's', render: (_, u) => (u.signed_by ? <span>{u.signed_by} <DateTimeCell value={u.signed_at} /></span> : '—') },
          { title: t('audit.cal.chases'), dataIndex: 'chases' },
          {
            title: '',
            key: 'chase',
            render: (_, u) =>
              rights.leader && !u.reconciled && u.code !== own && period.phase !== 'UPCOMING' ? (
                <Button size="small" icon={<BellOutlined />} onClick={() => void chase(u.code)} data-testid={`chase-${u.code}`}>
                  {t('audit.cal.chase')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

export default function ReportCalendarPage() {
  const { t, tk, lang } = useI18n();
  const { message } = App.useApp();
  const rights = useAuditRights();
  const [year, setYear] = useState<number>(dayjs().year());
  const [selected, setSelected] = useState<ReportPeriod | null>(null);
  const [adding, setAdding] = useState(false);
  const [reconciling, setReconciling] = useState<ReportPeriod | null>(null);
  const { data, error, loading } = useApiQuery(['audit', 'report-periods', year], () => auditCalendar.periods(year));
  const items = data?.items ?? [];
  const reminders = items.filter((p) => p.remind);
  const label = (p: ReportPeriod) => tk(`audit.cal.form.${p.form}`, p.form);
  return (
    <div>
      <PageHeader
        section="audit.cal"
        extra={
          <Space>
            {t('audit.cal.year')}
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
            <DownloadButton download={() => auditCalendar.exportPeriods(year)}>Excel</DownloadButton>
            {rights.keepsKeyList && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="period-add">
                {t('audit.cal.add')}
              </Button>
            )}
          </Space>
        }
      />
      {error ? <Alert type="error" showIcon title={errorMessage(error)} /> : null}
      {reminders.map((p) => (
        <Alert
          key={p.id}
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid={`remind-${p.id}`}
          title={t('audit.cal.remind', { unit: p.own_unit_code ?? '', form: label(p), from: fmtDate(p.from, lang), to: fmtDate(p.to, lang), due: fmtDate(p.due_on, lang) })}
          action={<Button size="small" icon={<CheckOutlined />} onClick={() => setReconciling(p)} data-testid={`reconcile-${p.id}`}>{t('audit.cal.reconcile')}</Button>}
        />
      ))}
      <Row gutter={[12, 12]}>
        <Col span={24}>
          <Card size="small">
            <Table<ReportPeriod>
              rowKey="id"
              size="small"
              loading={loading}
              data-testid="report-periods"
              dataSource={items}
              pagination={false}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.cal.none')} /> }}
              onRow={(p) => ({ onClick: () => setSelected(p), style: { cursor: 'pointer' } })}
              rowClassName={(p) => (selected?.id === p.id ? 'ant-table-row-selected' : '')}
              columns={[
                { title: t('audit.cal.form'), key: 'f', render: (_, p) => <Tag color="blue">{label(p)}</Tag> },
                { title: t('audit.cal.from'), dataIndex: 'from', render: (v: string) => fmtDate(v, lang) },
                { title: t('audit.cal.to'), dataIndex: 'to', render: (v: string) => fmtDate(v, lang) },
                { title: t('audit.cal.reminder'), dataIndex: 'reminder_on', render: (v: string) => fmtDate(v, lang) },
                { title: t('audit.cal.due'), dataIndex: 'due_on', render: (v: string) => <Typography.Text strong>{fmtDate(v, lang)}</Typography.Text> },
                { title: t('audit.cal.phase'), dataIndex: 'phase', render: (v: string) => <Tag color={PHASE_COLORS[v]}>{tk(`audit.cal.phase.${v}`, v)}</Tag> },
                {
                  title: t('audit.cal.own'),
                  key: 'own',
                  render: (_, p) =>
                    p.own_unit_code ? (
                      <span>
                        <Tag>{p.own_unit_code}</Tag>
                        {p.own_reconciled ? <Tag color="green">{t('audit.cal.reconciled')}</Tag> : <Tag color="orange">{t('audit.cal.notReconciled')}</Tag>}
                      </span>
                    ) : '—',
                },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>{selected ? <UnitStatus key={selected.id} period={selected} /> : <Alert type="info" showIcon title={t('audit.cal.pick')} />}</Col>
      </Row>
      <FormModal<PeriodForm>
        open={adding}
        title={t('audit.cal.add')}
        onClose={() => setAdding(false)}
        initialValues={{ form: 'form19' }}
        aliases={{ from: 'range', to: 'range' }}
        okTestId="period-add-ok"
        onSubmit={async (v) => {
          await auditCalendar.createPeriod({
            form: v.form,
            from: v.range[0].format('YYYY-MM-DD'),
            to: v.range[1].format('YYYY-MM-DD'),
            due_on: v.due_on.format('YYYY-MM-DD'),
          });
          message.success(t('audit.cal.created'));
          setAdding(false);
        }}
      >
        <Form.Item name="form" label={t('audit.cal.form')} rules={[{ required: true }]}>
          <Select options={[{ value: 'form19', label: t('audit.cal.form.FORM19') }, { value: 'form20', label: t('audit.cal.form.FORM20') }]} />
        </Form.Item>
        <Form.Item name="range" label={`${t('audit.cal.from')} – ${t('audit.cal.to')}`} rules={[{ required: true }]}>
          <DatePicker.RangePicker format="DD/MM/YYYY" data-testid="period-range" />
        </Form.Item>
        <Form.Item name="due_on" label={t('audit.cal.due')} rules={[{ required: true }]}>
          <DatePicker format="DD/MM/YYYY" data-testid="period-due" />
        </Form.Item>
      </FormModal>
      <FormModal<{ note?: string }>
        open={reconciling !== null}
        title={reconciling ? t('audit.cal.reconcileTitle', { form: label(reconciling), from: fmtDate(reconciling.from, lang), to: fmtDate(reconciling.to, lang) }) : ''}
        onClose={() => setReconciling(null)}
        okTestId="reconcile-ok"
        onSubmit={async (v) => {
          if (!reconciling) return;
          await auditCalendar.reconcile(reconciling.id, { note: v.note?.trim() || undefined });
          message.success(t('audit.cal.reconcileDone'));
          setReconciling(null);
        }}
      >
        <Form.Item name="note" label={t('audit.cal.note')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </div>
  );
}
