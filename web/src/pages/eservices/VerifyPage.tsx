// Public: is a result number one issued by customs, its stored bytes unchanged and its signature valid.
import { useState } from 'react';
import { Alert, Card, Descriptions, Input, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { eservices } from '../../api/eservices';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { LoadError } from './common';

export function VerifyForm() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const number = params.get('number') ?? '';
  const [text, setText] = useState(number);
  const q = useApiQuery(['eservices', 'verify', number], () => eservices.verify(number), { enabled: !!number });
  const v = q.data;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('es.verifyHint')}</Typography.Paragraph>
      <Input.Search
        value={text}
        onChange={(e) => setText(e.target.value)}
        enterButton={t('es.check')}
        onSearch={(s) => setParams(s.trim() ? { number: s.trim() } : {}, { replace: true })}
        loading={q.loading}
        style={{ marginBottom: 16 }}
        data-testid="verify-number"
      />
      <LoadError error={q.error} />
      {v && (
        <>
          <Alert type={v.valid ? 'success' : 'error'} showIcon style={{ marginBottom: 12 }}
            message={v.valid ? t('es.verifyValid') : t('es.verifyInvalid')} description={v.reason} />
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label={t('es.resultNumber')}>{v.result_number}</Descriptions.Item>
            <Descriptions.Item label={t('es.number')}>{v.dossier_number}</Descriptions.Item>
            <Descriptions.Item label={t('es.issuedAt')}>{fmtDateTime(v.issued_at, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('es.signer')}>{v.signer}</Descriptions.Item>
            <Descriptions.Item label={t('es.sha256')}><code style={{ wordBreak: 'break-all' }}>{v.sha256}</code></Descriptions.Item>
          </Descriptions>
        </>
      )}
    </>
  );
}

/** Inside the signed-in layout. */
export default function VerifyPage() {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={3}>{t('menu.eservices.verify')}</Typography.Title>
      <VerifyForm />
    </>
  );
}

/** The same without signing in (/dvc/verify). */
export function PublicVerifyPage() {
  const { t } = useI18n();
  return (
    <div style={{ maxWidth: 640, margin: '0 auto', padding: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}><LanguageSwitch /></div>
      <Card>
        <Typography.Title level={3}>{t('menu.eservices.verify')}</Typography.Title>
        <VerifyForm />
        <Link to="/login">{t('es.toLogin')}</Link>
      </Card>
    </div>
  );
}
