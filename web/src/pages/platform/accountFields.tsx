// The account fields shared by the account form and the account request (form 01): user name, unit, roles.
import { Form, Input } from 'antd';
import { useI18n } from '../../i18n';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { RoleSelect } from '../../components/RoleSelect';

export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** `fixed`: an existing account's name, shown but neither checked nor changed. */
export function UsernameItem({ fixed = false, id }: { fixed?: boolean; id?: string }) {
  const { t } = useI18n();
  const rules = [
    { required: true, whitespace: true, message: t('common.required', { field: t('accounts.username').toLowerCase() }) },
    { pattern: USERNAME_RE, message: t('accounts.usernameInvalid') },
  ];
  return (
    <Form.Item name="username" label={t('accounts.username')} normalize={(v: string) => v?.toLowerCase()} rules={fixed ? [] : rules}>
      <Input disabled={fixed} autoComplete="off" id={id} />
    </Form.Item>
  );
}

/** An active unit, required. */
export function UnitItem({ disabled = false, id, testId }: { disabled?: boolean; id?: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item name="unit_code" label={t('accounts.unit')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('accounts.unit').toLowerCase() }) }]}>
      <UnitTreeSelect disabled={disabled} isDisabled={(u) => !u.active} id={id} data-testid={testId} />
    </Form.Item>
  );
}

/** At least one role when `required`. */
export function RolesItem({ required, hint = false, id, testId }: { required: boolean; hint?: boolean; id?: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      name="roles"
      label={t('accounts.roles')}
      extra={hint ? t('accounts.rolesHint') : undefined}
      rules={[{ required, type: 'array', min: 1, message: t('common.requiredSelect', { field: t('accounts.roles').toLowerCase() }) }]}
    >
      <RoleSelect id={id} data-testid={testId} />
    </Form.Item>
  );
}
