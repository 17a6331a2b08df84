import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { ApiError, errorMessage } from '../api/errors';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Emblem } from '../components/Emblem';
import { fmtDateTime } from '../utils/format';

interface LoginForm {
  username: string;
  password: string;
}

/** Only same-app paths are accepted as a post-login destination. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const { me, login, loading: authLoading } = useAuth();
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [form] = Form.useForm<LoginForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = safeNext(search.get('next'));

  if (!authLoading && me) return <Navigate to={me.password_change_required ? '/password' : next} replace />;

  const submit = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      const r = await login(v.username.trim(), v.password);
      navigate(r.password_change_required ? '/password' : next, { replace: true });
    } catch (e) {
      let msg = errorMessage(e);
      // Add when the lock ends, unless the server's sentence already says it.
      const until = e instanceof ApiError && e.code === 'ACCOUNT_LOCKED' ? e.details.until : undefined;
      if (typeof until === 'string' && !msg.includes(until.slice(11, 16))) {
        msg += ' ' + t('login.lockedUntil', { time: fmtDateTime(until, lang) });
      }
      setError(msg);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="hq-login">
      <div className="hq-login__lang">
        <LanguageSwitch dark />
      </div>
      <Card className="hq-login__card">
        <div className="hq-login__brand">
          <Emblem size={64} />
          <h1>{t('app.short')}</h1>
          <Typography.Text type="secondary">{t('app.name')}</Typography.Text>
        </div>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {search.get('expired') && !error && (
          <Alert type="info" showIcon title={t('login.sessionExpired')} style={{ marginBottom: 16 }} />
        )}
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" role="alert" />
        )}
        <Form<LoginForm> form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username').toLowerCase() }) }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" id="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('common.required', { field: t('login.password').toLowerCase() }) }]}
          >
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" id="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <div style={{ marginTop: 16, display: 'flex', flexWrap: 'wrap', gap: 12, justifyContent: 'space-between' }}>
          <Link to="/dvc/register" data-testid="eservices-register-link">{t('es.register')}</Link>
          <Link to="/dvc/verify">{t('menu.eservices.verify')}</Link>
          <Link to="/guide" data-testid="guide-link">{t('menu.guide')}</Link>
        </div>
      </Card>
      <div className="hq-login__footer">{t('login.footer')}</div>
    </div>
  );
}
