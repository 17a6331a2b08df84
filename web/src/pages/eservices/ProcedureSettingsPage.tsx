// General Department (platform.admin): each procedure's settings — required documents (signed or not), fee,
// legal processing time in working days, form of result. Server-side paging and search over the catalogue.
import { useState } from 'react';
import { Button, Form, Input, InputNumber, Select, Space, Switch, Table, Tag, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { eservices, type Procedure, type ProcedureQuery, type SettingsInput } from '../../api/eservices';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { LoadError } from './common';

function SettingsModal({ procedure, onClose }: { procedure: Procedure | null; onClose(): void }) {
  const { t } = useI18n();
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, message: t('common.required', { field: t(key).toLowerCase() }) }];
  return (
    <FormModal<SettingsInput>
      open={!!procedure}
      title={procedure ? `${t('es.settings')} — ${procedure.code}` : ''}
      onClose={onClose}
      width={720}
      okTestId="settings-ok"
      initialValues={{
        processing_days: procedure?.processing_days || undefined,
        fee: procedure?.fee ?? 0,
        result_form: (procedure?.result_form as SettingsInput['result_form']) ?? 'ELECTRONIC',
        documents: procedure?.documents?.length ? procedure.documents : [{ name: '', signed: true }],
      }}
      onSubmit={async (v) => {
        await eservices.saveSettings(procedure!.code, { ...v, documents: (v.documents ?? []).map((d) => ({ name: d.name.trim(), signed: !!d.signed })) });
        onClose();
      }}
    >
      <Space wrap size="large">
        <Form.Item name="processing_days" label={t('es.processingDays')} rules={required('es.processingDays')}>
          <InputNumber min={1} max={365} />
        </Form.Item>
        <Form.Item name="fee" label={t('es.fee')} rules={required('es.fee')}>
          <InputNumber min={0} step={1000} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="result_form" label={t('es.resultForm')}>
          <Select style={{ width: 200 }} options={(['ELECTRONIC', 'PAPER'] as const).map((f) => ({ value: f, label: t(`es.resultForm.${f}`) }))} />
        </Form.Item>
      </Space>
      <Form.List name="documents">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                <Form.Item name={[f.name, 'name']} rules={required('es.documentName')} style={{ width: 460 }}>
                  <Input placeholder={t('es.documentName')} maxLength={300} />
                </Form.Item>
                <Form.Item name={[f.name, 'signed']} valuePropName="checked">
                  <Switch checkedChildren={t('es.signed')} unCheckedChildren={t('es.unsigned')} />
                </Form.Item>
                <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
              </Space>
            ))}
            <Button icon={<PlusOutlined />} onClick={() => add({ name: '', signed: true })}>{t('es.addDocument')}</Button>
          </>
        )}
      </Form.List>
    </FormModal>
  );
}

export default function ProcedureSettingsPage() {
  const { t, te, lang } = useI18n();
  const table = useServerTable<Procedure>(['eservices', 'procedures', 'settings'], (p) => eservices.procedures(p as ProcedureQuery));
  const [editing, setEditing] = useState<Procedure | null>(null);
  const columns: TableColumnsType<Procedure> = [
    { title: t('es.code'), dataIndex: 'code', width: 80 },
    { title: t('es.name'), dataIndex: 'name' },
    { title: t('es.level'), dataIndex: 'level', width: 100, render: (l: Procedure['level']) => te('es.level', l as 1 | 2 | 3 | 4) },
    { title: t('es.processingDays'), dataIndex: 'processing_days', width: 110, render: (d?: number) => d || <Tag>{t('es.notSet')}</Tag> },
    { title: t('es.fee'), dataIndex: 'fee', width: 120, render: (f?: number) => (f ?? 0).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US') },
    { title: t('es.resultForm'), dataIndex: 'result_form', width: 130, render: (f?: string) => (f ? t(`es.resultForm.${f as 'PAPER' | 'ELECTRONIC'}`) : '') },
    { title: t('es.documents'), key: 'docs', width: 100, render: (_, p) => p.documents?.length ?? 0 },
    { key: 'edit', width: 60, render: (_, p) => <Button icon={<EditOutlined />} onClick={() => setEditing(p)} aria-label={t('es.settings')} data-testid={`settings-${p.code}`} /> },
  ];
  return (
    <>
      <PageHeader title={t('menu.eservices.settings')} />
      <LoadError error={table.error} />
      <Input.Search allowClear style={{ maxWidth: 360, marginBottom: 12 }} placeholder={t('es.search')} defaultValue={table.params.q}
        onSearch={(q) => table.setFilters({ q })} />
      <Table<Procedure> rowKey="code" size="middle" columns={columns} {...table.tableProps} data-testid="procedure-settings" />
      <SettingsModal procedure={editing} onClose={() => setEditing(null)} />
    </>
  );
}
