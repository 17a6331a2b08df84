// Officer: dossiers of the units in scope, most urgent first, filtered by status, procedure and overdue; the
// selected pool dossiers can be claimed at once.
import { useState } from 'react';
import { App, Button, Input, Switch, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../api/errors';
import { DOSSIER_STATUSES, eservices, type Dossier, type DossierQuery } from '../../api/eservices';
import { PageHeader } from '../../components/PageHeader';
import { StatusSelect } from '../../components/Status';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { DossierStatus, LoadError, RemainingTag } from './common';
import { ServerTable } from '../../components/ServerTable';

export default function InboxPage() {
  const { t, te, lang } = useI18n();
  const { message } = App.useApp();
  // The inbox is the work still to do: open dossiers by default (`?all=true` in the page URL shows every status).
  const table = useServerTable<Dossier>(['eservices', 'dossiers', 'inbox'], ({ all, ...p }) =>
    eservices.dossiers({ ...(p as DossierQuery), ...(all === 'true' ? {} : { open: true }) }),
  );
  const { params, setFilters } = table;
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const claimSelected = async () => {
    setBusy(true);
    let done = 0;
    for (const id of selected) {
      try {
        await eservices.claim(id);
        done++;
      } catch (e) {
        message.error(errorMessage(e));
      }
    }
    if (done) message.success(t('es.done', { action: `${te('es.action', 'claim')} (${done})` }));
    setSelected([]);
    setBusy(false);
  };
  const columns: TableColumnsType<Dossier> = [
    { title: t('es.number'), dataIndex: 'number', render: (n: string, d) => <Link to={`/eservices/dossiers/${d.id}`}>{n}</Link> },
    { title: t('es.procedure'), dataIndex: 'procedure_code', responsive: ['md'], render: (c: string, d) => <span title={d.procedure_name}>{c}</span> },
    { title: t('es.applicant'), key: 'applicant', responsive: ['lg'], render: (_, d) => d.applicant?.name },
    { title: t('es.status'), dataIndex: 'status', render: (s: Dossier['status']) => <DossierStatus status={s} /> },
    { title: t('es.remaining'), key: 'remaining', render: (_, d) => <RemainingTag d={d} /> },
    { title: t('es.assignee'), dataIndex: 'assignee', responsive: ['md'] },
    { title: t('es.dueAt'), dataIndex: 'due_at', responsive: ['lg'], render: (v: string) => fmtDateTime(v, lang) },
  ];
  return (
    <>
      <PageHeader
        title={t('menu.eservices.inbox')}
        extra={
          <Button type="primary" disabled={!selected.length} loading={busy} onClick={() => void claimSelected()}>
            {t('es.claimSelected', { count: selected.length })}
          </Button>
        }
      />
      <LoadError error={table.error} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12, alignItems: 'center' }}>
        <StatusSelect table={table} name="status" values={DOSSIER_STATUSES} label={(s) => te('es.status', s)} placeholder={t('es.status')} />
        <Input.Search allowClear style={{ flex: '0 1 200px' }} placeholder={t('es.procedure')} defaultValue={params.procedure_code}
          onSearch={(v) => setFilters({ procedure_code: v.trim() })} />
        <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <Switch size="small" checked={params.overdue === 'true'} onChange={(on) => setFilters({ overdue: on ? 'true' : '' })} data-testid="overdue-only" />
          {t('es.overdueOnly')}
        </label>
        <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          <Switch size="small" checked={params.all === 'true'} onChange={(on) => setFilters({ all: on ? 'true' : '' })} data-testid="all-statuses" />
          {t('es.allStatuses')}
        </label>
      </div>
      <ServerTable<Dossier> table={table} rowKey="id" size="middle" columns={columns} data-testid="inbox"
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as number[]),
          getCheckboxProps: (d) => ({ disabled: d.status !== 'RECEIVED' || !!d.assignee }),
        }}
      />
    </>
  );
}
