// Platform administrator: the trust anchors enterprise certificates must chain to, the CRLs (one per issuer,
// installed here or fetched by the server's refresh job / `haiquan eservices refresh-crls`), what each CRL
// distribution point answered the job last time (failures shown), and the certificate results are signed with.
import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../api/errors';
import { eservices, type Crl, type CrlSource, type TrustAnchor } from '../../api/eservices';
import { StatusTag } from '../../components/Status';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { LoadError } from './common';

function PemModal({ kind, onClose }: { kind: 'anchor' | 'crl' | null; onClose(): void }) {
  const { t } = useI18n();
  return (
    <FormModal<{ pem: string }> open={!!kind} title={kind === 'crl' ? t('es.addCrl') : t('es.addAnchor')} onClose={onClose} width={640} okTestId="pem-ok"
      onSubmit={async (v) => {
        if (kind === 'crl') await eservices.addCrl(v.pem.trim());
        else await eservices.addTrustAnchor(v.pem.trim());
        onClose();
      }}>
      <Form.Item name="pem" label={t('es.pem')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('es.pem').toLowerCase() }) }]}>
        <Input.TextArea rows={12} style={{ fontFamily: 'monospace' }} placeholder={kind === 'crl' ? '-----BEGIN X509 CRL-----' : '-----BEGIN CERTIFICATE-----'} />
      </Form.Item>
    </FormModal>
  );
}

/** The refresh job's schedule and the distribution points as it last found them; a run on demand. */
function CrlSources() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const q = useApiQuery(['eservices', 'crl-sources'], () => eservices.crlSources(), { refetchInterval: 30_000 });
  const [asking, setAsking] = useState(false);
  const job = q.data?.job;
  const refresh = async () => {
    setAsking(true);
    try {
      await eservices.refreshCrls();
      message.success(t('es.crlRefreshAsked'));
      setTimeout(() => q.refetch(), 3000);  // the job fetches in the background
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setAsking(false);
    }
  };
  const columns: TableColumnsType<CrlSource> = [
    { title: t('es.crlUrl'), dataIndex: 'url' },
    { title: t('es.issuer'), dataIndex: 'issuer', responsive: ['lg'], render: (v: string | null) => v ?? '—' },
    { title: t('es.crlOutcome'), dataIndex: 'outcome', width: 150, render: (o: CrlSource['outcome'], s) => (
      <StatusTag status={o} label={`${t(`es.crlOutcome.${o}`)}${s.failures > 1 ? ` ×${s.failures}` : ''}`} />) },
    { title: t('es.crlError'), dataIndex: 'error', render: (v: string | null) => v ?? '—' },
    { title: t('es.crlLastAttempt'), dataIndex: 'last_attempt_at', render: (v: string) => fmtDateTime(v, lang) },
    { title: t('es.crlLastSuccess'), dataIndex: 'last_success_at', responsive: ['md'], render: (v: string | null) => v ? fmtDateTime(v, lang) : '—' },
  ];
  return (
    <Card size="small" title={t('es.crlSources')} style={{ marginTop: 16 }}
      extra={<Button icon={<ReloadOutlined />} onClick={() => void refresh()} loading={asking} disabled={!job?.running} data-testid="refresh-crls">{t('es.crlRefreshNow')}</Button>}>
      <LoadError error={q.error} />
      {job && (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 8 }}>
          <Descriptions.Item label={t('es.crlJob')}>
            {job.running ? t('es.crlJobEvery', { minutes: Math.round(job.interval_seconds / 60) }) : <Tag color="orange">{t('es.crlJobOff')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('es.crlLastRun')}>{job.last_run_at ? fmtDateTime(job.last_run_at, lang) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('es.crlNextRun')}>{job.next_run_at ? fmtDateTime(job.next_run_at, lang) : '—'}</Descriptions.Item>
        </Descriptions>
      )}
      <Table<CrlSource> rowKey="url" size="small" pagination={false} loading={q.loading} dataSource={q.data?.items ?? []} columns={columns} scroll={{ x: true }} data-testid="crl-sources" />
    </Card>
  );
}

