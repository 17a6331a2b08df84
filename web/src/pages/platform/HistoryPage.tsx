// Processing history: filter by entity type/id, server-paged; integrity check for platform administrators.
import { useState } from 'react';
import { Alert, AutoComplete, Button, Input, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { history } from '../../api/platform';
import type { HistoryEntry, HistoryListParams, HistoryVerify } from '../../api/types';
import { errorMessage, isApiError } from '../../api/errors';
import { hasAnyRole, useAuth } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { useServerTable } from '../../hooks/useServerTable';
import { Page } from '../../components/PageHeader';
import { entityTypeLabel, HistoryDrawer } from '../../components/HistoryDrawer';
import { fmtDateTime } from '../../utils/format';

const KNOWN_TYPES = ['unit', 'account', 'account_request', 'calendar_adjustment'];

export default function HistoryPage() {
  const { me } = useAuth();
  const { t, tk, lang } = useI18n();
  const table = useServerTable<HistoryEntry>(['platform', 'history'], (p) => history.list(p as HistoryListParams));
  const { params, setFilters } = table;
  const [type, setType] = useState(params.entity_type ?? '');
  const [id, setId] = useState(params.entity_id ?? '');
  const [drawer, setDrawer] = useState<{ type: string; id: string } | null>(null);
  const [verify, setVerify] = useState<{ busy: boolean; result?: HistoryVerify; error?: string }>({ busy: false });
  const admin = hasAnyRole(me, ['platform.admin']);

  const apply = () => setFilters({ entity_type: type.trim(), entity_id: id.trim() });
  const runVerify = async () => {
    setVerify({ busy: true });
    try {
      setVerify({ busy: false, result: await history.verify() });
    } catch (e) {
      setVerify({ busy: false, error: errorMessage(e) });
    }
  };

  const columns: TableColumnsType<HistoryEntry> = [
    { title: '#', dataIndex: 'id', key: 'id', width: 70 },
    { title: t('history.at'), dataIndex: 'at', key: 'at', render: (v: string) => fmtDateTime(v, lang) },
    {
      title: t('history.user'),
      dataIndex: 'username',
      key: 'username',
      render: (u: string, h) => (
        <span>
          <Typography.Text strong>{u}</Typography.Text> <Tag>{h.unit_code}</Tag>
        </span>
      ),
    },
    { title: t('history.action'), dataIndex: 'action', key: 'action', render: (a: string) => <Tag color="blue">{a}</Tag> },
    {
      title: t('history.entityType'),
      key: 'entity',
      render: (_, h) => (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setDrawer({ type: h.entity_type, id: h.entity_id })}>
          {entityTypeLabel(tk, h.entity_type)} {h.entity_id}
        </Button>
      ),
    },
    { title: t('history.summary'), dataIndex: 'summary', key: 'summary' },
    { title: t('history.client'), dataIndex: 'client_address', key: 'client_address', responsive: ['lg'] },
  ];

  return (
    <Page
      title={t('history.title')}
      subtitle={t('history.tamperEvident')}
      extra={
        admin && (
          <Button icon={<SafetyCertificateOutlined />} loading={verify.busy} onClick={runVerify}>
            {t('history.verify')}
          </Button>
        )
      }
    >
      {verify.result && (
        <Alert
          style={{ marginBottom: 12 }}
          closable={{ onClose: () => setVerify({ busy: false }) }}
          showIcon
          type={verify.result.ok ? 'success' : 'error'}
          title={
            verify.result.ok
              ? t('history.verifyOk', { n: verify.result.checked })
              : t('history.verifyBad', { id: verify.result.first_bad_id ?? '?', n: verify.result.checked })
          }
        />
      )}
      {verify.error && <Alert style={{ marginBottom: 12 }} type="error" showIcon title={verify.error} />}
      <div className="hq-toolbar">
        <AutoComplete
          style={{ flex: '0 1 240px' }}
          value={type}
          onChange={setType}
          allowClear
          placeholder={t('history.entityType')}
          options={KNOWN_TYPES.map((k) => ({ value: k, label: `${entityTypeLabel(tk, k)} (${k})` }))}
        />
        <Input
          style={{ flex: '0 1 240px' }}
          value={id}
          allowClear
          onChange={(e) => setId(e.target.value)}
          onPressEnter={apply}
          placeholder={t('history.entityId')}
        />
        <Button type="primary" icon={<SearchOutlined />} onClick={apply}>
          {t('common.search')}
        </Button>
        {(params.entity_type || params.entity_id) && (
          <Button
            onClick={() => {
              setType('');
              setId('');
              setFilters({ entity_type: '', entity_id: '' });
            }}
          >
            {t('common.reset')}
          </Button>
        )}
      </div>
      {table.error ? (
        <Alert
          type={isApiError(table.error) && table.error.status === 400 ? 'info' : 'error'}
          showIcon
          title={errorMessage(table.error)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Table<HistoryEntry> rowKey="id" columns={columns} size="middle" {...table.tableProps} />
      <HistoryDrawer entityType={drawer?.type ?? ''} entityId={drawer?.id ?? ''} open={!!drawer} onClose={() => setDrawer(null)} />
    </Page>
  );
}
