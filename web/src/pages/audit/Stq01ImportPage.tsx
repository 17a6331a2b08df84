// STQ01 carry-over (seed 000, letter 7301/TCHQ-KTSTQ): a unit administrator (its own units) or the General
// Department imports STQ01's proposals and collection requests so the duplicate search covers both systems. The
// page shows the one column layout, downloads the template, and uploads the file through the shared upload()
// path (ImportFileModal: progress, then every refused cell by line and column).
import { useState } from 'react';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { auditExtras } from '../../api/auditExtras';
import { DownloadButton } from '../../components/DownloadButton';
import { Page } from '../../components/PageHeader';
import { useI18n, type DictKey } from '../../i18n';
import { ImportFileModal } from './ImportFileModal';

// The layout of the server's import (src/audit/stq01_rules.h: kStq01Columns), in its order.
const COLUMNS: { heading: string; key: string; required: 'all' | 'proposal' | 'no' }[] = [
  { heading: 'Số STQ01', key: 'number', required: 'all' },
  { heading: 'Loại', key: 'kind', required: 'all' },
  { heading: 'Mã số thuế', key: 'tax_code', required: 'all' },
  { heading: 'Tên doanh nghiệp', key: 'name', required: 'no' },
  { heading: 'Đơn vị', key: 'unit', required: 'all' },
  { heading: 'Ngày lập', key: 'created_on', required: 'all' },
  { heading: 'Trạng thái', key: 'status', required: 'all' },
  { heading: 'Nơi kiểm tra', key: 'place', required: 'proposal' },
  { heading: 'Kỳ kiểm tra từ', key: 'period_from', required: 'proposal' },
  { heading: 'Kỳ kiểm tra đến', key: 'period_to', required: 'proposal' },
  { heading: 'Căn cứ, nội dung', key: 'grounds', required: 'no' },
  { heading: 'Người lập', key: 'proposed_by', required: 'no' },
];

export default function Stq01ImportPage() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <Page
      title={t('audit.stq01.title')}
      subtitle={t('audit.stq01.subtitle')}
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
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={COLUMNS}
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
        columns={COLUMNS.map((c) => c.heading).join(';')}
        send={async (body, onProgress) => {
          const r = await auditExtras.importStq01(body, onProgress);
          return t('audit.stq01.done', { created: r.created, updated: r.updated });
        }} />
    </Page>
  );
}
