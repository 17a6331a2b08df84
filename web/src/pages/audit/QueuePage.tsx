// The leader's queue: what waits for a decision, oldest first, each item with its duplicates beside it.
// Proposals (approve / reject / pause / cancel), collection proposals (same day), collection results (1 working day).
import { useState } from 'react';
import { Alert, App, Badge, Button, Card, Col, Empty, Pagination, Row, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { CheckOutlined, CloseOutlined, PauseCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router-dom';
import { audit, type CollectionWithDuplicates, type Duplicate, type ProposalWithDuplicates } from '../../api/audit';
import { errorMessage } from '../../api/errors';
import { useApiQuery } from '../../hooks/query';
import { useI18n, type DictKey } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { fmtDate, fmtDateTime } from '../../utils/format';
import { duplicateLink, groundsLabel, PlaceTag, ReasonModal, StatusTag, type ReasonPrompt } from './common';
import { actionPrompt } from './ProposalPage';
import { ListExportButton } from './ListExportButton';

const PAGE_SIZE = 10;
type Kind = 'PROPOSAL' | 'COLLECTION' | 'RESULT';

function Duplicates({ list }: { list: Duplicate[] }) {
  const { t, tk } = useI18n();
  if (!list.length)
    return (
      <div className="hq-audit-dups hq-audit-dups--none">
        <Typography.Text type="success">{t('audit.queue.noDuplicates')}</Typography.Text>
      </div>
    );
  return (
    <div className="hq-audit-dups" data-testid="queue-duplicates">
      <Typography.Text strong type="warning">{t('audit.duplicates.title', { n: list.length })}</Typography.Text>
      {list.map((d) => (
        <div key={`${d.kind}-${d.id}`} className="hq-audit-dup">
          <Space wrap size={4}>
            <Tag>{tk(`audit.kind.${d.kind}`, d.kind)}</Tag>
            <Link to={duplicateLink(d)}>{d.number}</Link>
            <StatusTag status={d.status} />
          </Space>
          <div>
            <Typography.Text strong>{d.unit_code}</Typography.Text> — {d.unit_name}
          </div>
        </div>
      ))}
    </div>
  );
}

function QueueList({ kind }: { kind: Kind }) {
  const { t, tk, lang } = useI18n();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const { data, error, loading } = useApiQuery<{ items: Array<ProposalWithDuplicates | CollectionWithDuplicates>; total: number }>(
    ['audit', 'queue', kind, page],
    () => (kind === 'PROPOSAL' ? audit.proposalQueue({ page, page_size: PAGE_SIZE }) : audit.collectionQueue(kind, { page, page_size: PAGE_SIZE })),
    { keepPrevious: true },
  );
  const [prompt, setPrompt] = useState<ReasonPrompt | null>(null);

  const act = (item: ProposalWithDuplicates | CollectionWithDuplicates, action: 'approve' | 'reject' | 'pause' | 'cancel' | 'approveResults') => {
    const done = (status: string) => message.success(t('audit.prop.statusNow', { number: item.number, status: tk(`audit.status.${status}`, status) }));
    if (action === 'approveResults')
      return setPrompt({
        title: t('audit.col.approveResultsTitle', { number: item.number }),
        okText: t('audit.col.approveResults'),
        reason: 'none',
        run: async () => done((await audit.approveResults(item.id)).status),
      });
    setPrompt(
      actionPrompt(t, action, item.number, async (reason) =>
        done(
          kind === 'PROPOSAL'
            ? (await audit.actOnProposal(item.id, action, reason)).status
            : (await audit.actOnCollection(item.id, action, reason)).status,
        ),
      ),
    );
  };

  if (error) return <Alert type="error" showIcon title={errorMessage(error)} />;
  if (!data) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
  if (!data.items.length) return <Empty description={t('audit.queue.empty')} />;
  return (
    <Spin spinning={loading}>
      <Typography.Paragraph type="secondary">{t('audit.queue.order')}</Typography.Paragraph>
      {data.items.map((item, i) => {
        const isProposal = kind === 'PROPOSAL';
        const p = item as ProposalWithDuplicates;
        const c = item as CollectionWithDuplicates;
        const link = isProposal ? `/audit/proposals/${item.id}` : `/audit/collections?open=${item.id}`;
        return (
          <Card key={item.id} size="small" className="hq-audit-queue-item" data-testid="queue-item" data-number={item.number}>
            <Row gutter={[16, 8]}>
              <Col xs={24} lg={15}>
                <Space wrap size={6} style={{ marginBottom: 4 }}>
                  <Badge count={(page - 1) * PAGE_SIZE + i + 1} color="#0b4f8a" />
                  <Link to={link}>
                    <Typography.Text strong style={{ fontSize: 15 }}>{item.number}</Typography.Text>
                  </Link>
                  <StatusTag status={item.status} />
                  {isProposal && <PlaceTag place={p.place} />}
                  <Tag color="blue">{item.unit_code}</Tag>
                </Space>
                <div>
                  <Link to={`/audit/enterprises/${encodeURIComponent(item.tax_code)}`}>{item.tax_code}</Link> — {item.enterprise_name}
                </div>
                {isProposal ? (
                  <Typography.Text type="secondary">
                    {groundsLabel(tk, p.grounds)} · {t('audit.prop.period')}: {fmtDate(p.period_from, lang)} – {fmtDate(p.period_to, lang)} · {p.proposed_by}, {fmtDateTime(p.submitted_at ?? p.created_at, lang)}
                  </Typography.Text>
                ) : (
                  <div>
                    <Space wrap size={4}>{c.risk_areas.map((a) => <Tag key={a}>{tk(`audit.risk.${a}`, a)}</Tag>)}</Space>
                    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }} ellipsis={{ rows: 2 }}>
                      {kind === 'RESULT' ? c.results.map((r) => `${tk(`audit.risk.${r.risk_area}`, r.risk_area)}: ${r.finding}`).join(' · ') : c.signs}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">
                      {c.proposed_by}, {fmtDateTime(kind === 'RESULT' ? c.result_submitted_at : c.proposed_at, lang)}
                    </Typography.Text>
                  </div>
                )}
                <div style={{ marginTop: 8 }}>
                  <Space wrap>
                    {kind === 'RESULT' ? (
                      <Button type="primary" size="small" icon={<CheckOutlined />} onClick={() => act(item, 'approveResults')} data-testid="queue-approve">
                        {t('audit.col.approveResults')}
                      </Button>
                    ) : (
                      <>
                        <Button type="primary" size="small" icon={<CheckOutlined />} onClick={() => act(item, 'approve')} data-testid="queue-approve">
                          {t('audit.action.approve')}
                        </Button>
                        <Button size="small" danger icon={<CloseOutlined />} onClick={() => act(item, 'reject')} data-testid="queue-reject">
                          {t('audit.action.reject')}
                        </Button>
                        <Button size="small" icon={<PauseCircleOutlined />} onClick={() => act(item, 'pause')} data-testid="queue-pause">
                          {t('audit.action.pause')}
                        </Button>
                        <Button size="small" danger type="text" icon={<StopOutlined />} onClick={() => act(item, 'cancel')} data-testid="queue-cancel">
                          {t('audit.action.cancel')}
                        </Button>
                      </>
                    )}
                  </Space>
                </div>
              </Col>
              <Col xs={24} lg={9}>
                <Duplicates list={item.duplicates} />
              </Col>
            </Row>
          </Card>
        );
      })}
      {data.total > PAGE_SIZE && (
        <Pagination align="center" current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} showSizeChanger={false} />
      )}
      <ReasonModal
        prompt={prompt}
        onClose={() => setPrompt(null)}
      />
    </Spin>
  );
}

