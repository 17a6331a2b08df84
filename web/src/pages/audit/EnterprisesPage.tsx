// Enterprise directory (danh bạ doanh nghiệp): server search by tax code or by name without diacritics,
// server paging and sorting, create / edit (form 01/KTSTQ), CSV or .xlsx import with progress.
import { useState } from 'react';
import { Alert, App, Button, Modal, Progress, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { EditOutlined, FileSearchOutlined, HistoryOutlined, InboxOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { audit, type Enterprise, type EnterpriseListParams, type EnterprisePage } from '../../api/audit';
import { ApiError, errorMessage } from '../../api/errors';
import { useI18n, type DictKey } from '../../i18n';
import { useServerTable } from '../../hooks/useServerTable';
import { PageHeader } from '../../components/PageHeader';
import { actionsColumn, IconAction } from '../../components/IconAction';
import { TableSearch } from '../../components/TableSearch';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { Outcome } from '../../components/Outcome';
import { DateTimeCell } from './common';
import { EnterpriseFormModal } from './EnterpriseForm';

const COMPLIANCE_COLORS = ['default', 'red', 'volcano', 'gold', 'green', 'blue'];

export function ComplianceTag({ level }: { level: number }) {
  const { t } = useI18n();
  return <Tag color={COMPLIANCE_COLORS[level] ?? 'default'}>{t(`audit.compliance.${level}` as DictKey)}</Tag>;
}

interface ImportProblem {
  line: number;
  message: string;
}

function ImportModal({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  // A CSV is sent as text (its rows counted here); an .xlsx as it is (the server reads its first sheet).
  const [file, setFile] = useState<{ name: string; body: string | Blob; rows: number | null } | null>(null);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'processing' | 'done' | 'failed'>('idle');
  const [percent, setPercent] = useState(0);
  const [result, setResult] = useState<{ created: number; updated: number } | null>(null);
  const [error, setError] = useState<{ message: string; problems: ImportProblem[] } | null>(null);

  const reset = () => {
    setFile(null);
    setPhase('idle');
    setPercent(0);
    setResult(null);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };
  const read = async (f: File) => {
    reset();
    if (/\.xlsx$/i.test(f.name)) {
      setFile({ name: f.name, body: f, rows: null });
      return false;
    }
    const text = await f.text();
    setFile({ name: f.name, body: text, rows: Math.max(0, text.split(/\r?\n/).filter((l) => l.trim()).length - 1) });
    return false;
  };
  const run = async () => {
    if (!file) return;
    setPhase('uploading');
    setError(null);
    try {
      const r = await audit.importEnterprises(file.body, (f) => {
        setPercent(Math.round(f * 90));
        if (f >= 1) setPhase('processing');
      });
      setPercent(100);
      setResult(r);
      setPhase('done');
    } catch (e) {
      const problems = e instanceof ApiError && Array.isArray(e.details.problems) ? (e.details.problems as ImportProblem[]) : [];
      setError({ message: errorMessage(e), problems });
      setPhase('failed');
    }
  };
  const busy = phase === 'uploading' || phase === 'processing';
  return (
    <Modal
      open={open}
      width={680}
      title={t('audit.import.title')}
      onCancel={close}
      maskClosable={!busy}
      footer={
        <Space>
          <Button onClick={close} disabled={busy}>
            {t('common.close')}
          </Button>
          {phase !== 'done' && (
            <Button type="primary" icon={<UploadOutlined />} disabled={!file} loading={busy} onClick={run} data-testid="import-run">
              {t('audit.import.run')}
            </Button>
          )}
        </Space>
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('audit.import.hint')}</Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code>tax_code,name,foreign_name,address,legal_representative,phone,email,compliance_level</Typography.Text>
      </Typography.Paragraph>
      <Upload.Dragger accept=".csv,text/csv,.xlsx" maxCount={1} showUploadList={false} beforeUpload={read} disabled={busy}>
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{file ? file.name : t('audit.import.drop')}</p>
        {file && (
          <p className="ant-upload-hint">{file.rows === null ? t('audit.import.workbook') : t('audit.import.rows', { n: file.rows })}</p>
        )}
      </Upload.Dragger>
      {phase !== 'idle' && (
        <div style={{ marginTop: 16 }}>
          <Progress
            percent={percent}
            status={phase === 'failed' ? 'exception' : phase === 'done' ? 'success' : 'active'}
            data-testid="import-progress"
          />
          <Typography.Text type="secondary">{t(`audit.import.phase.${phase}` as DictKey)}</Typography.Text>
        </div>
      )}
      {result && (
        <Outcome testId="import-result" title={t('audit.import.done', { created: result.created, updated: result.updated })} />
      )}
      {error && (
        <Outcome
          type="error"
          title={error.message}
          description={
            error.problems.length > 0 && (
              <Table<ImportProblem>
                size="small"
                rowKey={(p) => `${p.line}-${p.message}`}
                pagination={error.problems.length > 8 ? { pageSize: 8, size: 'small' } : false}
                dataSource={error.problems}
                columns={[
                  { title: t('audit.import.line'), dataIndex: 'line', width: 80 },
                  { title: t('audit.import.problem'), dataIndex: 'message' },
                ]}
              />
            )
          }
        />
      )}
    </Modal>
  );
}

export default function EnterprisesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const table = useServerTable<Enterprise, EnterprisePage>(['audit', 'enterprises'], (p) => audit.enterprises(p as EnterpriseListParams));
  const exact = table.data?.total_exact !== false;
  const { sortOrderFor } = table;
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Enterprise | null>(null);
  const [importOpen, setImportOpen] = useState(false);
  const [historyOf, setHistoryOf] = useState<string | null>(null);

  const columns: TableColumnsType<Enterprise> = [
    {
      title: t('audit.ent.tax_code'),
      dataIndex: 'tax_code',
      key: 'tax_code',
      sorter: true,
      sortOrder: sortOrderFor('tax_code'),
      fixed: 'left',
      render: (v: string) => (
        <Link to={`/audit/enterprises/${encodeURIComponent(v)}`}>
          <Typography.Text strong>{v}</Typography.Text>
        </Link>
      ),
    },
    {
      title: t('audit.ent.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderFor('name'),
      render: (v: string, e) => (
        <div style={{ minWidth: 240, maxWidth: 420 }}>
          <div>{v}</div>
          {e.foreign_name && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{e.foreign_name}</Typography.Text>}
        </div>
      ),
    },
    { title: t('audit.ent.address'), dataIndex: 'address', key: 'address', render: (v: string) => <div style={{ maxWidth: 320 }}>{v || '—'}</div> },
    { title: t('audit.ent.legal_representative'), dataIndex: 'legal_representative', key: 'legal_representative' },
    {
      title: t('audit.ent.compliance_level'),
      dataIndex: 'compliance_level',
      key: 'compliance_level',
      render: (v: number) => <ComplianceTag level={v} />,
    },
    {
      title: t('audit.ent.source'),
      dataIndex: 'source',
      key: 'source',
      render: (v: string) => <Tag color={v === 'STQ01' ? 'purple' : 'default'}>{v}</Tag>,
    },
    { title: t('audit.ent.updated_at'), dataIndex: 'updated_at', key: 'updated_at', render: (v: string) => <DateTimeCell value={v} /> },
    actionsColumn<Enterprise>(
      t('common.actions'),
      (e) => (
        <Space size={0}>
          <IconAction title={t('audit.ent.record')} icon={<FileSearchOutlined />} onClick={() => navigate(`/audit/enterprises/${encodeURIComponent(e.tax_code)}`)} />
          <IconAction title={t('common.edit')} icon={<EditOutlined />} onClick={() => { setEditing(e); setFormOpen(true); }} />
          <IconAction title={t('common.history')} icon={<HistoryOutlined />} onClick={() => setHistoryOf(e.tax_code)} />
        </Space>
      ),
      130,
    ),
  ];

  const data = table.tableProps;
  const pagination = data.pagination
    ? {
        ...data.pagination,
        showTotal: (total: number) => (exact ? t('common.total', { total }) : t('audit.enterprises.totalAtLeast', { total })),
      }
    : false;

  return (
    <div>
      <PageHeader
        title={t('audit.enterprises.title')}
        subtitle={t('audit.enterprises.subtitle')}
        extra={
          <>
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="enterprise-import">
              {t('audit.import.button')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="enterprise-create">
              {t('audit.ent.create')}
            </Button>
          </>
        }
      />
      <div className="hq-toolbar">
        <TableSearch table={table} style={{ flex: '1 1 320px', maxWidth: 520 }} enterButton placeholder={t('audit.enterprises.searchPlaceholder')} testId="enterprise-search" />
      </div>
      {table.error ? <Alert type="error" showIcon title={errorMessage(table.error)} style={{ marginBottom: 12 }} /> : null}
      <Table<Enterprise> rowKey="tax_code" columns={columns} size="middle" {...data} pagination={pagination} />
      <EnterpriseFormModal
        open={formOpen}
        editing={editing}
        onClose={() => setFormOpen(false)}
        onDone={(e) => {
          setFormOpen(false);
          if (!editing) {
            message.info(t('audit.ent.openRecord'));
            navigate(`/audit/enterprises/${encodeURIComponent(e.tax_code)}`);
          }
        }}
      />
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)}  />
      <HistoryDrawer entityType="audit_enterprise" entityId={historyOf ?? ''} open={!!historyOf} onClose={() => setHistoryOf(null)} />
    </div>
  );
}
