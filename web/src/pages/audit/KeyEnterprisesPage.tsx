// The key-enterprise list (danh sách doanh nghiệp trọng điểm) per year: every audit user reads it (an enterprise on
// it cannot be proposed); leaders of the audit department and platform administrators keep it.
import { useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, StarFilled, UploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { audit, type KeyEnterprise } from '../../api/audit';
import { errorMessage } from '../../api/errors';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { FormModal } from '../../components/FormModal';
import { Page } from '../../components/PageHeader';
import { DateTimeCell, EnterpriseSelect, useAuditRights, useRuleAction } from './common';
import { ListExportButton } from './ListExportButton';
import { auditExtras } from '../../api/auditExtras';
import { ImportFileModal } from './ImportFileModal';
import { ServerTable } from '../../components/ServerTable';

export default function KeyEnterprisesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rights = useAuditRights();
  const runAction = useRuleAction();
  const table = useServerTable<KeyEnterprise>(['audit', 'key-enterprises'], (p) =>
    audit.keyEnterprises({ ...p, year: Number(p.year) || new Date().getFullYear() }),
  );
  const year = Number(table.params.year) || new Date().getFullYear();
  const [importOpen, setImportOpen] = useState(false);
  const [addOpen, setAddOpen] = useState(false);
  const add = async (v: { tax_code: string; reason?: string }) => {
    await audit.addKeyEnterprise(v.tax_code, year, v.reason?.trim());
    message.success(t('audit.key.added', { code: v.tax_code, year }));
    setAddOpen(false);
  };

  const remove = (k: KeyEnterprise) =>
    runAction(async () => {
      await audit.removeKeyEnterprise(k.year, k.tax_code);
      return t('audit.key.removed', { code: k.tax_code });
    });

  return (
    <Page
      title={<span><StarFilled style={{ color: '#f5c518' }} /> {t('audit.key.title', { year })}</span>}
      subtitle={t('audit.key.subtitle')}
      extra={
        <Space>
          <InputNumber<number> min={2000} max={2199} value={year} prefix={t('audit.year')} style={{ width: 150 }}
            onChange={(v) => { if (v) table.setFilters({ year: String(v) }); }} data-testid="key-year" />
          <ListExportButton list="keyEnterprises" params={{ ...table.params, year }} />
          {rights.keepsKeyList && (
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="key-import">{t('audit.keyImport.button')}</Button>
          )}
          {rights.keepsKeyList && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAddOpen(true)} data-testid="key-add">{t('audit.key.add')}</Button>
          )}
        </Space>
      }
    >
      {!rights.keepsKeyList && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('audit.key.readOnly')} />}
      {table.error ? <Alert type="error" showIcon title={errorMessage(table.error)} style={{ marginBottom: 12 }} /> : null}
      <ServerTable<KeyEnterprise> table={table} rowKey={(k) => `${k.year}-${k.tax_code}`} size="middle"
        columns={[
          { title: t('audit.ent.tax_code'), dataIndex: 'tax_code', render: (v: string) => <Link to={`/audit/enterprises/${encodeURIComponent(v)}`}><Typography.Text strong>{v}</Typography.Text></Link> },
          { title: t('audit.ent.name'), dataIndex: 'name' },
          { title: t('audit.key.reason'), dataIndex: 'reason', render: (v: string) => v || '—' },
          { title: t('audit.key.addedBy'), dataIndex: 'added_by' },
          { title: t('audit.key.addedAt'), dataIndex: 'added_at', render: (v: string) => <DateTimeCell value={v} /> },
          ...(rights.keepsKeyList
            ? [{
                title: t('common.actions'),
                key: 'a',
                width: 90,
                render: (_: unknown, k: KeyEnterprise) => (
                  <Popconfirm title={t('audit.key.confirmRemove', { code: k.tax_code, year: k.year })} okText={t('common.delete')} cancelText={t('common.cancel')} okButtonProps={{ danger: true }} onConfirm={() => remove(k)}>
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                ),
              }]
            : []),
        ]}
      />
      <FormModal<{ tax_code: string; reason?: string }> open={addOpen} title={t('audit.key.addTitle', { year })} onClose={() => setAddOpen(false)}
        onSubmit={add} okText={t('audit.key.add')}>
          <Form.Item name="tax_code" label={t('audit.enterprise')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('audit.enterprise').toLowerCase() }) }]}>
            <EnterpriseSelect id="key_tax_code" />
          </Form.Item>
          <Form.Item name="reason" label={t('audit.key.reason')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
      </FormModal>
      <ImportFileModal open={importOpen} onClose={() => setImportOpen(false)} title={t('audit.keyImport.title', { year })} hint={t('audit.keyImport.hint')}
        columns="tax_code,reason,year"
        send={async (body, onProgress) => {
          const r = await auditExtras.importKeyEnterprises(body, year, onProgress);
          return t('audit.keyImport.done', { added: r.added, unchanged: r.unchanged });
        }} />
    </Page>
  );
}
