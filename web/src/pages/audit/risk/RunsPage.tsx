// Risk runs in the caller's scope: run a criteria set over a period (nationally for Cục KTSTQ, or for a Cục),
// import the declarations extract, open a run's candidates.
import { useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { risk, type DeclarationImportResult, type RiskRun } from '../../../api/risk';
import { errorMessage, isApiError } from '../../../api/errors';
import { useApiQuery } from '../../../hooks/query';
import { useServerTable } from '../../../hooks/useServerTable';
import { useI18n } from '../../../i18n';
import { FormModal } from '../../../components/FormModal';
import { Page } from '../../../components/PageHeader';
import { fmtNumber, useAuditRights } from '../common';
import { ServerTable } from '../../../components/ServerTable';

interface RunValues {
  criteria_set_id: number;
  period: [Dayjs, Dayjs];
  unit_code?: string;
}

function ImportModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [skip, setSkip] = useState(false);
  const [busy, setBusy] = useState(false);
  const [issues, setIssues] = useState<DeclarationImportResult['issues']>([]);
  const [error, setError] = useState<string | null>(null);
  const send = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setIssues([]);
    try {
      const body = file.name.toLowerCase().endsWith('.xlsx') ? file : await file.text();
      const r = await risk.importDeclarations(body, skip);
      message.success(t('risk.import.done', { imported: r.imported, replaced: r.replaced }));
      setIssues(r.issues);
      if (!r.issues.length) onClose();
    } catch (e) {
      setError(errorMessage(e));
      if (isApiError(e)) {
        const details = e.details as { issues?: DeclarationImportResult['issues'] } | undefined;
        setIssues(details?.issues ?? []);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('risk.import.title')} onCancel={onClose} onOk={send} confirmLoading={busy}
      okButtonProps={{ disabled: !file, 'data-testid': 'import-send' } as never} width={760} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('risk.import.hint')}</Typography.Paragraph>
        <Upload accept=".csv,.xlsx" maxCount={1} beforeUpload={(f) => { setFile(f); return false; }} onRemove={() => setFile(null)}>
          <Button icon={<UploadOutlined />}>{t('risk.import.file')}</Button>
        </Upload>
        <Checkbox checked={skip} onChange={(e) => setSkip(e.target.checked)}>{t('risk.import.skip')}</Checkbox>
        {error && <Alert type="error" showIcon title={error} />}
        {issues.length > 0 && (
          <Table size="small" rowKey={(i) => `${i.row}-${i.column}`} dataSource={issues} pagination={{ pageSize: 8 }}
            columns={[{ title: '#', dataIndex: 'row', width: 70 }, { title: 'Cột', dataIndex: 'column', width: 150 }, { title: '', dataIndex: 'message' }]} />
        )}
      </Space>
    </Modal>
  );
}

export default function RunsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rights = useAuditRights();
  const table = useServerTable<RiskRun>(['audit', 'risk', 'runs'], (p) => risk.runs(p));
  const sets = useApiQuery(['audit', 'risk', 'criteria-sets', 'all'], () => risk.criteriaSets({ page_size: 200 }));
  const [runOpen, setRunOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const create = async (v: RunValues) => {
    const r = await risk.createRun({
      criteria_set_id: v.criteria_set_id,
      from: v.period[0].format('YYYY-MM-DD'),
      to: v.period[1].format('YYYY-MM-DD'),
      unit_code: v.unit_code?.trim() || undefined,
    });
    message.success(t('risk.runs.created', { audit: r.audit, monitor: r.monitor }));
    setRunOpen(false);
    navigate(`/audit/risk/runs/${r.id}`);
  };
  return (
    <Page
      section="risk.runs"
      extra={
        <Space>
          {(rights.inDepartment || rights.admin) && (
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="risk-import">{t('risk.runs.import')}</Button>
          )}
          <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => setRunOpen(true)} data-testid="risk-run-new">{t('risk.runs.new')}</Button>
        </Space>
      }
    >
      {table.error ? <Alert type="error" showIcon title={errorMessage(table.error)} style={{ marginBottom: 12 }} /> : null}
      <ServerTable<RiskRun> table={table} rowKey="id" size="middle"
        columns={[
          { title: t('risk.runs.id'), dataIndex: 'id', render: (id: number) => <Link to={`/audit/risk/runs/${id}`} data-testid="risk-run-link">{id}</Link> },
          { title: t('risk.runs.criteria'), render: (_, r) => `${r.criteria_set_name} v${r.criteria_set_version}` },
          { title: t('risk.runs.period'), render: (_, r) => `${dayjs(r.from).format('DD/MM/YYYY')} – ${dayjs(r.to).format('DD/MM/YYYY')}` },
          { title: t('risk.runs.scope'), dataIndex: 'unit_code', render: (u: string | null) => <Tag>{u ?? t('risk.runs.national')}</Tag> },
          { title: t('risk.runs.evaluated'), dataIndex: 'evaluated', align: 'right', render: (n: number) => fmtNumber(n, lang) },
          { title: t('risk.runs.audit'), dataIndex: 'audit', align: 'right', render: (n: number) => <Tag color="red">{n}</Tag> },
          { title: t('risk.runs.monitor'), dataIndex: 'monitor', align: 'right', render: (n: number) => <Tag color="gold">{n}</Tag> },
          { title: t('risk.runs.createdBy'), dataIndex: 'created_by' },
        ]}
      />
      <FormModal<RunValues>
        open={runOpen}
        title={t('risk.runs.new')}
        okText={t('risk.runs.new')}
        okTestId="risk-run-submit"
        onClose={() => setRunOpen(false)}
        onSubmit={create}
        initialValues={{ period: [dayjs().subtract(365, 'day'), dayjs().subtract(1, 'day')], criteria_set_id: sets.data?.items[0]?.id }}
        aliases={{ from: 'period', to: 'period' }}
      >
        <Form.Item name="criteria_set_id" label={t('risk.runs.criteria')} rules={[{ required: true, message: t('audit.required') }]}>
          <Select data-testid="risk-run-set" options={(sets.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} v${s.version}` }))} />
        </Form.Item>
        <Form.Item name="period" label={t('risk.runs.period')} rules={[{ required: true, message: t('audit.required') }]}>
          <DatePicker.RangePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="unit_code" label={t('risk.runs.unit')} extra={t('risk.runs.unitHint')} initialValue={rights.inDepartment ? '' : undefined}>
          <Input maxLength={6} />
        </Form.Item>
      </FormModal>
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)} />
    </Page>
  );
}
