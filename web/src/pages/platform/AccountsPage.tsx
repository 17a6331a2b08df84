// Accounts administration: server-paged table, create (→ temporary password), edit, disable/enable,
// reset password, transfer to another unit, processing history.
import { useState } from 'react';
import {
  App, Button, Col, Dropdown, Form, Input, Row, Space, Table, Tag, Tooltip, Typography, type MenuProps, type TableColumnsType,
} from 'antd';
import {
  EditOutlined, HistoryOutlined, KeyOutlined, LockOutlined, MoreOutlined, SwapOutlined, UnlockOutlined, UserAddOutlined,
} from '@ant-design/icons';
import { accounts as accountsApi } from '../../api/platform';
import type { Account, AccountPatch, AccountStatus, AccountListParams, RoleCode } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { useServerTable } from '../../hooks/useServerTable';
import { FormModal } from '../../components/FormModal';
import { GridItem } from '../../components/GridItem';
import { Page } from '../../components/PageHeader';
import { actionsColumn, IconAction } from '../../components/IconAction';
import { TableSearch } from '../../components/TableSearch';
import { RoleTags } from '../../components/RoleTags';
import { SecretModal, type Secret } from '../../components/SecretModal';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { compact } from '../../utils/forms';
import { UnitFilter, UnitTreeSelect } from '../../components/UnitTreeSelect';
import { StatusSelect, StatusTag } from '../../components/Status';
import { RolesItem, UnitItem, UsernameItem } from './accountFields';

const PHONE_RE = /^[0-9+() .-]{8,20}$/;
const STATUSES: AccountStatus[] = ['ACTIVE', 'DISABLED', 'LOCKED'];

interface AccountForm {
  username: string;
  full_name: string;
  unit_code: string;
  roles: RoleCode[];
  officer_number?: string;
  position?: string;
  phone?: string;
  email?: string;
}

type EditableFields = Pick<Account, 'full_name' | 'roles' | 'officer_number' | 'position' | 'phone' | 'email'>;

/** Only what changed goes into the PATCH; a cleared optional field is sent as null. */
function changedFields(before: Account, after: { [K in keyof EditableFields]?: EditableFields[K] | undefined }) {
  const patch: AccountPatch = {};
  for (const k of Object.keys(after) as Array<keyof EditableFields>) {
    const a = after[k] === '' || after[k] === undefined ? null : after[k];
    const b = before[k] === '' ? null : before[k];
    if (JSON.stringify(a) !== JSON.stringify(b)) (patch as Record<string, unknown>)[k] = a;
  }
  return patch;
}

