// One run: its figures and the ranked candidates with their reasons (each indicator's value, the peer figure
// where there is one, its points); filter by class, open the profile, create a proposal from a candidate.
import { Alert, Button, Descriptions, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { FileAddOutlined, LineChartOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { risk, type RiskCandidate, type RiskReason } from '../../../api/risk';
import { errorMessage } from '../../../api/errors';
import { useApiQuery } from '../../../hooks/query';
import { useServerTable } from '../../../hooks/useServerTable';
import { useI18n } from '../../../i18n';
import { Page } from '../../../components/PageHeader';
import { DownloadButton } from '../../../components/DownloadButton';
import { ServerTable } from '../../../components/ServerTable';

function Reasons({ reasons }: { reasons: RiskReason[] }) {
  const { tk } = useI18n();
  return (
    <Space size={[4, 4]} wrap>
      {reasons.filter((r) => r.points > 0).map((r) => (
        <Tooltip key={r.code} title={tk(`risk.indicator.${r.code}`, r.code)}>
          <Tag color={r.points > 0 ? 'volcano' : 'default'} data-testid="candidate-reason">
            {r.code}: {r.value.toFixed(3)}{r.peer !== undefined ? ` · ${r.peer.toFixed(3)}` : ''} · {r.points.toFixed(2)}
          </Tag>
        </Tooltip>
      ))}
    </Space>
  );
}

export default function RunPage() {
  const { t, tk } = useI18n();
  const id = Number(useParams().id);
  const run = useApiQuery(['audit', 'risk', 'run', id], () => risk.run(id));
  const table = useServerTable<RiskCandidate>(['audit', 'risk', 'candidates', id], (p) => risk.candidates(id, p));
  const klass = table.params.class ?? '';
  const r = run.data;
  return (
    <Page
      title={t('risk.run.title', { id })}
      subtitle={r ? `${r.criteria_set_name} v${r.criteria_set_version} · ${r.from} – ${r.to}` : undefined}
      extra={<DownloadButton download={() => risk.downloadCandidates(id, klass)}>.xlsx</DownloadButton>}
    >
      {run.error ? <Alert type="error" showIcon title={errorMessage(run.error)} /> : null}
      {r && (
        <Descriptions size="small" column={{ xs: 1, md: 4 }} style={{ marginBottom: 12 }}>
          <Descriptions.Item label={t('risk.runs.scope')}>{r.unit_code ?? t('risk.runs.national')}</Descriptions.Item>
          <Descriptions.Item label={t('risk.runs.evaluated')}>{r.evaluated}</Descriptions.Item>
          <Descriptions.Item label={t('risk.runs.audit')}>{r.audit}</Descriptions.Item>
          <Descriptions.Item label={t('risk.runs.monitor')}>{r.monitor}</Descriptions.Item>
          <Descriptions.Item label={t('risk.run.fingerprint')}><Typography.Text code>{r.fingerprint}</Typography.Text></Descriptions.Item>
        </Descriptions>
      )}
      <Segmented
        style={{ marginBottom: 12 }}
        value={klass}
        onChange={(v) => table.setFilters({ class: String(v) })}
        options={[
          { value: '', label: t('risk.run.all') },
          { value: 'AUDIT', label: t('risk.class.AUDIT') },
          { value: 'MONITOR', label: t('risk.class.MONITOR') },
        ]}
        data-testid="candidate-class"
      />
      {table.error ? <Alert type="error" showIcon title={errorMessage(table.error)} /> : null}
      <ServerTable<RiskCandidate> table={table} rowKey="tax_code" size="middle"
        columns={[
          { title: t('risk.run.rank'), dataIndex: 'rank', width: 70 },
          { title: t('audit.enterprise'), render: (_, c) => (<span><Typography.Text strong>{c.tax_code}</Typography.Text> {c.name}</span>) },
          { title: t('risk.run.homeOffice'), dataIndex: 'home_office', width: 90 },
          { title: t('risk.run.score'), dataIndex: 'score', width: 80, render: (s: number) => s.toFixed(2) },
          {
            title: t('risk.run.class'),
            render: (_, c) => (
              <Space direction="vertical" size={0}>
                <Tag color={c.class === 'AUDIT' ? 'red' : 'gold'}>{tk(`risk.class.${c.class}`, c.class)}</Tag>
                {c.excluded_reason && <Typography.Text type="secondary">{tk(`risk.excluded.${c.excluded_reason}`, c.excluded_reason)}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('risk.run.reasons'), render: (_, c) => <Reasons reasons={c.reasons} /> },
          {
            title: '',
            width: 200,
            render: (_, c) => (
              <Space>
                <Link to={`/audit/enterprises/${c.tax_code}/activity?from=${r?.from ?? ''}&to=${r?.to ?? ''}`}>
                  <Button size="small" icon={<LineChartOutlined />}>{t('risk.run.profile')}</Button>
                </Link>
                {c.class === 'AUDIT' && (
                  <Link to={`/audit/proposals/new?tax_code=${c.tax_code}&risk_run_id=${id}`} data-testid="candidate-propose">
                    <Button size="small" type="primary" icon={<FileAddOutlined />}>{t('risk.run.propose')}</Button>
                  </Link>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Page>
  );
}
