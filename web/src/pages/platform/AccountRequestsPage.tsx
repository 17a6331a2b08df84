// Account requests (form 01 of the HQ36a regulation): the unit administrator proposes, the unit leader
// approves or rejects, the administrator applies the approved request.
import { useState } from 'react';
import {
  App, Button, Col, Form, Input, Radio, Row, Space, Steps, Table, Tag, Tooltip, Typography, type TableColumnsType,
} from 'antd';
import { CheckOutlined, CloseOutlined, FileAddOutlined, HistoryOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { accountRequests } from '../../api/platform';
import type { AccountRequest, AccountRequestListParams, NewAccountRequest, RequestKind, RequestStatus } from '../../api/types';
import { hasAnyRole, useAuth } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { useServerTable } from '../../hooks/useServerTable';
import { Page } from '../../components/PageHeader';
import { actionsColumn, IconAction } from '../../components/IconAction';
import { UnitFilter } from '../../components/UnitTreeSelect';
import { RoleTags } from '../../components/RoleTags';
import { SecretModal, type Secret } from '../../components/SecretModal';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { compact } from '../../utils/forms';
import { fmtDateTime } from '../../utils/format';
import { ADMIN_ROLES } from '../../auth/roles';
import { RolesItem, UnitItem, UsernameItem } from './accountFields';
import { FormModal } from '../../components/FormModal';
import { StatusSelect, StatusTag } from '../../components/Status';

const KINDS: RequestKind[] = ['NEW', 'CHANGE', 'REVOKE'];
const STATUSES: RequestStatus[] = ['PROPOSED', 'APPROVED', 'REJECTED', 'APPLIED'];
const KIND_COLORS: Record<RequestKind, string> = { NEW: 'blue', CHANGE: 'purple', REVOKE: 'red' };
const FLOW: RequestStatus[] = ['PROPOSED', 'APPROVED', 'APPLIED'];
const APPROVER_ROLES = ['platform.admin', 'unit.leader'] as const;

type RequestForm = NewAccountRequest;

function NewRequestModal({ open, defaultUnit, onClose, onDone }: { open: boolean; defaultUnit: string; onClose(): void; onDone(r: AccountRequest): void }) {
  const { t, te } = useI18n();
  const [form] = Form.useForm<RequestForm>();
  const kind = Form.useWatch('kind', form) ?? 'NEW';
  const propose = async (v: RequestForm) => {
    const r = await accountRequests.create(
      compact({
        kind: v.kind,
        unit_code: v.unit_code,
        username: v.username.trim(),
        full_name: v.kind === 'REVOKE' ? undefined : v.full_name?.trim(),
        roles: v.kind === 'REVOKE' || !v.roles?.length ? undefined : v.roles,
        reason: v.reason.trim(),
      }) as RequestForm,
    );
    form.resetFields();
    onDone(r);
  };
  return (
    <FormModal<RequestForm>
      form={form}
      open={open}
      width={680}
      title={t('requests.create')}
      onClose={onClose}
      onSubmit={propose}
      okText={t('common.create')}
      initialValues={{ kind: 'NEW', unit_code: defaultUnit, roles: [] }}
    >
        <Form.Item name="kind" label={t('requests.kind')}>
          <Radio.Group optionType="button" buttonStyle="solid" options={KINDS.map((k) => ({ value: k, label: te('requests.kind', k) }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <UnitItem />
          </Col>
          <Col xs={24} sm={12}>
            <UsernameItem />
          </Col>
          {kind !== 'REVOKE' && (
            <>
              <Col xs={24} sm={12}>
                <Form.Item
                  name="full_name"
                  label={t('accounts.fullName')}
                  rules={[{ required: kind === 'NEW', whitespace: true, message: t('common.required', { field: t('accounts.fullName').toLowerCase() }) }]}
                >
                  <Input />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12}>
                <RolesItem required={kind === 'NEW'} />
              </Col>
            </>
          )}
        </Row>
        <Form.Item
          name="reason"
          label={t('requests.reason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('requests.reason').toLowerCase() }) }, { max: 1000 }]}
        >
          <Input.TextArea rows={3} showCount maxLength={1000} />
        </Form.Item>
    </FormModal>
  );
}

function DecisionModal({ target, onClose, onDone }: { target: { req: AccountRequest; approve: boolean } | null; onClose(): void; onDone(): void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const decide = async (v: { comment?: string }) => {
    if (!target) return;
    const comment = v.comment?.trim() || undefined;
    await (target.approve ? accountRequests.approve(target.req.id, comment) : accountRequests.reject(target.req.id, comment));
    message.success(t('requests.decided', { id: target.req.id }));
    onDone();
  };
  return (
    <FormModal<{ comment?: string }>
      open={!!target}
      title={target ? t(target.approve ? 'requests.approveTitle' : 'requests.rejectTitle', { id: target.req.id }) : ''}
      onClose={onClose}
      onSubmit={decide}
      okText={target?.approve ? t('requests.approve') : t('requests.reject')}
      danger={target ? !target.approve : false}
    >
      {target && (
        <>
          <Typography.Paragraph>
            <Tag color={KIND_COLORS[target.req.kind]}>{te('requests.kind', target.req.kind)}</Tag>
            <b>{target.req.username}</b> · {target.req.unit_code} — {target.req.reason}
          </Typography.Paragraph>
          <Form.Item
            name="comment"
            label={t('requests.comment')}
            rules={target.approve ? [] : [{ required: true, whitespace: true, message: t('common.required', { field: t('requests.comment').toLowerCase() }) }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}

export default function AccountRequestsPage() {
  const { me } = useAuth();
  const { t, lang, te } = useI18n();
  const { modal, message } = App.useApp();
  const table = useServerTable<AccountRequest>(['platform', 'account-requests'], (p) => accountRequests.list(p as AccountRequestListParams));
  const { params, setFilters, sortOrderFor, filteredFor } = table;
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<{ req: AccountRequest; approve: boolean } | null>(null);
  const [historyOf, setHistoryOf] = useState<number | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const canPropose = hasAnyRole(me, ADMIN_ROLES);
  const canDecide = hasAnyRole(me, APPROVER_ROLES);

  const apply = (r: AccountRequest) =>
    modal.confirm({
      title: t('common.confirm'),
      content: t('requests.confirmApply', { id: r.id }),
      okText: t('requests.apply'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          const res = await accountRequests.apply(r.id);
          message.success(t('requests.applied', { id: r.id }));
          if (res.temporary_password) {
            setSecret({ title: t('accounts.tempPasswordTitle'), username: r.username, password: res.temporary_password, note: t('accounts.tempPasswordNote') });
          }
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });

  const columns: TableColumnsType<AccountRequest> = [
    { title: t('requests.id'), dataIndex: 'id', key: 'id', width: 72, sorter: true, sortOrder: sortOrderFor('id') },
    {
      title: t('requests.createdAt'),
      dataIndex: 'created_at',
      key: 'created_at',
      sorter: true,
      sortOrder: sortOrderFor('created_at'),
      render: (v: string) => fmtDateTime(v, lang),
    },
    {
      title: t('requests.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: RequestKind) => <Tag color={KIND_COLORS[k]}>{te('requests.kind', k)}</Tag>,
    },
    { title: t('accounts.unit'), dataIndex: 'unit_code', key: 'unit_code', render: (v: string) => <Tag color="blue">{v}</Tag> },
    {
      title: t('accounts.username'),
      dataIndex: 'username',
      key: 'username',
      render: (v: string, r) => (
        <div>
          <Typography.Text strong>{v}</Typography.Text>
          {r.full_name && <div style={{ fontSize: 12, color: '#8c8c8c' }}>{r.full_name}</div>}
        </div>
      ),
    },
    { title: t('accounts.roles'), dataIndex: 'roles', key: 'roles', render: (v: string[] | null) => <RoleTags roles={v} /> },
    { title: t('requests.reason'), dataIndex: 'reason', key: 'reason', ellipsis: true, width: 220 },
    {
      title: t('requests.status'),
      dataIndex: 'status',
      key: 'status',
      filters: STATUSES.map((s) => ({ text: te('requests.status', s), value: s })),
      filterMultiple: false,
      filteredValue: filteredFor('status'),
      render: (s: RequestStatus) => <StatusTag status={s} label={te('requests.status', s)} />,
    },
    {
      title: `${t('requests.proposedBy')} / ${t('requests.decidedBy')}`,
      key: 'people',
      render: (_, r) => (
        <span style={{ fontSize: 12 }}>
          {r.proposed_by}
          <br />
          {r.decision_comment ? (
            <Tooltip title={r.decision_comment}>
              <span style={{ borderBottom: '1px dotted' }}>{r.decided_by ?? '—'}</span>
            </Tooltip>
          ) : (
            r.decided_by ?? '—'
          )}
        </span>
      ),
    },
    actionsColumn<AccountRequest>(
      t('common.actions'),
      (r) => (
        <Space size={0} wrap>
          {r.status === 'PROPOSED' && canDecide && r.proposed_by !== me?.username && (
            <>
              <IconAction title={t('requests.approve')} icon={<CheckOutlined style={{ color: '#389e0d' }} />} onClick={() => setDeciding({ req: r, approve: true })} />
              <IconAction title={t('requests.reject')} danger icon={<CloseOutlined />} onClick={() => setDeciding({ req: r, approve: false })} />
            </>
          )}
          {r.status === 'APPROVED' && canPropose && (
            <Button size="small" type="primary" ghost icon={<ThunderboltOutlined />} onClick={() => apply(r)}>
              {t('requests.apply')}
            </Button>
          )}
          <IconAction title={t('common.history')} icon={<HistoryOutlined />} onClick={() => setHistoryOf(r.id)} />
        </Space>
      ),
    ),
  ];

  return (
    <Page
      title={t('requests.title')}
      extra={
        canPropose && (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => setCreating(true)}>
            {t('requests.create')}
          </Button>
        )
      }
    >
      {/* The workflow doubles as a status filter: clicking a step lists the requests at that step. */}
      <Steps
        size="small"
        style={{ marginBottom: 16, maxWidth: 760 }}
        current={FLOW.indexOf(params.status as RequestStatus)}
        onChange={(i) => setFilters({ status: FLOW[i] === params.status ? '' : FLOW[i] })}
        items={FLOW.map((s) => ({ title: te('requests.status', s) }))}
      />
      <Typography.Paragraph type="secondary">{t('requests.workflow')}</Typography.Paragraph>
      <div className="hq-toolbar">
        <UnitFilter table={table} placeholder={t('accounts.filterUnit')} style={{ flex: '1 1 260px', maxWidth: 380 }} />
        <StatusSelect table={table} name="status" values={STATUSES} label={(s) => te('requests.status', s)} placeholder={t('requests.status')} style={{ flex: '0 1 220px' }} />
      </div>
      <Table<AccountRequest> rowKey="id" columns={columns} size="middle" {...table.tableProps} />
      <NewRequestModal
        open={creating}
        defaultUnit={params.unit || me?.unit_code || ''}
        onClose={() => setCreating(false)}
        onDone={(r) => {
          setCreating(false);
          message.success(t('requests.created', { id: r.id }));
        }}
      />
      <DecisionModal target={deciding} onClose={() => setDeciding(null)} onDone={() => { setDeciding(null); }} />
      <HistoryDrawer entityType="account_request" entityId={String(historyOf ?? '')} open={historyOf !== null} onClose={() => setHistoryOf(null)} />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Page>
  );
}
