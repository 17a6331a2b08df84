// Information collection (thu thập thông tin): propose (signs, risk areas) with duplicates shown at once, the
// leader's approve / reject / pause / resume / cancel, results per risk area, approval of the results, deadlines.
import { useEffect, useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, Descriptions, Drawer, Empty, Form, Input, Modal, Result, Space, Spin, Switch, Table, Tag, Typography, type TableColumnsType,
} from 'antd';
import { CheckOutlined, ClockCircleOutlined, EditOutlined, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { audit, type Collection, type CollectionAction, type CollectionResult, type CollectionWithDuplicates, type ItemListParams, type RiskArea, type SearchResult } from '../../api/audit';
import { errorMessage } from '../../api/errors';
import { useApiQuery } from '../../hooks/query';
import { useI18n, type DictKey } from '../../i18n';
import { useServerTable } from '../../hooks/useServerTable';
import { Page } from '../../components/PageHeader';
import { TableSearch } from '../../components/TableSearch';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { UnitFilter } from '../../components/UnitTreeSelect';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { fmtDate, fmtDateTime, vietnamToday } from '../../utils/format';
import { DateTimeCell, DuplicateCountTag, DuplicatesAlert, EnterpriseSelect, enterpriseColumn, unitColumn, ReasonModal, SourceTag, StatusTag, statusColumn, useAuditReference, useAuditRights, type ReasonPrompt } from './common';
import { actionPrompt } from './ProposalPage';
import { StatusSelect } from '../../components/Status';
import { ListExportButton } from './ListExportButton';
import { CollectionLetter, ReturnResultsButton, ReworkNotice } from './CollectionLetter';

const STATUSES = ['SUBMITTED', 'APPROVED', 'RESULT_SUBMITTED', 'COMPLETED', 'REJECTED', 'PAUSED', 'CANCELLED'];

function useRiskAreaOptions() {
  const ref = useAuditReference();
  const { tk } = useI18n();
  const codes = ref?.risk_areas.map((a) => a.code) ?? ['VALUATION', 'CLASSIFICATION', 'ORIGIN', 'PROCESSING', 'EXEMPTION_REFUND', 'LICENSING', 'OTHER'];
  return codes.map((c) => ({ value: c, label: tk(`audit.risk.${c}`, c) }));
}

// ---- propose ----

function ProposeModal({ open, initialTaxCode, onClose, onDone }: { open: boolean; initialTaxCode?: string; onClose(): void; onDone(c: CollectionWithDuplicates): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ tax_code: string; signs: string; risk_areas: RiskArea[] }>();
  const { busy, submit } = useFormSubmit(form, async (v) => {
    onDone(await audit.createCollection({ tax_code: v.tax_code, signs: v.signs.trim(), risk_areas: v.risk_areas }));
  });
  const [existing, setExisting] = useState<SearchResult | null>(null);
  const options = useRiskAreaOptions();
  const taxCode = Form.useWatch('tax_code', form);
  useEffect(() => {
    setExisting(null);
    if (!taxCode) return;
    let live = true;
    audit.search(taxCode).then((r) => live && setExisting(r), () => undefined);
    return () => {
      live = false;
    };
  }, [taxCode]);
  const open_ = [...(existing?.proposals ?? []), ...(existing?.collections ?? [])].filter((x) => ['SUBMITTED', 'APPROVED', 'PAUSED', 'RESULT_SUBMITTED', 'DRAFT'].includes(x.status));
  return (
    <Modal open={open} width={720} title={t('audit.col.create')} onCancel={onClose} onOk={() => form.submit()} okText={t('audit.col.send')} cancelText={t('common.cancel')}
      confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'collection-ok' } as Record<string, string>}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ tax_code: initialTaxCode, risk_areas: [] }}
        onFinish={submit}>
        <Form.Item name="tax_code" label={t('audit.enterprise')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('audit.enterprise').toLowerCase() }) }]}>
          <EnterpriseSelect id="col_tax_code" testId="col-enterprise" />
        </Form.Item>
        {open_.length > 0 && (
          <Alert type="warning" showIcon icon={<WarningOutlined />} style={{ marginBottom: 12 }} title={t('audit.col.existing', { n: open_.length })}
            description={open_.map((x) => (
              <div key={`${'place' in x ? 'p' : 'c'}${x.id}`}>
                <Tag color="blue">{x.unit_code}</Tag>{x.number} · <StatusTag status={x.status} />
              </div>
            ))} />
        )}
        <Form.Item name="signs" label={t('audit.col.signs')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('audit.col.signs').toLowerCase() }) }]}>
          <Input.TextArea id="col_signs" rows={4} maxLength={4000} showCount />
        </Form.Item>
        <Form.Item name="risk_areas" label={t('audit.col.riskAreas')} rules={[{ required: true, type: 'array', min: 1, message: t('audit.col.riskAreasRequired') }]}>
          <Checkbox.Group data-testid="col-risk-areas" options={options} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: 6 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

