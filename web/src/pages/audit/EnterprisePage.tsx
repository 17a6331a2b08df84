// One enterprise's whole audit record: profile (form 01/KTSTQ), key-enterprise years, collections, proposals
// with their decisions, conclusions, penalties and complaints, and the history of every field change.
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Space, Spin, Statistic, Table, Tabs, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import { AuditOutlined, EditOutlined, FileSearchOutlined, StarFilled } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { audit, type Collection, type Complaint, type Decision, type EnterpriseChange, type Penalty, type ProfileValue, type ProposalDetail } from '../../api/audit';
import { errorMessage, isApiError } from '../../api/errors';
import { useApiQuery } from '../../hooks/query';
import { useI18n, type DictKey } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { fmtDate, fmtDateTime } from '../../utils/format';
import { DateCell, fmtMoney, groundsLabel, PlaceTag, StatusTag } from './common';
import { EnterpriseFormModal } from './EnterpriseForm';
import { ComplianceTag } from './EnterprisesPage';
import { PrintButton } from './PrintButton';

function show(v: ProfileValue | string | number | null | undefined): string {
  if (Array.isArray(v)) return v.length ? v.join('; ') : '—';
  if (v === null || v === undefined || v === '') return '—';
  return String(v);
}

type Row<T> = T & { proposal: ProposalDetail };

function flatten<T>(proposals: ProposalDetail[], pick: (p: ProposalDetail) => T[]): Array<Row<T>> {
  return proposals.flatMap((p) => pick(p).map((x) => ({ ...x, proposal: p })));
}

/** A tab of the record: `label (n)` over the small table of its rows. */
function recordTab<T extends object>(key: string, label: string, rows: T[], columns: TableColumnsType<T>) {
  return {
    key,
    label: `${label} (${rows.length})`,
    children: <Table<T> size="small" rowKey="id" pagination={false} dataSource={rows} scroll={{ x: 'max-content' }} columns={columns} />,
  };
}

function ChangeValue({ v }: { v: unknown }) {
  if (v === '' || v === null || v === undefined || (Array.isArray(v) && !v.length)) return <Typography.Text type="secondary">∅</Typography.Text>;
  return <span>{Array.isArray(v) ? v.join('; ') : String(v)}</span>;
}

