// One dossier: its data, documents (signature status each), timeline; the applicant supplements and downloads
// the result, officers act on it with the contract's actions (each via a FormModal where input is needed).
import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Progress, Select, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { ACTIONS, eservices, type Action, type Dossier, type DossierDocument } from '../../api/eservices';
import { saveBlob } from '../../utils/files';
import { hasAnyRole, useAuth } from '../../auth/AuthContext';
import { ESERVICES_STAFF_ROLES } from '../../auth/roles';
import { FormModal } from '../../components/FormModal';
import { StatusTag } from '../../components/Status';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { DocumentInputs, readDocuments, type Picked } from './DocumentInputs';
import { DossierStatus, LoadError, RemainingTag } from './common';

/** The step its author may still recall (the server decides: the last step, nobody acted since, same author). */
const RECALLABLE = ['assign', 'propose', 'propose-refusal', 'approve'];
function recallable(d: Dossier, username: string | undefined): string | null {
  const last = d.timeline?.[d.timeline.length - 1];
  if (!last || !username || last.username !== username || last.to_status !== d.status || !RECALLABLE.includes(last.action)) return null;
  if (last.action === 'approve' && !(last.from_status === 'PENDING_DEPT' && last.to_status === 'PENDING_UNIT')) return null;
  return last.action;
}

/** Which officer actions make sense in a status (the server decides; this only hides the obviously wrong). */
const ACTIONS_BY_STATUS: Partial<Record<Dossier['status'], Action[]>> = {
  RECEIVED: ['claim', 'assign', 'request-supplement', 'refuse'],
  PROCESSING: ['assign', 'request-supplement', 'refuse', 'propose-refusal', 'propose', 'dispatch'],
  PENDING_DEPT: ['approve', 'return', 'assign'],
  PENDING_UNIT: ['approve', 'return', 'assign'],
  APPROVED: ['fee-notice', 'issue-result', 'dispatch'],
  FEE_DUE: ['record-payment'],
  PAID: ['issue-result', 'dispatch'],
};

interface ActionForm {
  to?: string;
  missing?: string[];
  note?: string;
  reason?: string;
  comment?: string;
  amount?: number;
  receipt_no?: string;
  letter?: string;
  method?: 'POST' | 'COUNTER';
  reference?: string;
}

function run(d: Dossier, action: Action, v: ActionForm): Promise<unknown> {
  switch (action) {
    case 'claim': return eservices.claim(d.id);
    case 'assign': return eservices.assign(d.id, v.to!.trim());
    case 'request-supplement': return eservices.requestSupplement(d.id, v.missing ?? [], v.note?.trim() || undefined);
    case 'refuse': return eservices.refuse(d.id, v.reason!.trim());
    case 'propose': return eservices.propose(d.id, v.comment?.trim() || undefined);
    case 'approve': return eservices.approve(d.id, v.comment?.trim() || undefined);
    case 'return': return eservices.return(d.id, v.reason!.trim());
    case 'fee-notice': return eservices.feeNotice(d.id, v.amount ?? 0);
    case 'record-payment': return eservices.recordPayment(d.id, v.receipt_no!.trim());
    case 'issue-result': return eservices.issueResult(d.id);
    case 'propose-refusal': return eservices.proposeRefusal(d.id, v.reason!.trim(), v.letter!.trim());
    case 'recall': return eservices.recall(d.id, v.comment?.trim() || undefined);
    case 'dispatch': return eservices.dispatch(d.id, { method: v.method ?? 'POST', reference: v.reference!.trim(), note: v.note?.trim() || undefined });
  }
}