function AccountFormModal({
  editing, open, defaultUnit, onClose, onDone,
}: { editing: Account | null; open: boolean; defaultUnit: string; onClose(): void; onDone(secret?: Secret): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<AccountForm>();
  const req = (key: Parameters<typeof t>[0]) => ({ required: true, whitespace: true, message: t('common.required', { field: t(key).toLowerCase() }) });

  const save = async (v: AccountForm) => {
    const fields = {
      full_name: v.full_name.trim(),
      roles: v.roles,
      officer_number: v.officer_number?.trim(),
      position: v.position?.trim(),
      phone: v.phone?.trim(),
      email: v.email?.trim(),
    };
    if (editing) {
      await accountsApi.update(editing.username, changedFields(editing, fields));
      message.success(t('accounts.updated', { username: editing.username }));
      onDone();
    } else {
      const r = await accountsApi.create({ ...(compact(fields) as typeof fields), username: v.username.trim(), unit_code: v.unit_code });
      onDone({
        title: t('accounts.created', { username: r.username }),
        username: r.username,
        password: r.temporary_password,
        note: t('accounts.tempPasswordNote'),
        extra: [{ label: t('accounts.fullName'), value: fields.full_name }],
      });
    }
    form.resetFields();
  };

  return (
    <FormModal<AccountForm>
      form={form}
      open={open}
      width={720}
      title={editing ? t('accounts.edit', { username: editing.username }) : t('accounts.create')}
      onClose={onClose}
      onSubmit={save}
      okText={editing ? t('common.save') : t('common.create')}
      okTestId="account-form-ok"
      initialValues={
          editing
            ? { ...editing, officer_number: editing.officer_number ?? '', position: editing.position ?? '', phone: editing.phone ?? '', email: editing.email ?? '' }
            : { unit_code: defaultUnit, roles: [] }
      }
    >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <UsernameItem fixed={!!editing} id="acc_username" />
          </Col>
          <GridItem name="full_name" label={t('accounts.fullName')} rules={[req('accounts.fullName'), { max: 200 }]}>
            <Input id="acc_full_name" />
          </GridItem>
          <Col xs={24} sm={12}>
            <UnitItem disabled={!!editing} id="acc_unit" testId="acc-unit" />
          </Col>
          <Col xs={24} sm={12}>
            <RolesItem required hint id="acc_roles" testId="acc-roles" />
          </Col>
          <GridItem name="officer_number" label={t('accounts.officerNumber')} rules={[{ max: 32 }]}>
            <Input id="acc_officer_number" />
          </GridItem>
          <GridItem name="position" label={t('accounts.position')} rules={[{ max: 200 }]}>
            <Input id="acc_position" />
          </GridItem>
          <GridItem name="phone" label={t('accounts.phone')} rules={[{ pattern: PHONE_RE, message: t('accounts.phoneInvalid') }]}>
            <Input id="acc_phone" inputMode="tel" />
          </GridItem>
          <GridItem name="email" label={t('accounts.email')} rules={[{ type: 'email', message: t('accounts.emailInvalid') }]}>
            <Input id="acc_email" inputMode="email" />
          </GridItem>
        </Row>
    </FormModal>
  );
}

function TransferModal({ account, onClose, onDone }: { account: Account | null; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const transfer = async (v: { unit_code: string }) => {
    if (!account) return;
    await accountsApi.transfer(account.username, v.unit_code);
    message.success(t('accounts.updated', { username: account.username }));
    onDone();
  };
  return (
    <FormModal<{ unit_code: string }>
      open={!!account}
      title={account ? t('accounts.transferTitle', { username: account.username }) : ''}
      onClose={onClose}
      onSubmit={transfer}
      okText={t('accounts.transfer')}
    >
      {account && (
        <>
          <Form.Item label={t('accounts.unit')}>
            <Typography.Text>
              {account.unit_code} — {account.unit_name}
            </Typography.Text>
          </Form.Item>
          <Form.Item
            name="unit_code"
            label={t('accounts.transferTo')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('accounts.transferTo').toLowerCase() }) }]}
          >
            <UnitTreeSelect isDisabled={(u) => !u.active || u.code === account.unit_code} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

export default function AccountsPage() {
  const { me } = useAuth();
  const { t, te } = useI18n();
  const { modal, message } = App.useApp();
  const table = useServerTable<Account>(['platform', 'accounts'], (p) => accountsApi.list(p as AccountListParams));
  const { params, sortOrderFor, filteredFor } = table;
  const [formOpen, setFormOpen] = useState(false);
  const [editing, setEditing] = useState<Account | null>(null);
  const [transferring, setTransferring] = useState<Account | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);

  const act = (a: Account, kind: 'disable' | 'enable' | 'reset') => {
    const content =
      kind === 'disable'
        ? t('accounts.confirmDisable', { username: a.username })
        : kind === 'enable'
          ? t('accounts.confirmEnable', { username: a.username })
          : t('accounts.confirmReset', { username: a.username });
    modal.confirm({
      title: t('common.confirm'),
      content,
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: kind === 'disable' },
      onOk: async () => {
        try {
          if (kind === 'reset') {
            const r = await accountsApi.resetPassword(a.username);
            setSecret({ title: t('accounts.resetPassword'), username: a.username, password: r.temporary_password, note: t('accounts.tempPasswordNote') });
          } else {
            await (kind === 'disable' ? accountsApi.disable(a.username) : accountsApi.enable(a.username));
            message.success(t('accounts.updated', { username: a.username }));
          }
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });
  };

  const rowMenu = (a: Account): MenuProps['items'] => [
    { key: 'transfer', icon: <SwapOutlined />, label: t('accounts.transfer'), onClick: () => setTransferring(a) },
    { key: 'reset', icon: <KeyOutlined />, label: t('accounts.resetPassword'), onClick: () => act(a, 'reset') },
    a.status === 'DISABLED'
      ? { key: 'enable', icon: <UnlockOutlined />, label: t('accounts.enable'), onClick: () => act(a, 'enable') }
      : { key: 'disable', icon: <LockOutlined />, label: t('accounts.disable'), danger: true, disabled: a.username === me?.username, onClick: () => act(a, 'disable') },
    { type: 'divider' },
    { key: 'history', icon: <HistoryOutlined />, label: t('common.history'), onClick: () => setHistoryOf(a.username) },
  ];

  const columns: TableColumnsType<Account> = [
    {
      title: t('accounts.username'),
      dataIndex: 'username',
      key: 'username',
      sorter: true,
      sortOrder: sortOrderFor('username'),
      fixed: 'left',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('accounts.fullName'), dataIndex: 'full_name', key: 'full_name', sorter: true, sortOrder: sortOrderFor('full_name') },
    {
      title: t('accounts.unit'),
      dataIndex: 'unit_code',
      key: 'unit_code',
      sorter: true,
      sortOrder: sortOrderFor('unit_code'),
      render: (_: string, a) => (
        <Tooltip title={a.unit_name}>
          <Tag color="blue">{a.unit_code}</Tag>
          <span className="hq-ellipsis">{a.unit_name}</span>
        </Tooltip>
      ),
    },
    { title: t('accounts.roles'), dataIndex: 'roles', key: 'roles', width: 260, render: (r: string[]) => <RoleTags roles={r} /> },
    {
      title: t('accounts.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: sortOrderFor('status'),
      filters: STATUSES.map((s) => ({ text: te('accounts.status', s), value: s })),
      filterMultiple: false,
      filteredValue: filteredFor('status'),
      render: (s: AccountStatus, a) => (
        <Space size={4} wrap>
          <StatusTag status={s} label={te('accounts.status', s)} />
          {a.password_change_required && <Tag color="gold">{t('accounts.mustChange')}</Tag>}
        </Space>
      ),
    },
    actionsColumn<Account>(
      t('common.actions'),
      (a) => (
        <Space size={0}>
          <IconAction title={t('common.edit')} icon={<EditOutlined />} onClick={() => { setEditing(a); setFormOpen(true); }} />
          <Dropdown menu={{ items: rowMenu(a) }} trigger={['click']}>
            <Button type="text" icon={<MoreOutlined />} aria-label={t('common.actions')} />
          </Dropdown>
        </Space>
      ),
      100,
    ),
  ];

  return (
    <Page
      title={t('accounts.title')}
      extra={
        <Button type="primary" icon={<UserAddOutlined />} data-testid="account-create" onClick={() => { setEditing(null); setFormOpen(true); }}>
          {t('accounts.create')}
        </Button>
      }
    >
      <div className="hq-toolbar">
        <UnitFilter table={table} placeholder={t('accounts.filterUnit')} style={{ flex: '1 1 260px', maxWidth: 380 }} />
        <TableSearch table={table} placeholder={t('accounts.searchPlaceholder')} testId="account-search" />
        <StatusSelect table={table} name="status" values={STATUSES} label={(s) => te('accounts.status', s)} placeholder={t('accounts.status')} />
      </div>
      <Table<Account> rowKey="username" columns={columns} size="middle" {...table.tableProps} />
      <AccountFormModal
        open={formOpen}
        editing={editing}
        defaultUnit={params.unit || me?.unit_code || ''}
        onClose={() => setFormOpen(false)}
        onDone={(s) => {
          setFormOpen(false);
          if (s) setSecret(s);
        }}
      />
      <TransferModal account={transferring} onClose={() => setTransferring(null)} onDone={() => { setTransferring(null); }} />
      <HistoryDrawer entityType="account" entityId={historyOf ?? ''} open={!!historyOf} onClose={() => setHistoryOf(null)} />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Page>
  );
}
