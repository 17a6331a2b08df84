// Amounts collected after the conclusion: each payment into the state budget with its day and document, the
// totals owed / collected / outstanding, and the form to record one (audit users of the unit, once the
// conclusion is approved). Form 19 counts each payment in the period it was paid.
import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { auditExtras, type AuditPayment } from '../../api/auditExtras';
import { FormModal } from '../../components/FormModal';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { DateCell, fmtMoney } from './common';

interface PaymentForm {
  paid_on: Dayjs;
  amount: number;
  document?: string;
}

export function PaymentsCard({ proposalId, concludedOn, approved, canRecord }: { proposalId: number; concludedOn: string; approved: boolean; canRecord: boolean }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const { data } = useApiQuery(['audit', 'payments', proposalId], () => auditExtras.payments(proposalId));
  return (
    <Card size="small" title={t('audit.pay.title')} style={{ marginBottom: 12 }} data-testid="payments"
      extra={canRecord && approved && (data?.outstanding ?? 0) > 0 && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="payment-add">{t('audit.pay.add')}</Button>
      )}>
      <Descriptions size="small" column={{ xs: 1, sm: 3 }} style={{ marginBottom: 8 }}
        items={[
          { key: 'o', label: t('audit.pay.owed'), children: fmtMoney(data?.owed ?? 0, lang) },
          { key: 'c', label: t('audit.pay.collected'), children: fmtMoney(data?.collected ?? 0, lang) },
          { key: 'r', label: t('audit.pay.outstanding'), children: fmtMoney(data?.outstanding ?? 0, lang) },
        ]} />
      <Table<AuditPayment> size="small" rowKey="id" pagination={false} dataSource={data?.items ?? []}
        locale={{ emptyText: t('audit.pay.none') }}
        columns={[
          { title: t('audit.pay.paidOn'), dataIndex: 'paid_on', render: (v: string) => <DateCell value={v} /> },
          { title: t('audit.pay.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => fmtMoney(v, lang) },
          { title: t('audit.pay.document'), dataIndex: 'document' },
          { title: t('audit.pay.by'), dataIndex: 'entered_by' },
        ]} />
      <FormModal<PaymentForm> open={open} title={t('audit.pay.add')} okText={t('common.save')} okTestId="payment-ok" onClose={() => setOpen(false)}
        initialValues={{ paid_on: dayjs() }}
        onSubmit={async (v) => {
          await auditExtras.addPayment(proposalId, { paid_on: v.paid_on.format('YYYY-MM-DD'), amount: v.amount, document: v.document?.trim() || undefined });
          message.success(t('audit.pay.saved'));
          setOpen(false);
        }}>
        <Form.Item name="paid_on" label={t('audit.pay.paidOn')} rules={[{ required: true }]}>
          <DatePicker id="payment_paid_on" format="DD/MM/YYYY" style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(concludedOn), 'day')} />
        </Form.Item>
        <Form.Item name="amount" label={t('audit.pay.amount')} rules={[{ required: true, type: 'number', min: 1, max: data?.outstanding }]}>
          <InputNumber<number> id="payment_amount" style={{ width: '100%' }} min={1} precision={0} />
        </Form.Item>
        <Form.Item name="document" label={t('audit.pay.document')}>
          <Input id="payment_document" maxLength={200} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
