// STQ01 carry-over (seed 000, letter 7301/TCHQ-KTSTQ): a unit administrator (its own units) or the General
// Department imports STQ01's proposals and collection requests so the duplicate search covers both systems. The
// page shows the one column layout as the server reads it (GET /audit/stq01/columns: src/audit/stq01_rules.h
// kStq01Columns), downloads the template, and uploads the file through the shared upload() path
// (ImportFileModal: progress, then every refused cell by line and column).
import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { auditExtras } from '../../api/auditExtras';
import { errorMessage } from '../../api/errors';
import { DownloadButton } from '../../components/DownloadButton';
import { Page } from '../../components/PageHeader';
import { useApiQuery } from '../../hooks/query';
import { useI18n, type DictKey } from '../../i18n';
import { ImportFileModal } from './ImportFileModal';

export default function Stq01ImportPage() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const columns = useApiQuery(['audit', 'stq01', 'columns'], auditExtras.stq01Columns, { staleTime: Infinity });
  return (
    <Page
      section="audit.stq01"
      extra={
        <Space>
          <DownloadButton icon={<DownloadOutlined />} download={() => auditExtras.stq01Template()} data-testid="stq01-template">
            {t('audit.stq01.template')}
          </DownloadButton>
          <Button type="primary" icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="stq01-import">
            {t('audit.stq01.import')}
          </Button>
        </Space>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('audit.stq01.rules')}
        description={<Link to="/audit/proposals">{t('audit.stq01.seeLists')}</Link>} />
      <Card size="small" title={t('audit.stq01.layout')}>
        {columns.error ? <Alert type="error" showIcon title={errorMessage(columns.error)} style={{ marginBottom: 12 }} /> : null}
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          loading={columns.loading}
          dataSource={columns.data}
          columns={[
            { title: t('audit.stq01.heading'), dataIndex: 'heading', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: t('audit.stq01.meaning'), dataIndex: 'key', render: (k: string) => t(`audit.stq01.col.${k}` as DictKey) },
            {
              title: t('audit.stq01.required'),
              dataIndex: 'required',
              width: 160,
              render: (r: string) => (r === 'all' ? <Tag color="red">{t('audit.stq01.req.all')}</Tag> : r === 'proposal' ? <Tag color="orange">{t('audit.stq01.req.proposal')}</Tag> : <Tag>{t('audit.stq01.req.no')}</Tag>),
            },
          ]}
        />
      </Card>
      <ImportFileModal open={open} onClose={() => setOpen(false)} title={t('audit.stq01.import')} hint={t('audit.stq01.hint')}
        columns={(columns.data ?? []).map((c) => c.heading).join(';')}
        send={async (body, onProgress) => {
          const r = await auditExtras.importStq01(body, onProgress);
          return t('audit.stq01.done', { created: r.created, updated: r.updated });
        }} />
    </Page>
  );
}
