// Public: an enterprise (tax code) or a citizen (identity number) registers its account for online services,
// then signs in on the login page.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { eservices, type Registration } from '../../api/eservices';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { useI18n } from '../../i18n';

export default function RegisterPage() {
  const { t, te } = useI18n();
  const [form] = Form.useForm<Registration>();
  const kind = Form.useWatch('kind', form) ?? 'ENTERPRISE';
  const [done, setDone] = useState<string>();
  const { busy, submit } = useFormSubmit(form, async (v: Registration) => {
    const a = await eservices.register({
      ...v,
      tax_code: v.kind === 'ENTERPRISE' ? v.tax_code?.trim() : undefined,
      id_number: v.kind === 'CITIZEN' ? v.id_number?.trim() : undefined,
    });
    setDone(a.username);
  });
  const req = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t('common.required', { field: t(key).toLowerCase() }) }];
  return (
    <div style={{ maxWidth: 560, margin: '0 auto', padding: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}><LanguageSwitch /></div>
      <Card>
        <Typography.Title level={3}>{t('es.register')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('es.registerHint')}</Typography.Paragraph>
        {done ? (
          <Alert type="success" showIcon message={t('es.registered', { username: done })} action={<Link to="/login"><Button>{t('es.toLogin')}</Button></Link>} />
        ) : (
          <Form<Registration> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'ENTERPRISE' }}>
            <Form.Item name="kind" label={t('es.kind')}>
              <Radio.Group optionType="button" buttonStyle="solid"
                options={(['ENTERPRISE', 'CITIZEN'] as const).map((k) => ({ value: k, label: te('es.kind', k) }))} />
            </Form.Item>
            {kind === 'ENTERPRISE' ? (
              <Form.Item name="tax_code" label={t('es.taxCode')} rules={[...req('es.taxCode'), { pattern: /^\d{10}(-\d{3})?$/, message: t('es.taxCode') }]}>
                <Input inputMode="numeric" autoComplete="off" />
              </Form.Item>
            ) : (
              <Form.Item name="id_number" label={t('es.idNumber')} rules={[...req('es.idNumber'), { pattern: /^(\d{9}|\d{12})$/, message: t('es.idNumber') }]}>
                <Input inputMode="numeric" autoComplete="off" />
              </Form.Item>
            )}
            <Form.Item name="name" label={t('es.applicantName')} rules={req('es.applicantName')}><Input /></Form.Item>
            <Form.Item name="username" label={t('es.username')} rules={req('es.username')} normalize={(v: string) => v?.toLowerCase()}>
              <Input autoComplete="username" />
            </Form.Item>
            <Form.Item name="password" label={t('es.password')} rules={req('es.password')}><Input.Password autoComplete="new-password" /></Form.Item>
            <Form.Item name="email" label={t('es.email')} rules={[...req('es.email'), { type: 'email' }]}><Input type="email" /></Form.Item>
            <Form.Item name="phone" label={t('es.phone')}><Input type="tel" /></Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>{t('es.register')}</Button>
            <div style={{ marginTop: 12 }}><Link to="/login">{t('es.toLogin')}</Link></div>
          </Form>
        )}
      </Card>
    </div>
  );
}