// ---- results ----

function ResultsModal({ c, open, onClose, onDone }: { c: Collection; open: boolean; onClose(): void; onDone(): void }) {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ results: CollectionResult[] }>();
  const { busy, submit } = useFormSubmit(form, async (v) => {
    await audit.recordResults(c.id, v.results.map((r) => ({ ...r, finding: r.finding.trim(), has_violation: !!r.has_violation })));
    message.success(t('audit.col.resultsSent'));
    onDone();
  });
  const initial = c.risk_areas.map((a) => c.results.find((r) => r.risk_area === a) ?? { risk_area: a, finding: '', has_violation: false });
  return (
    <Modal open={open} width={760} title={t('audit.col.recordResults', { number: c.number })} onCancel={onClose} onOk={() => form.submit()} okText={t('audit.col.sendResults')}
      cancelText={t('common.cancel')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ results: initial }}
        onFinish={submit}>
        <Form.List name="results">
          {(fields) =>
            fields.map((f, i) => (
              <Card key={f.key} size="small" style={{ marginBottom: 8 }} title={tk(`audit.risk.${initial[i].risk_area}`, initial[i].risk_area)}
                extra={
                  <Form.Item name={[f.name, 'has_violation']} valuePropName="checked" noStyle>
                    <Switch checkedChildren={t('audit.col.violation')} unCheckedChildren={t('audit.col.noViolation')} />
                  </Form.Item>
                }>
                <Form.Item name={[f.name, 'risk_area']} hidden><Input /></Form.Item>
                <Form.Item name={[f.name, 'finding']} style={{ marginBottom: 0 }} rules={[{ required: true, whitespace: true, message: t('audit.col.findingRequired') }]}>
                  <Input.TextArea rows={2} maxLength={8000} placeholder={t('audit.col.findingPlaceholder')} id={`col_finding_${i}`} />
                </Form.Item>
              </Card>
            ))
          }
        </Form.List>
      </Form>
    </Modal>
  );
}

// ---- detail ----

function collectionActions(status: string, leader: boolean, own: boolean): CollectionAction[] {
  const out: CollectionAction[] = [];
  // A leader never approves a collection they proposed themselves (rules.h is_own_work).
  if (leader && status === 'SUBMITTED') out.push(...(own ? [] : (['approve'] as CollectionAction[])), 'reject');
  if (leader && (status === 'SUBMITTED' || status === 'APPROVED')) out.push('pause');
  if (leader && status === 'PAUSED') out.push('resume');
  if ((leader && ['SUBMITTED', 'APPROVED', 'PAUSED'].includes(status)) || (own && status === 'SUBMITTED')) out.push('cancel');
  return out;
}

/** The due date of what the collection waits for (the server computes both on its working-day calendar). */
function dueDate(c: Collection | undefined): { label: DictKey; due: string } | null {
  if (c?.status === 'SUBMITTED') return { label: 'audit.col.dueApproval', due: c.approval_due_on };
  if (c?.status === 'RESULT_SUBMITTED' && c.results_due_on) return { label: 'audit.col.dueResults', due: c.results_due_on };
  return null;
}

