// Enterprise directory (danh bạ doanh nghiệp): server search by tax code or by name without diacritics,
// server paging and sorting, create / edit (form 01/KTSTQ), CSV or .xlsx import with progress.
import { useState } from 'react';
import { Alert, App, Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { EditOutlined, FileSearchOutlined, HistoryOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { audit, type Enterprise, type EnterpriseListParams, type EnterprisePage } from '../../api/audit';
import { errorMessage } from '../../api/errors';
import { useI18n, type DictKey } from '../../i18n';
import { useServerTable } from '../../hooks/useServerTable';
import { Page } from '../../components/PageHeader';
import { actionsColumn, IconAction } from '../../components/IconAction';
import { TableSearch } from '../../components/TableSearch';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { DateTimeCell } from './common';
import { EnterpriseFormModal } from './EnterpriseForm';
import { ListExportButton } from './ListExportButton';
import { ImportFileModal } from './ImportFileModal';

const COMPLIANCE_COLORS = ['default', 'red', 'volcano', 'gold', 'green', 'blue'];

export function ComplianceTag({ level }: { level: number }) {
  const { t } = useI18n();
  return <Tag color={COMPLIANCE_COLORS[level] ?? 'default'}>{t(`audit.compliance.${level}` as DictKey)}</Tag>;
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
    <Page
      section="audit.enterprises"
      extra={
        <>
          <ListExportButton list="enterprises" params={table.params} />
          <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="enterprise-import">
            {t('audit.import.button')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditing(null); setFormOpen(true); }} data-testid="enterprise-create">
            {t('audit.ent.create')}
          </Button>
        </>
      }
    >
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
      <ImportFileModal open={importOpen} onClose={() => setImportOpen(false)} title={t('audit.import.title')} hint={t('audit.import.hint')}
        columns="tax_code,name,foreign_name,address,legal_representative,phone,email,compliance_level"
        send={async (body, onProgress) => {
          const r = await audit.importEnterprises(body, onProgress);
          return t('audit.import.done', { created: r.created, updated: r.updated });
        }} />
      <HistoryDrawer entityType="audit_enterprise" entityId={historyOf ?? ''} open={!!historyOf} onClose={() => setHistoryOf(null)} />
    </Page>
  );
}
