// One audit proposal: its state and the leader's actions, duplicates, decisions (original, amendment, extension,
// cancellation) with end date and late-entry flag, the conclusion with amounts by tax kind, penalties, complaints.
import { useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Form, Input, InputNumber, Modal, Result, Row, Select, Space, Spin, Table, Tag, Tooltip, Typography,
} from 'antd';
import {
  CheckOutlined, CloseOutlined, FileAddOutlined, PauseCircleOutlined, PlayCircleOutlined, PlusOutlined, SendOutlined, StopOutlined,
} from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  AMOUNT_KEYS, audit, TAX_KEYS, type AmountKey, type Complaint, type Conclusion, type Decision, type DecisionKind, type Penalty, type ProposalAction, type ProposalDetail,
} from '../../api/audit';
import { errorMessage, isApiError } from '../../api/errors';
import { useApiQuery } from '../../hooks/query';
import { useI18n, type DictKey } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { GridItem } from '../../components/GridItem';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { fmtDate, fmtDateTime } from '../../utils/format';
import {
  DateCell, DuplicatesAlert, fmtMoney, groundsLabel, MoneyInput, PlaceTag, ReasonModal, StatusTag, useAuditReference, useAuditRights, useRuleAction, type ReasonPrompt,
} from './common';
import { LateEntryTag } from './LateEntryTag';
import { PrintButton } from './PrintButton';
import { PaymentsCard } from './PaymentsCard';

const DAY = 'YYYY-MM-DD';
const DATE_FMT = 'DD/MM/YYYY';

/** Which transitions the state machine allows from a status (rules.h next_status). */
export function allowedActions(status: string, leader: boolean, own: boolean): ProposalAction[] {
  const out: ProposalAction[] = [];
  if (status === 'DRAFT' && own) out.push('submit');
  // A leader never approves a proposal they made themselves (rules.h is_own_work).
  if (leader && status === 'SUBMITTED') out.push(...(own ? [] : (['approve'] as ProposalAction[])), 'reject');
  if (leader && (status === 'SUBMITTED' || status === 'APPROVED')) out.push('pause');
  if (leader && status === 'PAUSED') out.push('resume');
  if ((leader && ['DRAFT', 'SUBMITTED', 'APPROVED', 'PAUSED'].includes(status)) || (own && ['DRAFT', 'SUBMITTED'].includes(status))) out.push('cancel');
  return out;
}

const ACTION_ICONS: Record<ProposalAction, React.ReactNode> = {
  submit: <SendOutlined />,
  approve: <CheckOutlined />,
  reject: <CloseOutlined />,
  pause: <PauseCircleOutlined />,
  resume: <PlayCircleOutlined />,
  cancel: <StopOutlined />,
};

export function actionPrompt(
  t: (k: DictKey, v?: Record<string, string | number>) => string,
  action: ProposalAction | 'reject' | 'pause',
  number: string,
  run: (reason: string) => Promise<unknown>,
): ReasonPrompt {
  const reason = action === 'reject' || action === 'cancel' ? 'required' : action === 'pause' ? 'optional' : 'none';
  return {
    title: t(`audit.action.${action}.title` as DictKey, { number }),
    okText: t(`audit.action.${action}` as DictKey),
    danger: action === 'reject' || action === 'cancel',
    reason,
    run,
  };
}

// ---- decisions ----

interface DecisionForm {
  kind: DecisionKind;
  number: string;
  signed_on: Dayjs;
  start_on?: Dayjs;
  working_days?: number;
  signer?: string;
  team?: string;
}