function CollectionDrawer({ id, onClose }: { id: number | null; onClose(): void }) {
  const { t, tk, lang } = useI18n();
  const { message } = App.useApp();
  const rights = useAuditRights();
  const { data: c, error, loading } = useApiQuery(['audit', 'collection', id], () => audit.collection(id!), { enabled: id !== null });
  const [prompt, setPrompt] = useState<ReasonPrompt | null>(null);
  const [resultsOpen, setResultsOpen] = useState(false);
  const due = dueDate(c);
  const today = vietnamToday();
  const act = (a: CollectionAction) =>
    c &&
    setPrompt(
      actionPrompt(t, a, c.number, async (reason) => {
        const r = await audit.actOnCollection(c.id, a, reason);
        message.success(t('audit.prop.statusNow', { number: c.number, status: tk(`audit.status.${r.status}`, r.status) }));
      }),
    );
  const own = c?.proposed_by === rights.me?.username;
  return (
    <Drawer open={!!id} onClose={onClose} size={640} destroyOnHidden title={c ? t('audit.col.title', { number: c.number }) : t('common.loading')}
      extra={c && <HistoryDrawer entityType="audit_collection" entityId={String(c.id)} />}>
      {error ? (
        <Alert type="error" showIcon title={errorMessage(error)} />
      ) : !c ? (
        <Spin style={{ display: 'block', margin: '48px auto' }} />
      ) : (
        <Spin spinning={loading}>
          <Space wrap style={{ marginBottom: 12 }}>
            <StatusTag status={c.status} />
            <Tag color="blue">{c.unit_code}</Tag>
            {due && (
              <Tag icon={<ClockCircleOutlined />} color={due.due < today ? 'red' : due.due === today ? 'orange' : 'default'} data-testid="collection-due">
                {t(due.label, { date: fmtDate(due.due, lang) })}
              </Tag>
            )}
          </Space>
          <Descriptions size="small" bordered column={1} style={{ marginBottom: 12 }}
            items={[
              { key: 'e', label: t('audit.enterprise'), children: <span><Link to={`/audit/enterprises/${encodeURIComponent(c.tax_code)}`}>{c.tax_code}</Link> — {c.enterprise_name}</span> },
              { key: 's', label: t('audit.col.signs'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.signs}</span> },
              { key: 'r', label: t('audit.col.riskAreas'), children: c.risk_areas.map((a) => <Tag key={a}>{tk(`audit.risk.${a}`, a)}</Tag>) },
              { key: 'p', label: t('audit.prop.proposedBy'), children: `${c.proposed_by} · ${fmtDateTime(c.proposed_at, lang)}` },
              { key: 'a', label: t('audit.prop.decidedBy'), children: c.decided_by ? `${c.decided_by} · ${fmtDateTime(c.approved_at, lang)}` : '—' },
              ...(c.reason ? [{ key: 'why', label: t('audit.reason'), children: c.reason }] : []),
            ]}
          />
          <Space wrap style={{ marginBottom: 16 }}>
            {collectionActions(c.status, rights.leader, own).map((a) => (
              <Button key={a} type={a === 'approve' ? 'primary' : 'default'} danger={a === 'reject' || a === 'cancel'} onClick={() => act(a)} data-testid={`collection-${a}`}>
                {t(`audit.action.${a}` as DictKey)}
              </Button>
            ))}
            {c.status === 'APPROVED' && (
              <Button type="primary" icon={<EditOutlined />} onClick={() => setResultsOpen(true)} data-testid="collection-results">
                {t('audit.col.recordResultsButton')}
              </Button>
            )}
            {c.status === 'RESULT_SUBMITTED' && rights.leader && c.results_by !== rights.me?.username && (
              <Button type="primary" icon={<CheckOutlined />} data-testid="collection-approve-results"
                onClick={() => setPrompt({ title: t('audit.col.approveResultsTitle', { number: c.number }), okText: t('audit.col.approveResults'), reason: 'none', run: () => audit.approveResults(c.id) })}>
                {t('audit.col.approveResults')}
              </Button>
            )}
            <ReturnResultsButton c={c} />
          </Space>
          <ReworkNotice c={c} />
          {['APPROVED', 'RESULT_SUBMITTED', 'COMPLETED'].includes(c.status) && <CollectionLetter c={c} />}
          <Typography.Title level={5}>{t('audit.col.results')}</Typography.Title>
          {c.results.length ? (
            <Table<CollectionResult> size="small" rowKey="risk_area" pagination={false} dataSource={c.results}
              columns={[
                { title: t('audit.col.riskArea'), dataIndex: 'risk_area', render: (a: string) => tk(`audit.risk.${a}`, a) },
                { title: t('audit.col.finding'), dataIndex: 'finding' },
                { title: t('audit.col.violation'), dataIndex: 'has_violation', render: (v: boolean) => (v ? <Tag color="red">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>) },
              ]}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.col.noResults')} />
          )}
          {c.result_approved_at && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('audit.col.resultsApprovedAt', { time: fmtDateTime(c.result_approved_at, lang) })}
            </Typography.Paragraph>
          )}
          <ReasonModal prompt={prompt} onClose={() => setPrompt(null)} />
          <ResultsModal c={c} open={resultsOpen} onClose={() => setResultsOpen(false)} onDone={() => setResultsOpen(false)} />
        </Spin>
      )}
    </Drawer>
  );
}

