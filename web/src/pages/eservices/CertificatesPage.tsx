// Enterprise applicant: the certificates registered for signing documents; register another by pasting its PEM.
import { useState } from 'react';
import { Button, Form, Input, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { eservices, type Certificate } from '../../api/eservices';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/Status';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { LoadError } from './common';

export default function CertificatesPage() {
  const { t, lang } = useI18n();
  const [adding, setAdding] = useState(false);
  const q = useApiQuery(['eservices', 'certificates'], () => eservices.certificates());
  const items: Certificate[] = Array.isArray(q.data) ? q.data : ((q.data as { items?: Certificate[] } | undefined)?.items ?? []);
  const columns: TableColumnsType<Certificate> = [
    { title: t('es.serial'), dataIndex: 'serial' },
    { title: t('es.subject'), dataIndex: 'subject', responsive: ['md'] },
    { title: t('es.issuer'), dataIndex: 'issuer', responsive: ['lg'] },
    { title: t('es.taxCode'), dataIndex: 'tax_code' },
    { title: t('es.validTo'), dataIndex: 'not_after', render: (v: string) => fmtDateTime(v, lang) },
    { title: t('es.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} label={s} /> },
  ];
  return (
    <>
      <PageHeader title={t('menu.eservices.certificates')} extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>{t('es.addCertificate')}</Button>} />
      <LoadError error={q.error} />
      <Table<Certificate> rowKey="serial" loading={q.loading} dataSource={items} columns={columns} pagination={false} scroll={{ x: true }} />
      <FormModal<{ pem: string }> open={adding} title={t('es.addCertificate')} onClose={() => setAdding(false)} width={640}
        onSubmit={async (v) => { await eservices.addCertificate(v.pem.trim()); setAdding(false); }}>
        <Form.Item name="pem" label={t('es.pem')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('es.pem').toLowerCase() }) }]}>
          <Input.TextArea rows={10} placeholder="-----BEGIN CERTIFICATE-----" style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </FormModal>
    </>
  );
}