function DecisionModal({ p, open, onClose, onDone }: { p: ProposalDetail; open: boolean; onClose(): void; onDone(d: Decision): void }) {
  const { t, tk } = useI18n();
  const ref = useAuditReference();
  const [form] = Form.useForm<DecisionForm>();
  const hasOriginal = p.decisions.some((d) => d.kind === 'ORIGINAL');
  const kinds: DecisionKind[] = hasOriginal ? ['AMENDMENT', 'EXTENSION', 'CANCELLATION'] : ['ORIGINAL'];
  const kind = Form.useWatch('kind', form);
  const max = !ref
    ? undefined
    : kind === 'EXTENSION'
      ? ref.limits.extension_working_days
      : p.place === 'PREMISES'
        ? ref.limits.premises_working_days
        : ref.limits.office_working_days;
  const { busy, submit } = useFormSubmit(form, async (v: DecisionForm) => {
    const d = await audit.addDecision(p.id, {
      kind: v.kind,
      number: v.number.trim(),
      signed_on: v.signed_on.format(DAY),
      start_on: v.start_on?.format(DAY),
      working_days: v.kind === 'CANCELLATION' ? undefined : v.working_days,
      signer: v.signer?.trim() || undefined,
      team: v.team?.trim() || undefined,
    });
    onDone(d);
  });
  return (
    <Modal open={open} width={640} title={t('audit.dec.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')}
      cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'decision-ok' } as Record<string, string>}>
      <Form<DecisionForm> form={form} layout="vertical" onFinish={submit} preserve={false}
        initialValues={{ kind: kinds[0], signed_on: dayjs(), working_days: kinds[0] === 'ORIGINAL' ? (p.place === 'PREMISES' ? 10 : 5) : undefined }}>
        <Row gutter={12}>
          <GridItem name="kind" label={t('audit.dec.kind')}>
            <Select id="dec_kind" options={kinds.map((k) => ({ value: k, label: tk(`audit.decKind.${k}`, k) }))} />
          </GridItem>
          <GridItem name="number" label={t('audit.dec.number')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('audit.dec.number').toLowerCase() }) }, { max: 100 }]}>
            <Input id="dec_number" placeholder="125/QĐ-…" />
          </GridItem>
          <GridItem name="signed_on" label={t('audit.dec.signedOn')} extra={t('audit.dec.signedHint')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('audit.dec.signedOn').toLowerCase() }) }]}>
            <DatePicker id="dec_signed_on" style={{ width: '100%' }} format={DATE_FMT} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </GridItem>
          {kind !== 'CANCELLATION' && (
            <GridItem name="start_on" label={t('audit.dec.startOn')} extra={t('audit.dec.startHint')}>
              <DatePicker id="dec_start_on" style={{ width: '100%' }} format={DATE_FMT} />
            </GridItem>
          )}
          {kind !== 'CANCELLATION' && (
            <GridItem name="working_days" label={t('audit.dec.workingDays')} extra={max !== undefined ? t('audit.dec.maxDays', { n: max }) : undefined}
              rules={[{ required: true, message: t('common.required', { field: t('audit.dec.workingDays').toLowerCase() }) },
                { type: 'number', min: 1, max: max ?? 10000, message: t('audit.dec.maxDays', { n: max ?? 0 }) }]}>
              <InputNumber<number> id="dec_working_days" min={1} precision={0} style={{ width: '100%' }} />
            </GridItem>
          )}
          <GridItem name="signer" label={t('audit.dec.signer')} rules={[{ max: 200 }]}>
            <Input id="dec_signer" />
          </GridItem>
          <GridItem sm={24} name="team" label={t('audit.dec.team')}>
            <Input.TextArea id="dec_team" rows={2} maxLength={2000} />
          </GridItem>
        </Row>
      </Form>
    </Modal>
  );
}

// ---- conclusion ----

type ConclusionForm = { number: string; signed_on: Dayjs; findings?: string; declarations?: number; has_violation?: boolean } & Partial<Record<AmountKey, number | null>>;