export default function CollectionsPage() {
  const { t, tk } = useI18n();
  const [search, setSearch] = useSearchParams();
  const table = useServerTable<Collection>(['audit', 'collections'], (p) => {
    const q = { ...p } as Record<string, unknown>;
    delete q.open;
    delete q.new;
    return audit.collections(q as ItemListParams);
  });
  const { params, sortOrderFor } = table;
  const [proposeOpen, setProposeOpen] = useState(!!search.get('new'));
  const [initialTax] = useState(search.get('new') ?? undefined);
  const [created, setCreated] = useState<CollectionWithDuplicates | null>(null);
  const openId = Number(search.get('open')) || null;
  const setOpen = (id: number | null) => {
    const next = new URLSearchParams(search);
    if (id) next.set('open', String(id));
    else next.delete('open');
    next.delete('new');
    setSearch(next, { replace: true });
  };

  const columns: TableColumnsType<Collection> = [
    {
      title: t('audit.col.number'),
      dataIndex: 'number',
      key: 'number',
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrderFor('number'),
      render: (v: string, c) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpen(c.id)}>
          <Typography.Text strong>{v}</Typography.Text>
          <SourceTag source={c.source} origin={c.origin_number} />
        </Button>
      ),
    },
    enterpriseColumn(t, sortOrderFor, 340),
    unitColumn(t, sortOrderFor),
    { title: t('audit.col.riskAreas'), dataIndex: 'risk_areas', key: 'risk_areas', render: (v: string[]) => <span className="hq-tags" style={{ maxWidth: 280 }}>{v.map((a) => <Tag key={a}>{tk(`audit.risk.${a}`, a)}</Tag>)}</span> },
    statusColumn<Collection>(t, sortOrderFor, (c) => (
      <>
        <DuplicateCountTag n={c.duplicate_count} />
        {c.status === 'COMPLETED' && (c.has_findings ? <Tag color="red">{t('audit.col.hasFindings')}</Tag> : <Tag>{t('audit.col.noFindings')}</Tag>)}
      </>
    )),
    { title: t('audit.col.proposedAt'), dataIndex: 'proposed_at', key: 'proposed_at', sorter: true, sortOrder: sortOrderFor('proposed_at'), render: (v: string) => <DateTimeCell value={v} /> },
  ];

  return (
    <Page
      section="audit.collections"
      extra={
        <>
          <ListExportButton list="collections" params={params} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposeOpen(true)} data-testid="collection-new">{t('audit.col.create')}</Button>
        </>
      }
    >
      <div className="hq-toolbar">
        <UnitFilter table={table} placeholder={t('audit.filterUnit')} />
        <TableSearch table={table} placeholder={t('audit.searchItems')} />
        <StatusSelect table={table} name="status" values={STATUSES} label={(s) => tk(`audit.status.${s}`, s)} placeholder={t('audit.status')} />
      </div>
      {table.error ? <Alert type="error" showIcon title={errorMessage(table.error)} style={{ marginBottom: 12 }} /> : null}
      <Table<Collection> rowKey="id" columns={columns} size="middle" {...table.tableProps} />
      <ProposeModal open={proposeOpen} initialTaxCode={initialTax} onClose={() => setProposeOpen(false)}
        onDone={(c) => { setProposeOpen(false); setCreated(c); }} />
      <Modal open={!!created} footer={null} onCancel={() => setCreated(null)} width={640} destroyOnHidden>
        {created && (
          <Result
            status={created.duplicates.length ? 'warning' : 'success'}
            title={<span data-testid="collection-created">{t('audit.col.created', { number: created.number })}</span>}
            subTitle={created.duplicates.length ? t('audit.col.createdDup') : t('audit.col.createdOk')}
            extra={[
              <Button type="primary" key="o" onClick={() => { const id = created.id; setCreated(null); setOpen(id); }}>{t('common.details')}</Button>,
              <Button key="c" onClick={() => setCreated(null)}>{t('common.close')}</Button>,
            ]}
          >
            <DuplicatesAlert duplicates={created.duplicates} compact />
          </Result>
        )}
      </Modal>
      <CollectionDrawer id={openId} onClose={() => setOpen(null)} />
    </Page>
  );
}