export default function QueuePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const kind = (params.get('kind') as Kind) || 'PROPOSAL';
  const counts = useApiQuery(['audit', 'queue', 'counts'], () =>
    Promise.all([audit.proposalQueue({ page: 1, page_size: 1 }), audit.collectionQueue('COLLECTION', { page: 1, page_size: 1 }), audit.collectionQueue('RESULT', { page: 1, page_size: 1 })]),
  );
  const n = (i: number) => counts.data?.[i].total ?? 0;
  const label = (key: DictKey, i: number) => (
    <span>
      {t(key)} <Badge count={n(i)} showZero color={n(i) ? '#faad14' : '#d9d9d9'} />
    </span>
  );
  return (
    <div>
      <PageHeader section="audit.queue" />
      <Tabs
        activeKey={kind}
        onChange={(k) => setParams({ kind: k }, { replace: true })}
        tabBarExtraContent={<ListExportButton list="queue" params={{ kind }} />}
        items={[
          { key: 'PROPOSAL', label: label('audit.queue.proposals', 0) },
          { key: 'COLLECTION', label: label('audit.queue.collections', 1) },
          { key: 'RESULT', label: label('audit.queue.results', 2) },
        ].map((x) => ({ ...x, children: x.key === kind ? <QueueList kind={kind} /> : null }))}
      />
    </div>
  );
}