function ConclusionModal({ p, open, onClose, onDone }: { p: ProposalDetail; open: boolean; onClose(): void; onDone(c: Conclusion): void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<ConclusionForm>();
  const values = Form.useWatch([], form) as ConclusionForm | undefined;
  const sum = (keys: readonly AmountKey[]) => keys.reduce((s, k) => s + (Number(values?.[k]) || 0), 0);
  const taxTotal = sum(TAX_KEYS);
  const total = taxTotal + sum(['late_interest', 'penalty']);
  const original = p.decisions.find((d) => d.kind === 'ORIGINAL');
  const { busy, submit } = useFormSubmit(form, async (v: ConclusionForm) => {
    const amounts: Partial<Record<AmountKey, number>> = {};
    for (const k of AMOUNT_KEYS) if (v[k]) amounts[k] = Number(v[k]);
    const c = await audit.addConclusion(p.id, {
      number: v.number.trim(),
      signed_on: v.signed_on.format(DAY),
      findings: v.findings?.trim() || undefined,
      declarations: v.declarations ?? undefined,
      has_violation: v.has_violation,
      amounts,
    });
    onDone(c);
  }, Object.fromEntries(AMOUNT_KEYS.map((k) => [`amounts.${k}`, k])));
  const money = (k: AmountKey) => (
    <GridItem md={8} key={k} name={k} label={t(`audit.amount.${k}` as DictKey)}>
      <MoneyInput id={`con_${k}`} />
    </GridItem>
  );
  return (
    <Modal open={open} width={900} title={t('audit.con.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')}
      cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'conclusion-ok' } as Record<string, string>}
      styles={{ body: { maxHeight: '72vh', overflowY: 'auto', paddingRight: 8 } }}>
      <Form<ConclusionForm> form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={{ signed_on: dayjs(), has_violation: undefined }}>
        <Row gutter={12}>
          <GridItem sm={8} name="number" label={t('audit.con.number')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('audit.con.number').toLowerCase() }) }, { max: 100 }]}>
            <Input id="con_number" placeholder="88/KL-…" />
          </GridItem>
          <GridItem sm={8} name="signed_on" label={t('audit.con.signedOn')} extra={t('audit.con.signedHint')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('audit.con.signedOn').toLowerCase() }) }]}>
            <DatePicker id="con_signed_on" style={{ width: '100%' }} format={DATE_FMT}
              disabledDate={(d) => d.isAfter(dayjs(), 'day') || (!!original && d.isBefore(dayjs(original.signed_on), 'day'))} />
          </GridItem>
          <GridItem sm={8} name="declarations" label={t('audit.con.declarations')}>
            <InputNumber<number> id="con_declarations" min={0} precision={0} style={{ width: '100%' }} />
          </GridItem>
          <GridItem sm={24} name="findings" label={t('audit.con.findings')}>
            <Input.TextArea id="con_findings" rows={3} maxLength={20000} />
          </GridItem>
          <GridItem sm={24} name="has_violation" valuePropName="checked" extra={t('audit.con.violationHint')}>
            <Checkbox id="con_has_violation">{t('audit.con.hasViolation')}</Checkbox>
          </GridItem>
        </Row>
        <Typography.Title level={5}>{t('audit.con.taxes')}</Typography.Title>
        <Row gutter={12}>{TAX_KEYS.map(money)}</Row>
        <Row gutter={12}>{(['late_interest', 'penalty', 'collected'] as AmountKey[]).map(money)}</Row>
        <Descriptions size="small" bordered column={{ xs: 1, sm: 3 }}
          items={[
            { key: 'tt', label: t('audit.con.taxTotal'), children: <span data-testid="con-tax-total">{fmtMoney(taxTotal, lang)}</span> },
            { key: 't', label: t('audit.con.total'), children: <Typography.Text strong data-testid="con-total">{fmtMoney(total, lang)}</Typography.Text> },
            { key: 'o', label: t('audit.amount.outstanding'), children: fmtMoney(total - (Number(values?.collected) || 0), lang) },
          ]}
        />
      </Form>
    </Modal>
  );
}

