// Applicant: my dossiers, most urgent first, with status and the working time left.
import { Button, Table, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { DOSSIER_STATUSES, eservices, type Dossier, type DossierQuery } from '../../api/eservices';
import { PageHeader } from '../../components/PageHeader';
import { StatusSelect } from '../../components/Status';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { DossierStatus, LoadError, RemainingTag } from './common';

export default function MyDossiersPage() {
  const { t, te, lang } = useI18n();
  const table = useServerTable<Dossier>(['eservices', 'dossiers', 'mine'], (p) => eservices.dossiers(p as DossierQuery));
  const columns: TableColumnsType<Dossier> = [
    { title: t('es.number'), dataIndex: 'number', render: (n: string, d) => <Link to={`/eservices/dossiers/${d.id}`}>{n}</Link> },
    { title: t('es.procedure'), dataIndex: 'procedure_name', responsive: ['md'], render: (n: string | undefined, d) => n ?? d.procedure_code },
    { title: t('es.status'), dataIndex: 'status', render: (s: Dossier['status']) => <DossierStatus status={s} /> },
    { title: t('es.remaining'), key: 'remaining', render: (_, d) => <RemainingTag d={d} /> },
    { title: t('es.dueAt'), dataIndex: 'due_at', responsive: ['lg'], render: (v: string) => fmtDateTime(v, lang) },
  ];
  return (
    <>
      <PageHeader
        title={t('menu.eservices.mine')}
        extra={<Link to="/eservices/submit"><Button type="primary" icon={<PlusOutlined />}>{t('menu.eservices.submit')}</Button></Link>}
      />
      <LoadError error={table.error} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <StatusSelect table={table} name="status" values={DOSSIER_STATUSES} label={(s) => te('es.status', s)} placeholder={t('es.status')} />
      </div>
      <Table<Dossier> rowKey="id" size="middle" columns={columns} {...table.tableProps} data-testid="my-dossiers" />
    </>
  );
}
