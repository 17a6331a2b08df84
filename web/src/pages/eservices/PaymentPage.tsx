// Applicant: the fee notice of a dossier and how to pay it — online through the payment gateway for level 4
// procedures (a signed redirect; the gateway calls the server back), at the office for level 3.
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Spin } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { eservices } from '../../api/eservices';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { DossierStatus, LoadError } from './common';

export default function PaymentPage() {
  const { id: idText = '' } = useParams();
  const id = Number(idText);
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const q = useApiQuery(['eservices', 'dossier', id], () => eservices.dossier(id));
  const procedure = useApiQuery(['eservices', 'procedure', q.data?.procedure_code], () => eservices.procedure(q.data!.procedure_code), {
    enabled: !!q.data,
  });
  const d = q.data;
  const money = (n: number) => `${n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US')} đồng`;
  const pay = async () => {
    setBusy(true);
    try {
      const start = await eservices.pay(id);
      navigate(start.redirect_url.replace(/^https?:\/\/[^/]+/, ''));
    } catch (e) {
      message.error(errorMessage(e));
      setBusy(false);
    }
  };
  const online = procedure.data?.level === 4;
  return (
    <>
      <PageHeader title={`${t('es.payment')} ${d?.number ?? ''}`} />
      <LoadError error={q.error ?? procedure.error} />
      {q.loading && <Spin />}
      {d && (
        <Card size="small" style={{ maxWidth: 720 }}>
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('es.procedure')}>{d.procedure_code} — {d.procedure_name}</Descriptions.Item>
            <Descriptions.Item label={t('es.status')}><DossierStatus status={d.status} /></Descriptions.Item>
            <Descriptions.Item label={t('es.fee')}><b data-testid="payment-amount">{money(d.fee ?? 0)}</b></Descriptions.Item>
            {d.paid_at && <Descriptions.Item label={t('es.paidAt')}>{fmtDateTime(d.paid_at, lang)}</Descriptions.Item>}
            {d.receipt_no && <Descriptions.Item label={t('es.receipt')}>{d.receipt_no}</Descriptions.Item>}
          </Descriptions>
          {d.status === 'FEE_DUE' && online && (
            <>
              <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('es.payOnlineHint')} />
              <Button type="primary" size="large" block loading={busy} onClick={() => void pay()} data-testid="pay-online">{t('es.payOnline')}</Button>
            </>
          )}
          {d.status === 'FEE_DUE' && procedure.data && !online && <Alert type="warning" showIcon message={t('es.payAtOffice', { unit: `${d.unit_code} ${d.unit_name ?? ''}` })} />}
          {d.status !== 'FEE_DUE' && <Alert type={d.paid_at ? 'success' : 'info'} showIcon message={d.paid_at ? t('es.paid') : t('es.noFeeDue')} />}
          <div style={{ marginTop: 12 }}><Link to={`/eservices/dossiers/${id}`}>{t('es.backToDossier')}</Link></div>
        </Card>
      )}
    </>
  );
}