function ActionModal({ d, action, recalled, onClose }: { d: Dossier; action: Action | null; recalled: string | null; onClose(): void }) {
  const { t, te } = useI18n();
  const { message } = App.useApp();
  const required = (key: Parameters<typeof t>[0]) => [{ required: true, whitespace: true, message: t('common.required', { field: t(key).toLowerCase() }) }];
  const names = Array.from(new Set((d.documents ?? []).map((x) => x.name)));
  return (
    <FormModal<ActionForm>
      open={!!action}
      title={action ? `${te('es.action', action)} — ${d.number}` : ''}
      okText={action ? te('es.action', action) : undefined}
      danger={action === 'refuse' || action === 'return' || action === 'recall'}
      onClose={onClose}
      initialValues={{ amount: d.fee, method: 'POST', letter: t('es.letterTemplate', { number: d.number, applicant: d.applicant?.name ?? '' }) }}
      okTestId="action-ok"
      onSubmit={async (v) => {
        if (!action) return;
        await run(d, action, v);
        message.success(t('es.done', { action: te('es.action', action) }));
        onClose();
      }}
    >
      {action === 'claim' && <Typography.Paragraph>{t('es.confirmClaim', { number: d.number })}</Typography.Paragraph>}
      {action === 'issue-result' && <Typography.Paragraph>{te('es.action', action)}: {d.number}</Typography.Paragraph>}
      {action === 'assign' && <Form.Item name="to" label={t('es.assignTo')} rules={required('es.assignTo')}><Input autoComplete="off" /></Form.Item>}
      {action === 'request-supplement' && (
        <>
          <Form.Item name="missing" label={t('es.missing')} rules={[{ required: true, type: 'array', min: 1, message: t('common.requiredSelect', { field: t('es.missing').toLowerCase() }) }]}>
            <Select mode="tags" options={names.map((n) => ({ value: n, label: n }))} />
          </Form.Item>
          <Form.Item name="note" label={t('es.note')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        </>
      )}
      {action === 'propose-refusal' && (
        <>
          <Form.Item name="reason" label={t('es.reason')} rules={required('es.reason')}><Input.TextArea rows={2} maxLength={4000} /></Form.Item>
          <Form.Item name="letter" label={t('es.letter')} rules={required('es.letter')}><Input.TextArea rows={10} maxLength={20000} /></Form.Item>
        </>
      )}
      {action === 'dispatch' && (
        <>
          <Form.Item name="method" label={t('es.dispatchMethod')}>
            <Select options={(['POST', 'COUNTER'] as const).map((m) => ({ value: m, label: t(`es.dispatchMethod.${m}`) }))} />
          </Form.Item>
          <Form.Item name="reference" label={t('es.dispatchReference')} rules={required('es.dispatchReference')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="note" label={t('es.note')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        </>
      )}
      {(action === 'refuse' || action === 'return') && (
        <Form.Item name="reason" label={t('es.reason')} rules={required('es.reason')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      )}
      {action === 'recall' && <Typography.Paragraph>{t('es.recallHint', { step: recalled ? te('es.action', recalled as Action) : '' })}</Typography.Paragraph>}
      {(action === 'propose' || action === 'approve' || action === 'recall') && (
        <Form.Item name="comment" label={t('es.comment')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
      )}
      {action === 'fee-notice' && (
        <Form.Item name="amount" label={t('es.amount')} rules={[{ required: true, message: t('common.required', { field: t('es.amount').toLowerCase() }) }]}>
          <InputNumber min={0} step={1000} style={{ width: '100%' }} />
        </Form.Item>
      )}
      {action === 'record-payment' && <Form.Item name="receipt_no" label={t('es.receipt')} rules={required('es.receipt')}><Input /></Form.Item>}
    </FormModal>
  );
}

function saveBase64(name: string, base64: string, type = 'application/octet-stream') {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  saveBlob(name, new Blob([bytes], { type }));
}

function Supplement({ d }: { d: Dossier }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const names = d.missing ?? [];
  const [picked, setPicked] = useState<Record<string, Picked>>({});
  const [note, setNote] = useState('');
  const [progress, setProgress] = useState<number>();
  const [error, setError] = useState<string>();
  const send = async () => {
    setError(undefined);
    const { documents, missing } = await readDocuments(names, picked);
    if (missing.length) return setError(t('es.missingFile', { name: missing.join('; ') }));
    setProgress(0);
    try {
      await eservices.supplement(d.id, documents, note.trim() || undefined, (s) => setProgress(Math.round(s * 100)));
      message.success(t('es.done', { action: t('es.supplement') }));
      setPicked({});
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setProgress(undefined);
    }
  };
  return (
    <Card title={t('es.supplement')} size="small" style={{ marginBottom: 16 }}>
      <DocumentInputs names={names} value={picked} onChange={setPicked} />
      <Input.TextArea rows={2} placeholder={t('es.note')} value={note} onChange={(e) => setNote(e.target.value)} style={{ margin: '12px 0' }} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {progress !== undefined && <Progress percent={progress} status="active" />}
      <Button type="primary" onClick={() => void send()} loading={progress !== undefined}>{t('es.supplement')}</Button>
    </Card>
  );
}

/** Refusal letters (art. 9.1.a): drafts and withdrawn ones for the office, issued ones for everybody; printable. */
function Letters({ id }: { id: number }) {
  const { t, lang } = useI18n();
  const q = useApiQuery(['eservices', 'letters', id], () => eservices.letters(id));
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card title={t('es.letters')} size="small" style={{ marginBottom: 16 }} data-testid="letters">
      {items.map((l) => (
        <div key={l.id} style={{ marginBottom: 12 }}>
          <Space wrap>
            <b>{l.number ?? t('es.letterDraft')}</b>
            <StatusTag status={l.status} label={t(`es.letterStatus.${l.status}`)} />
            <span>{fmtDateTime(l.decided_at ?? l.drafted_at, lang)}</span>
            {l.status === 'ISSUED' && <Link to={`/eservices/print/letters/${id}/${l.id}`} target="_blank">{t('es.print')}</Link>}
          </Space>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }}>{l.body}</Typography.Paragraph>
        </div>
      ))}
    </Card>
  );
}

export default function DossierPage() {
  const { id: idText = '' } = useParams();
  const id = Number(idText);
  const { me } = useAuth();
  const { t, te, tk, lang } = useI18n();
  const { message } = App.useApp();
  const staff = hasAnyRole(me, ESERVICES_STAFF_ROLES);
  const [action, setAction] = useState<Action | null>(null);
  const q = useApiQuery(['eservices', 'dossier', id], () => eservices.dossier(id));
  const d = q.data;
  const downloadResult = async () => {
    try {
      const r = await eservices.result(id);
      saveBase64(`${r.result_number}.txt`, r.content_base64);
      saveBase64(`${r.result_number}.p7s`, r.signature_base64, 'application/pkcs7-signature');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  const docColumns = [
    { title: t('es.file'), dataIndex: 'name', render: (n: string, doc: DossierDocument) => (
      <a onClick={() => void eservices.downloadDocument(id, doc.id, n).catch((e) => message.error(errorMessage(e)))}>{n}</a>
    ) },
    { title: t('es.round'), dataIndex: 'round', width: 90 },
    { title: t('es.signature'), key: 'sig', render: (_: unknown, doc: DossierDocument) =>
      !doc.signature ? <Tag>{t('es.signature.none')}</Tag>
        : doc.signature.valid ? <Tag color="green">{t('es.signature.valid')} {doc.signature.signer_tax_code}</Tag>
        : <Tag color="red">{t('es.signature.invalid')}</Tag> },
    { title: t('es.size'), dataIndex: 'size', responsive: ['md' as const] },
  ];
  const recalled = d && staff ? recallable(d, me?.username) : null;
  const actions = d && staff ? [...(ACTIONS_BY_STATUS[d.status] ?? []).filter((a) => ACTIONS.includes(a)), ...(recalled ? (['recall'] as const) : [])] : [];
  return (
    <>
      <PageHeader
        title={d ? `${t('menu.eservices.dossier')} ${d.number}` : t('menu.eservices.dossier')}
        subtitle={d && <Space wrap><DossierStatus status={d.status} /><RemainingTag d={d} /></Space>}
        extra={
          d && (
            <Space wrap>
              {actions.map((a) => (
                <Button key={a} danger={a === 'refuse'} type={a === 'approve' || a === 'claim' ? 'primary' : 'default'} onClick={() => setAction(a)} data-testid={`action-${a}`}>
                  {te('es.action', a)}
                </Button>
              ))}
              {d.result_number && <Button icon={<DownloadOutlined />} onClick={() => void downloadResult()}>{t('es.result')}</Button>}
            </Space>
          )
        }
      />
      <LoadError error={q.error} />
      {q.loading && <Spin />}
      {d && (
        <>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 1, md: 2 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('es.procedure')}>{d.procedure_code} — {d.procedure_name}</Descriptions.Item>
            <Descriptions.Item label={t('es.unit')}>{d.unit_code} {d.unit_name}</Descriptions.Item>
            <Descriptions.Item label={t('es.applicant')}>{d.applicant?.name} ({d.applicant?.username})</Descriptions.Item>
            <Descriptions.Item label={t('es.assignee')}>{d.assignee ?? t('common.none')}</Descriptions.Item>
            <Descriptions.Item label={t('es.receivedAt')}>{fmtDateTime(d.received_at, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('es.dueAt')}>{fmtDateTime(d.due_at, lang)}</Descriptions.Item>
            {d.fee != null && <Descriptions.Item label={t('es.fee')}>{d.fee.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US')}</Descriptions.Item>}
            {d.receipt_no && <Descriptions.Item label={t('es.receipt')}>{d.receipt_no}</Descriptions.Item>}
            {d.result_number && <Descriptions.Item label={t('es.resultNumber')}>{d.result_number}</Descriptions.Item>}
            {!!d.missing?.length && <Descriptions.Item label={t('es.missing')}>{d.missing.join('; ')}</Descriptions.Item>}
          </Descriptions>
          {!staff && d.status === 'SUPPLEMENT_REQUESTED' && <Supplement d={d} />}
          {!staff && d.status === 'FEE_DUE' && (
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('es.feeDue', { amount: (d.fee ?? 0).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-US') })}
              action={<Link to={`/eservices/dossiers/${d.id}/payment`} data-testid="to-payment">{t('es.payment')}</Link>} />
          )}
          <Letters id={d.id} />
          <Card title={t('es.documents')} size="small" style={{ marginBottom: 16 }}>
            <Table<DossierDocument> rowKey="id" size="small" pagination={false} dataSource={d.documents} columns={docColumns} scroll={{ x: true }} />
          </Card>
          <Card title={t('es.timeline')} size="small">
            <Timeline
              items={(d.timeline ?? []).map((s) => ({
                key: `${s.at}-${s.action}`,
                children: (
                  <>
                    <b>{fmtDateTime(s.at, lang)}</b> · {s.username} · {tk(`es.action.${s.action}`, s.action)}
                    {s.to_status && <> → <DossierStatus status={s.to_status as Dossier['status']} /></>}
                    {s.comment && <div>{s.comment}</div>}
                  </>
                ),
              }))}
            />
          </Card>
          <ActionModal d={d} action={action} recalled={recalled} onClose={() => setAction(null)} />
        </>
      )}
    </>
  );
}