export default function TrustPage() {
  const { t, lang } = useI18n();
  const [adding, setAdding] = useState<'anchor' | 'crl' | null>(null);
  const anchors = useApiQuery(['eservices', 'trust-anchors'], () => eservices.trustAnchors());
  const crls = useApiQuery(['eservices', 'crls'], () => eservices.crls());
  const identity = useApiQuery(['eservices', 'signing-identity'], () => eservices.signingIdentity());
  const now = Date.now();
  const anchorColumns: TableColumnsType<TrustAnchor> = [
    { title: t('es.subject'), dataIndex: 'subject' },
    { title: t('es.serial'), dataIndex: 'serial', responsive: ['lg'] },
    { title: t('es.validTo'), dataIndex: 'not_after', render: (v: string) => (
      <span>{fmtDateTime(v, lang)} {Date.parse(v) < now && <Tag color="red">{t('es.expired')}</Tag>}</span>) },
    { title: t('es.crlUrls'), dataIndex: 'crl_urls', responsive: ['md'], render: (u: string[]) => u.join(', ') || '—' },
    { title: t('es.installedBy'), dataIndex: 'created_by', responsive: ['lg'] },
  ];
  const crlColumns: TableColumnsType<Crl> = [
    { title: t('es.issuer'), dataIndex: 'issuer' },
    { title: t('es.thisUpdate'), dataIndex: 'this_update', render: (v: string) => fmtDateTime(v, lang) },
    { title: t('es.nextUpdate'), dataIndex: 'next_update', render: (v: string | null) => v ? (
      <span>{fmtDateTime(v, lang)} {Date.parse(v) < now && <Tag color="orange">{t('es.stale')}</Tag>}</span>) : '—' },
    { title: t('es.revoked'), dataIndex: 'revoked', width: 110 },
    { title: t('es.source'), dataIndex: 'source', width: 130, render: (s: Crl['source']) => t(`es.source.${s}`) },
  ];
  const cert = identity.data?.certificate;
  return (
    <>
      <PageHeader title={t('menu.eservices.trust')} />
      <LoadError error={anchors.error ?? crls.error ?? identity.error} />
      <Card size="small" title={t('es.signingIdentity')} style={{ marginBottom: 16 }}>
        {cert ? (
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('es.subject')}>{cert.subject}</Descriptions.Item>
            <Descriptions.Item label={t('es.issuer')}>{cert.issuer}</Descriptions.Item>
            <Descriptions.Item label={t('es.serial')}>{cert.serial}</Descriptions.Item>
            <Descriptions.Item label={t('es.validTo')}>{fmtDateTime(cert.not_after, lang)}</Descriptions.Item>
          </Descriptions>
        ) : t('es.noSigningIdentity')}
      </Card>
      <Card size="small" title={t('es.anchors')} style={{ marginBottom: 16 }}
        extra={<Button icon={<PlusOutlined />} onClick={() => setAdding('anchor')} data-testid="add-anchor">{t('es.addAnchor')}</Button>}>
        <Table<TrustAnchor> rowKey="id" size="small" pagination={false} loading={anchors.loading} dataSource={anchors.data?.items ?? []} columns={anchorColumns} scroll={{ x: true }} data-testid="anchors" />
      </Card>
      <Card size="small" title={t('es.crls')}
        extra={<Button icon={<PlusOutlined />} onClick={() => setAdding('crl')} data-testid="add-crl">{t('es.addCrl')}</Button>}>
        <Table<Crl> rowKey="id" size="small" pagination={false} loading={crls.loading} dataSource={crls.data?.items ?? []} columns={crlColumns} scroll={{ x: true }} data-testid="crls" />
      </Card>
      <CrlSources />
      <PemModal kind={adding} onClose={() => setAdding(null)} />
    </>
  );
}