function ChangesTimeline({ changes }: { changes: EnterpriseChange[] }) {
  const { t, tk, lang } = useI18n();
  if (!changes.length) return <Empty description={t('audit.record.noChanges')} />;
  return (
    <Timeline
      items={[...changes].reverse().map((c, i) => ({
        key: i,
        content: (
          <div data-testid="field-change">
            <Space wrap size={4}>
              <Typography.Text strong>{fmtDateTime(c.at, lang)}</Typography.Text>
              <Tag>{c.username}</Tag>
              <Tag color="blue">{c.unit_code}</Tag>
              <Tag color={c.source === 'IMPORT' ? 'purple' : 'default'}>{tk(`audit.source.${c.source}`, c.source)}</Tag>
            </Space>
            <table className="hq-audit-changes">
              <tbody>
                {(Array.isArray(c.changes) ? c.changes : []).map((f) => (
                  <tr key={f.field}>
                    <th>{tk(`audit.ent.${f.field}`, f.field)}</th>
                    <td>
                      <ChangeValue v={f.from} />
                    </td>
                    <td>→</td>
                    <td>
                      <ChangeValue v={f.to} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ),
      }))}
    />
  );
}

export default function EnterprisePage() {
  const { taxCode = '' } = useParams();
  const { t, tk, lang } = useI18n();
  const navigate = useNavigate();
  const { data, error, loading } = useApiQuery(['audit', 'enterprise', taxCode], () => audit.record(taxCode));
  const [editOpen, setEditOpen] = useState(false);

  const proposals = data?.proposals ?? [];
  const decisions = useMemo(() => flatten<Decision>(proposals, (p) => p.decisions), [proposals]);
  const conclusions = useMemo(() => proposals.filter((p) => p.conclusion), [proposals]);
  const penalties = useMemo(() => flatten<Penalty>(proposals, (p) => p.penalties), [proposals]);
  const complaints = useMemo(() => flatten<Complaint>(proposals, (p) => p.complaints), [proposals]);
  const assessed = conclusions.reduce((s, p) => s + (p.conclusion?.amounts.total ?? 0), 0);
  const collected = conclusions.reduce((s, p) => s + (p.conclusion?.amounts.collected ?? 0), 0);

  if (error)
    return isApiError(error) && error.status === 404 ? (
      <Result status="404" title={t('audit.record.notFound', { code: taxCode })} subTitle={errorMessage(error)}
        extra={<Button onClick={() => navigate('/audit/enterprises')}>{t('audit.enterprises.title')}</Button>} />
    ) : (
      <Alert type="error" showIcon title={errorMessage(error)} />
    );
  if (!data) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  const e = data.enterprise;
  const proposalLink = (p: ProposalDetail) => <Link to={`/audit/proposals/${p.id}`}>{p.number}</Link>;

  return (
    <Spin spinning={loading}>
      <PageHeader
        title={
          <span data-testid="record-title">
            {e.name} {data.key_years.length > 0 && <StarFilled style={{ color: '#f5c518' }} title={t('audit.record.keyEnterprise')} />}
          </span>
        }
        subtitle={
          <Space wrap size={4}>
            <Typography.Text strong copyable>{e.tax_code}</Typography.Text>
            <Tag>{tk(`audit.taxKind.${e.tax_kind}`, e.tax_kind)}</Tag>
            <ComplianceTag level={e.compliance_level} />
            {data.key_years.map((y) => (
              <Tag key={y} color="gold">{t('audit.record.keyYear', { year: y })}</Tag>
            ))}
          </Space>
        }
        extra={
          <>
            <HistoryDrawer entityType="audit_enterprise" entityId={e.tax_code} />
            <PrintButton to={`/audit/print/form01/${encodeURIComponent(e.tax_code)}`} label={t('audit.print.form01button')} data-testid="print-form01" />
            <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="enterprise-edit">
              {t('common.edit')}
            </Button>
            <Button icon={<FileSearchOutlined />} onClick={() => navigate(`/audit/collections?new=${encodeURIComponent(e.tax_code)}`)}>
              {t('audit.col.create')}
            </Button>
            <Button type="primary" icon={<AuditOutlined />} onClick={() => navigate(`/audit/proposals/new?tax_code=${encodeURIComponent(e.tax_code)}`)}>
              {t('audit.prop.create')}
            </Button>
          </>
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('audit.record.collections')} value={data.collections.length} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('audit.record.proposals')} value={proposals.length} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('audit.record.assessed')} value={fmtMoney(assessed, lang)} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('audit.record.collected')} value={fmtMoney(collected, lang)} /></Card></Col>
      </Row>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Tabs
          defaultActiveKey="profile"
          items={[
            {
              key: 'profile',
              label: t('audit.record.profile'),
              children: (
                <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}
                  items={[
                    ['foreign_name', e.foreign_name],
                    ['legal_representative', e.legal_representative],
                    ['address', e.address],
                    ['phone', e.phone],
                    ['email', e.email],
                    ['established_on', fmtDate(e.established_on, lang)],
                    ['charter_capital', e.charter_capital ? fmtMoney(e.charter_capital, lang) : ''],
                    ['ownership', e.ownership],
                    ['aeo_status', e.aeo_status],
                    ['accounting_software', e.accounting_software],
                    ['contacts', e.contacts],
                    ['business_lines', e.business_lines],
                    ['factories', e.factories],
                    ['warehouses', e.warehouses],
                    ['main_goods', e.main_goods],
                    ['main_partners', e.main_partners],
                    ['related_parties', e.related_parties],
                    ['source', tk(`audit.source.${e.source}`, e.source)],
                  ].map(([k, v]) => ({ key: k as string, label: t(`audit.ent.${k}` as DictKey), children: show(v as ProfileValue) }))}
                />
              ),
            },
            recordTab<Collection>('collections', t('audit.record.collections'), data.collections, [
                { title: t('audit.col.number'), dataIndex: 'number', render: (v: string, c) => <Link to={`/audit/collections?open=${c.id}`}>{v}</Link> },
                { title: t('audit.unit'), dataIndex: 'unit_code', render: (v: string, c) => <span title={c.unit_name}><Tag color="blue">{v}</Tag></span> },
                { title: t('audit.col.riskAreas'), dataIndex: 'risk_areas', render: (v: string[]) => v.map((a) => <Tag key={a}>{tk(`audit.risk.${a}`, a)}</Tag>) },
                { title: t('audit.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
                { title: t('audit.col.findings'), dataIndex: 'has_findings', render: (v: boolean, c) => (c.results.length ? (v ? <Tag color="red">{t('audit.col.hasFindings')}</Tag> : <Tag>{t('audit.col.noFindings')}</Tag>) : '—') },
                { title: t('audit.col.proposedAt'), dataIndex: 'proposed_at', render: (v: string) => fmtDateTime(v, lang) },
            ]),
            recordTab<ProposalDetail>('proposals', t('audit.record.proposals'), proposals, [
                { title: t('audit.prop.number'), dataIndex: 'number', render: (_: string, p) => proposalLink(p) },
                { title: t('audit.unit'), dataIndex: 'unit_code', render: (v: string, p) => <span title={p.unit_name}><Tag color="blue">{v}</Tag></span> },
                { title: t('audit.prop.place'), dataIndex: 'place', render: (v: string) => <PlaceTag place={v} /> },
                { title: t('audit.prop.grounds'), dataIndex: 'grounds', render: (v: string) => groundsLabel(tk, v) },
                { title: t('audit.prop.period'), key: 'period', render: (_, p) => `${fmtDate(p.period_from, lang)} – ${fmtDate(p.period_to, lang)}` },
                { title: t('audit.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
                { title: t('audit.source'), dataIndex: 'source', render: (v: string) => <Tag color={v === 'STQ01' ? 'purple' : 'default'}>{v}</Tag> },
            ]),
            recordTab<Row<Decision>>('decisions', t('audit.record.decisions'), decisions, [
                { title: t('audit.dec.number'), dataIndex: 'number' },
                { title: t('audit.dec.kind'), dataIndex: 'kind', render: (k: string) => tk(`audit.decKind.${k}`, k) },
                { title: t('audit.prop.number'), key: 'p', render: (_, d) => proposalLink(d.proposal) },
                { title: t('audit.dec.signedOn'), dataIndex: 'signed_on', render: (v: string) => <DateCell value={v} /> },
                { title: t('audit.dec.endOn'), dataIndex: 'end_on', render: (v: string) => <DateCell value={v} /> },
                { title: t('audit.dec.entry'), dataIndex: 'late', render: (v: boolean) => (v ? <Tag color="red">{t('audit.late')}</Tag> : <Tag color="green">{t('audit.onTime')}</Tag>) },
            ]),
            recordTab<ProposalDetail>('conclusions', t('audit.record.conclusions'), conclusions, [
                { title: t('audit.con.number'), key: 'n', render: (_, p) => p.conclusion!.number },
                { title: t('audit.prop.number'), key: 'p', render: (_, p) => proposalLink(p) },
                { title: t('audit.con.signedOn'), key: 's', render: (_, p) => <DateCell value={p.conclusion!.signed_on} /> },
                { title: t('audit.con.taxTotal'), key: 'tt', align: 'right', render: (_, p) => fmtMoney(p.conclusion!.amounts.tax_total, lang) },
                { title: t('audit.con.total'), key: 'to', align: 'right', render: (_, p) => fmtMoney(p.conclusion!.amounts.total, lang) },
                { title: t('audit.amount.collected'), key: 'c', align: 'right', render: (_, p) => fmtMoney(p.conclusion!.amounts.collected, lang) },
                { title: t('audit.status'), key: 'st', render: (_, p) => <StatusTag status={p.conclusion!.status} /> },
            ]),
            recordTab<Row<Penalty>>('penalties', t('audit.record.penalties'), penalties, [
                { title: t('audit.pen.number'), dataIndex: 'number' },
                { title: t('audit.prop.number'), key: 'p', render: (_, x) => proposalLink(x.proposal) },
                { title: t('audit.pen.signedOn'), dataIndex: 'signed_on', render: (v: string) => <DateCell value={v} /> },
                { title: t('audit.pen.violation'), dataIndex: 'violation' },
                { title: t('audit.pen.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => fmtMoney(v, lang) },
            ]),
            recordTab<Row<Complaint>>('complaints', t('audit.record.complaints'), complaints, [
                { title: t('audit.cmp.filedOn'), dataIndex: 'filed_on', render: (v: string) => <DateCell value={v} /> },
                { title: t('audit.prop.number'), key: 'p', render: (_, x) => proposalLink(x.proposal) },
                { title: t('audit.cmp.content'), dataIndex: 'content' },
                { title: t('audit.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
                { title: t('audit.cmp.outcome'), dataIndex: 'outcome', render: (v: string, c) => (c.decided_on ? `${fmtDate(c.decided_on, lang)}: ${v}` : '—') },
            ]),
            {
              key: 'changes',
              label: `${t('audit.record.changes')} (${data.changes.length})`,
              children: <ChangesTimeline changes={data.changes} />,
            },
          ]}
        />
      </Card>
      <EnterpriseFormModal
        open={editOpen}
        editing={e}
        onClose={() => setEditOpen(false)}
        onDone={() => {
          setEditOpen(false);
        }}
      />
    </Spin>
  );
}