function AmountsTable({ c }: { c: Conclusion }) {
  const { t, lang } = useI18n();
  const rows: Array<{ key: string; label: string; value: number; strong?: boolean }> = [
    ...TAX_KEYS.map((k) => ({ key: k, label: t(`audit.amount.${k}` as DictKey), value: c.amounts[k] })),
    { key: 'tax_total', label: t('audit.con.taxTotal'), value: c.amounts.tax_total, strong: true },
    { key: 'late_interest', label: t('audit.amount.late_interest'), value: c.amounts.late_interest },
    { key: 'penalty', label: t('audit.amount.penalty'), value: c.amounts.penalty },
    { key: 'total', label: t('audit.con.total'), value: c.amounts.total, strong: true },
    { key: 'collected', label: t('audit.amount.collected'), value: c.amounts.collected },
    { key: 'outstanding', label: t('audit.amount.outstanding'), value: c.amounts.outstanding, strong: true },
  ];
  return (
    <Table size="small" pagination={false} rowKey="key" dataSource={rows} showHeader={false} data-testid="conclusion-amounts"
      rowClassName={(r) => (r.strong ? 'hq-audit-strong' : '')}
      columns={[
        { dataIndex: 'label', key: 'label' },
        { dataIndex: 'value', key: 'value', align: 'right', render: (v: number, r) => <span data-amount={r.key}>{fmtMoney(v, lang)}</span> },
      ]}
    />
  );
}

// ---- penalties, complaints ----

