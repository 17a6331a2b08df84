import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Typography, type FormRule } from 'antd';
import { CheckCircleFilled, LogoutOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { auth } from '../api/platform';
import { useAuth } from '../auth/AuthContext';
import { useI18n } from '../i18n';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { MIN_PASSWORD_LENGTH, passwordProblems, type PasswordProblem } from '../utils/password';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Emblem } from '../components/Emblem';

interface PwForm {
  old_password: string;
  new_password: string;
  confirm: string;
}

/** A password field of the form: required (the message names it), plus its own check. */
function PasswordItem({ name, label, autoComplete = 'new-password', dependsOn, rule }: {
  name: keyof PwForm;
  label: string;
  autoComplete?: string;
  dependsOn?: keyof PwForm;
  rule?: FormRule;
}) {
  const { t } = useI18n();
  return (
    <Form.Item
      name={name}
      label={label}
      dependencies={dependsOn ? [dependsOn] : undefined}
      rules={[{ required: true, message: t('common.required', { field: label.toLowerCase() }) }, ...(rule ? [rule] : [])]}
    >
      <Input.Password autoComplete={autoComplete} id={name} />
    </Form.Item>
  );
}

export default function ChangePasswordPage() {
  const { me, refresh, logout } = useAuth();
  const { t } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<PwForm>();
  const newPw = Form.useWatch('new_password', form) ?? '';
  const oldPw = Form.useWatch('old_password', form) ?? '';
  const username = me?.username ?? '';
  const forced = !!me?.password_change_required;
  const problems = new Set(passwordProblems(newPw, username, oldPw));

  const problemText: Record<PasswordProblem, string> = {
    tooShort: t('password.tooShort', { n: MIN_PASSWORD_LENGTH }),
    containsUsername: t('password.containsUsername'),
    common: t('password.common'),
    same: t('password.same'),
  };

  const rules: Array<{ key: PasswordProblem; text: string }> = [
    { key: 'tooShort', text: t('password.rule.length', { n: MIN_PASSWORD_LENGTH }) },
    { key: 'containsUsername', text: t('password.rule.notUsername') },
    { key: 'common', text: t('password.rule.notCommon') },
    { key: 'same', text: t('password.rule.differs') },
  ];

  const { busy, submit } = useFormSubmit(form, async (v) => {
    try {
      await auth.changePassword(v.old_password, v.new_password);
      message.success(t('password.changed'));
      await refresh();
      navigate('/', { replace: true });
    } catch (e) {
      // WEAK_PASSWORD explains why; it belongs beside the new password (a wrong old password beside the old one)
      // unless the server named another field.
      const err = e as { code?: string; details?: Record<string, unknown> };
      const field = err.details?.field ? undefined : { WEAK_PASSWORD: 'new_password', INVALID_CREDENTIALS: 'old_password' }[err.code ?? ''];
      if (!field) throw e;
      form.setFields([{ name: field as keyof PwForm, errors: [(e as Error).message] }]);
    }
  });

  const body = (
    <Card className="hq-login__card" style={{ maxWidth: 480 }}>
      <div className="hq-login__brand">
        <Emblem size={48} />
      </div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('password.title')}
      </Typography.Title>
      {forced && <Alert type="warning" showIcon title={t('password.forced')} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {me?.full_name} ({username}) · {me?.unit_code}
      </Typography.Paragraph>
      <Form<PwForm> form={form} layout="vertical" onFinish={submit} disabled={busy} requiredMark={false}>
        <PasswordItem name="old_password" label={t('password.old')} autoComplete="current-password" />
        <PasswordItem
          name="new_password"
          label={t('password.new')}
          dependsOn="old_password"
          rule={{
            validator: (_, v: string | undefined) => {
              if (!v) return Promise.resolve();
              const p = passwordProblems(v, username, form.getFieldValue('old_password'));
              return p.length ? Promise.reject(new Error(problemText[p[0]])) : Promise.resolve();
            },
          }}
        />
        <div style={{ marginTop: -8, marginBottom: 16 }}>
          <Typography.Text type="secondary">{t('password.rules')}:</Typography.Text>
          <ul className="hq-rules" data-testid="password-rules">
            {rules.map((r) => {
              const ok = newPw !== '' && !problems.has(r.key);
              return (
                <li key={r.key} className={ok ? 'hq-rule--ok' : 'hq-rule--bad'}>
                  {ok ? <CheckCircleFilled /> : <MinusCircleOutlined />} {r.text}
                </li>
              );
            })}
          </ul>
        </div>
        <PasswordItem
          name="confirm"
          label={t('password.confirm')}
          dependsOn="new_password"
          rule={({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || v === getFieldValue('new_password') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
          })}
        />
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="password-submit" style={{ marginTop: 8 }}>
          {t('password.submit')}
        </Button>
        {forced ? (
          <Button
            type="link"
            block
            icon={<LogoutOutlined />}
            style={{ marginTop: 8 }}
            onClick={() => void logout().then(() => navigate('/login', { replace: true }))}
          >
            {t('menu.logout')}
          </Button>
        ) : (
          <Button type="link" block style={{ marginTop: 8 }} onClick={() => navigate(-1)}>
            {t('common.cancel')}
          </Button>
        )}
      </Form>
    </Card>
  );

  return (
    <div className="hq-login">
      <div className="hq-login__lang">
        <LanguageSwitch dark />
      </div>
      {body}
    </div>
  );
}
