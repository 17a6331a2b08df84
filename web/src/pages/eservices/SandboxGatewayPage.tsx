// The SANDBOX payment gateway (demo and tests only, like the test pages payment providers offer): it shows the
// merchant's signed order and, on confirmation, pays it and calls the merchant's callback, then returns the
// payer to the dossier. No money moves.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Typography } from 'antd';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { eservices } from '../../api/eservices';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useI18n } from '../../i18n';

export default function SandboxGatewayPage() {
  const { t, lang } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const order = params.get('order_id') ?? '';
  const amount = Number(params.get('amount') ?? 0);
  const signature = params.get('signature') ?? '';
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const r = await eservices.sandboxPay({ order_id: order, amount, signature });
      navigate(r.return_url);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}><LanguageSwitch /></div>
      <Card>
        <Typography.Title level={3}>{t('es.sandbox.title')}</Typography.Title>
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('es.sandbox.warning')} />
        <Descriptions column={1} bordered size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('es.sandbox.order')}>{order}</Descriptions.Item>
          <Descriptions.Item label={t('es.amount')}>{amount.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US')} đồng</Descriptions.Item>
        </Descriptions>
        {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={error} />}
        <Button type="primary" block size="large" loading={busy} disabled={!order || !signature} onClick={() => void confirm()} data-testid="sandbox-confirm">
          {t('es.sandbox.confirm')}
        </Button>
      </Card>
    </div>
  );
}