function PenaltyModal({ p, open, onClose, onDone }: { p: ProposalDetail; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ number: string; signed_on: Dayjs; violation?: string; amount: number }>();
  const { busy, submit } = useFormSubmit(form, async (v) => {
    await audit.addPenalty(p.id, { number: v.number.trim(), signed_on: v.signed_on.format(DAY), violation: v.violation?.trim(), amount: v.amount });
    onDone();
  });
  return (
    <Modal open={open} title={t('audit.pen.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ signed_on: dayjs() }}
        onFinish={submit}>
        <Form.Item name="number" label={t('audit.pen.number')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('audit.pen.number').toLowerCase() }) }]}>
          <Input id="pen_number" />
        </Form.Item>
        <Form.Item name="signed_on" label={t('audit.pen.signedOn')} rules={[{ required: true }]}>
          <DatePicker id="pen_signed_on" style={{ width: '100%' }} format={DATE_FMT} />
        </Form.Item>
        <Form.Item name="violation" label={t('audit.pen.violation')}>
          <Input.TextArea id="pen_violation" rows={2} maxLength={4000} />
        </Form.Item>
        <Form.Item name="amount" label={t('audit.pen.amount')} rules={[{ required: true, message: t('common.required', { field: t('audit.pen.amount').toLowerCase() }) }]}>
          <MoneyInput id="pen_amount" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ComplaintModal({ p, deciding, open, onClose, onDone }: { p: ProposalDetail; deciding: Complaint | null; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ date: Dayjs; text: string }>();
  const { busy, submit } = useFormSubmit(form, async (v) => {
    if (deciding) await audit.decideComplaint(deciding.id, v.date.format(DAY), v.text.trim());
    else await audit.addComplaint(p.id, { filed_on: v.date.format(DAY), content: v.text.trim() });
    onDone();
  }, { decided_on: 'date', filed_on: 'date', outcome: 'text', content: 'text' });
  return (
    <Modal open={open} title={deciding ? t('audit.cmp.decide') : t('audit.cmp.add')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      {deciding && <Typography.Paragraph type="secondary">{deciding.content}</Typography.Paragraph>}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ date: dayjs() }}
        onFinish={submit}>
        <Form.Item name="date" label={deciding ? t('audit.cmp.decidedOn') : t('audit.cmp.filedOn')} rules={[{ required: true }]}>
          <DatePicker id="cmp_date" style={{ width: '100%' }} format={DATE_FMT} />
        </Form.Item>
        <Form.Item name="text" label={deciding ? t('audit.cmp.outcome') : t('audit.cmp.content')} rules={[{ required: true, whitespace: true, message: t('audit.required') }]}>
          <Input.TextArea id="cmp_text" rows={3} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- page ----

export default function ProposalPage() {
  const { id = '' } = useParams();
  const pid = Number(id);
  const { t, tk, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const rights = useAuditRights();
  const runAction = useRuleAction();
  const { data: p, error, loading } = useApiQuery(['audit', 'proposal', pid], () => audit.proposal(pid));
  const [prompt, setPrompt] = useState<ReasonPrompt | null>(null);
  const [modal, setModal] = useState<'decision' | 'conclusion' | 'penalty' | 'complaint' | null>(null);
  const [deciding, setDeciding] = useState<Complaint | null>(null);

  if (error)
    return isApiError(error) && error.status === 404 ? (
      <Result status="404" title={errorMessage(error)} extra={<Button onClick={() => navigate('/audit/proposals')}>{t('audit.proposals.title')}</Button>} />
    ) : (
      <Alert type="error" showIcon title={errorMessage(error)} />
    );
  if (!p) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const own = p.proposed_by === rights.me?.username;
  const actions = allowedActions(p.status, rights.leader, own);
  const cancelled = p.decisions.some((d) => d.kind === 'CANCELLATION');
  const canRecord = p.status === 'APPROVED';
  const act = (a: ProposalAction) =>
    setPrompt(
      actionPrompt(t, a, p.number, async (reason) => {
        const r = await audit.actOnProposal(p.id, a, reason);
        message.success(t('audit.prop.statusNow', { number: p.number, status: tk(`audit.status.${r.status}`, r.status) }));
      }),
    );
  const approveDecision = (d: Decision) =>
    runAction(async () => {
      await audit.approveDecision(p.id, d.id);
      return t('audit.dec.approved', { number: d.number });
    });
  const approveConclusion = () =>
    runAction(async () => {
      await audit.approveConclusion(p.id);
      return t('audit.con.approved');
    });
  const closeModal = () => {
    setModal(null);
    setDeciding(null);
  };

  return (
    <Spin spinning={loading}>
      <PageHeader
        title={<span data-testid="proposal-title">{t('audit.prop.title', { number: p.number })}</span>}
        subtitle={
          <Space wrap size={4}>
            <StatusTag status={p.status} />
            <LateEntryTag p={p} />
            <PlaceTag place={p.place} />
            <Tag color="blue">{p.unit_code}</Tag>
            <span>{p.unit_name}</span>
          </Space>
        }
        extra={
          <>
            <HistoryDrawer entityType="audit_proposal" entityId={String(p.id)} />
            <PrintButton to={`/audit/print/proposal/${p.id}`} data-testid="print-proposal" />
            {p.conclusion && <PrintButton to={`/audit/print/conclusion/${p.id}`} label={t('audit.record.conclusions')} data-testid="print-conclusion" />}
            {actions.map((a) => (
              <Button key={a} icon={ACTION_ICONS[a]} type={a === 'approve' ? 'primary' : 'default'} danger={a === 'reject' || a === 'cancel'}
                onClick={() => act(a)} data-testid={`proposal-${a}`}>
                {t(`audit.action.${a}` as DictKey)}
              </Button>
            ))}
          </>
        }
      />
      <DuplicatesAlert duplicates={p.duplicates} />
      {p.reason && (p.status === 'REJECTED' || p.status === 'PAUSED' || p.status === 'CANCELLED') && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('audit.reason')} description={p.reason} />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('audit.prop.info')} style={{ height: '100%' }}>
            <Descriptions size="small" column={1}
              items={[
                { key: 'e', label: t('audit.enterprise'), children: <span><Link to={`/audit/enterprises/${encodeURIComponent(p.tax_code)}`}>{p.tax_code}</Link> — {p.enterprise_name}</span> },
                { key: 'g', label: t('audit.prop.grounds'), children: groundsLabel(tk, p.grounds) },
                { key: 'pe', label: t('audit.prop.period'), children: `${fmtDate(p.period_from, lang)} – ${fmtDate(p.period_to, lang)}` },
                { key: 'by', label: t('audit.prop.proposedBy'), children: `${p.proposed_by} · ${fmtDateTime(p.submitted_at ?? p.created_at, lang)}` },
                { key: 'dec', label: t('audit.prop.decidedBy'), children: p.decided_by ? `${p.decided_by} · ${fmtDateTime(p.approved_at ?? p.rejected_at, lang)}` : '—' },
                { key: 'end', label: t('audit.prop.auditEnd'), children: p.audit_end_on ? <Typography.Text strong>{fmtDate(p.audit_end_on, lang)}</Typography.Text> : '—' },
                { key: 'src', label: t('audit.source'), children: <Tag>{p.source}</Tag> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small" style={{ height: '100%' }} title={t('audit.record.decisions')}
            extra={canRecord && !p.conclusion && !cancelled && (
              <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => setModal('decision')} data-testid="decision-add">{t('audit.dec.add')}</Button>
            )}>
            {!canRecord && p.decisions.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.dec.needsApproval')} />
            ) : (
              <Table<Decision> size="small" rowKey="id" pagination={false} dataSource={p.decisions} scroll={{ x: 'max-content' }} data-testid="decisions"
                columns={[
                  { title: t('audit.dec.kind'), dataIndex: 'kind', render: (k: string) => <Tag color={k === 'CANCELLATION' ? 'red' : k === 'ORIGINAL' ? 'blue' : 'default'}>{tk(`audit.decKind.${k}`, k)}</Tag> },
                  { title: t('audit.dec.number'), dataIndex: 'number', render: (v: string, d) => <Tooltip title={[d.signer, d.team].filter(Boolean).join(' · ')}>{v}</Tooltip> },
                  { title: t('audit.dec.signedOn'), dataIndex: 'signed_on', render: (v: string) => <DateCell value={v} /> },
                  {
                    title: t('audit.dec.duration'),
                    key: 'duration',
                    render: (_, d) =>
                      d.kind === 'CANCELLATION' ? '—' : (
                        <Tooltip title={t('audit.dec.days', { n: d.working_days })}>
                          <span style={{ whiteSpace: 'nowrap' }}>
                            <DateCell value={d.start_on} /> → <Typography.Text strong><DateCell value={d.end_on} /></Typography.Text>
                          </span>
                        </Tooltip>
                      ),
                  },
                  {
                    title: t('audit.dec.entry'),
                    dataIndex: 'late',
                    render: (late: boolean, d) => (
                      <Tooltip title={t('audit.dec.dueOn', { date: fmtDate(d.due_on, lang) })}>
                        {late ? <Tag color="red" data-testid="decision-late">{t('audit.late')}</Tag> : <Tag color="green">{t('audit.onTime')}</Tag>}
                      </Tooltip>
                    ),
                  },
                  {
                    key: 'print',
                    render: (_: unknown, d) => <PrintButton size="small" type="text" label="" aria-label={t('audit.print.button')} to={`/audit/print/decision/${p.id}?decision=${d.id}`} />,
                  },
                  {
                    title: t('audit.dec.status'),
                    dataIndex: 'status',
                    render: (status: string, d) =>
                      status === 'ENTERED' && rights.leader && d.entered_by !== rights.me?.username ? (
                        <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => approveDecision(d)} data-testid="decision-approve">
                          {t('audit.dec.approve')}
                        </Button>
                      ) : (
                        <Tooltip title={d.approved_by ? t('audit.dec.approvedBy', { who: d.approved_by }) : status === 'ENTERED' && d.entered_by === rights.me?.username ? t('audit.dec.ownWork') : undefined}>
                          <span data-testid="decision-status"><StatusTag status={status} /></span>
                        </Tooltip>
                      ),
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('audit.record.conclusions')}
            extra={
              p.conclusion ? (
                p.conclusion.status !== 'APPROVED' && rights.leader && p.conclusion.entered_by !== rights.me?.username && (
                  <Button size="small" type="primary" icon={<CheckOutlined />} onClick={approveConclusion} data-testid="conclusion-approve">{t('audit.con.approve')}</Button>
                )
              ) : (
                canRecord && p.decisions.some((d) => d.kind === 'ORIGINAL') && !cancelled && (
                  <Button size="small" type="primary" icon={<FileAddOutlined />} onClick={() => setModal('conclusion')} data-testid="conclusion-add">{t('audit.con.add')}</Button>
                )
              )
            }>
            {p.conclusion ? (
              <div data-testid="conclusion">
                <Descriptions size="small" column={{ xs: 1, sm: 2 }} style={{ marginBottom: 8 }}
                  items={[
                    { key: 'n', label: t('audit.con.number'), children: <Typography.Text strong>{p.conclusion.number}</Typography.Text> },
                    { key: 's', label: t('audit.con.signedOn'), children: <DateCell value={p.conclusion.signed_on} /> },
                    { key: 'st', label: t('audit.status'), children: <StatusTag status={p.conclusion.status} /> },
                    { key: 'l', label: t('audit.dec.entry'), children: p.conclusion.late ? <Tag color="red">{t('audit.late')}</Tag> : <Tag color="green">{t('audit.onTime')}</Tag> },
                    { key: 'd', label: t('audit.con.declarations'), children: p.conclusion.declarations },
                    { key: 'v', label: t('audit.con.hasViolation'), children: p.conclusion.has_violation ? t('common.yes') : t('common.no') },
                    { key: 'f', label: t('audit.con.findings'), span: 2, children: p.conclusion.findings || '—' },
                  ]}
                />
                <AmountsTable c={p.conclusion} />
              </div>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.con.none')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          {p.conclusion && (
            <PaymentsCard proposalId={p.id} concludedOn={p.conclusion.signed_on} approved={p.conclusion.status === 'APPROVED'} canRecord={canRecord} />
          )}
          <Card size="small" title={t('audit.record.penalties')} style={{ marginBottom: 12 }}
            extra={p.conclusion && <Button size="small" icon={<PlusOutlined />} onClick={() => setModal('penalty')}>{t('audit.pen.add')}</Button>}>
            <Table<Penalty> size="small" rowKey="id" pagination={false} dataSource={p.penalties} scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('audit.pen.none') }}
              columns={[
                { title: t('audit.pen.number'), dataIndex: 'number' },
                { title: t('audit.pen.signedOn'), dataIndex: 'signed_on', render: (v: string) => <DateCell value={v} /> },
                { title: t('audit.pen.violation'), dataIndex: 'violation' },
                { title: t('audit.pen.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => fmtMoney(v, lang) },
              ]}
            />
          </Card>
          <Card size="small" title={t('audit.record.complaints')}
            extra={p.conclusion && <Button size="small" icon={<PlusOutlined />} onClick={() => setModal('complaint')}>{t('audit.cmp.add')}</Button>}>
            <Table<Complaint> size="small" rowKey="id" pagination={false} dataSource={p.complaints} scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('audit.cmp.none') }}
              columns={[
                { title: t('audit.cmp.filedOn'), dataIndex: 'filed_on', render: (v: string) => <DateCell value={v} /> },
                { title: t('audit.cmp.content'), dataIndex: 'content' },
                { title: t('audit.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
                {
                  title: t('audit.cmp.outcome'),
                  key: 'o',
                  render: (_, c) =>
                    c.status === 'DECIDED' ? (
                      <span><DateCell value={c.decided_on} />: {c.outcome}</span>
                    ) : (
                      <Button size="small" onClick={() => { setDeciding(c); setModal('complaint'); }}>{t('audit.cmp.decide')}</Button>
                    ),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <ReasonModal prompt={prompt} onClose={() => setPrompt(null)} />
      <DecisionModal p={p} open={modal === 'decision'} onClose={() => closeModal()}
        onDone={(d) => {
          message[d.late ? 'warning' : 'success'](d.late ? t('audit.dec.savedLate', { end: fmtDate(d.end_on, lang), due: fmtDate(d.due_on, lang) }) : t('audit.dec.saved', { end: fmtDate(d.end_on, lang) }));
          closeModal();
        }} />
      <ConclusionModal p={p} open={modal === 'conclusion'} onClose={() => closeModal()} onDone={() => { message.success(t('audit.con.saved')); closeModal(); }} />
      <PenaltyModal p={p} open={modal === 'penalty'} onClose={() => closeModal()} onDone={() => closeModal()} />
      <ComplaintModal p={p} deciding={deciding} open={modal === 'complaint'} onClose={() => closeModal()} onDone={() => closeModal()} />
    </Spin>
  );
}
