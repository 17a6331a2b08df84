// The procedure catalogue (annex of letter 1309/CNTT-CTTĐT): list I / II, level, search, paging; a row opens
// the procedure's detail.
import { Input, Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router-dom';
import { eservices, type Procedure, type ProcedureQuery } from '../../api/eservices';
import { PageHeader } from '../../components/PageHeader';
import { StatusSelect } from '../../components/Status';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { LoadError } from './common';

const LEVELS = ['1', '2', '3', '4'] as const;
type Level = 1 | 2 | 3 | 4;
const FILTER = { flex: '0 1 150px' };

export default function CataloguePage() {
  const { t, te } = useI18n();
  const table = useServerTable<Procedure>(['eservices', 'procedures'], (p) => eservices.procedures(p as ProcedureQuery));
  const { params, setFilters } = table;
  const columns: TableColumnsType<Procedure> = [
    { title: t('es.code'), dataIndex: 'code', width: 90, render: (c: string) => <Link to={`/eservices/procedures/${c}`}>{c}</Link> },
    { title: t('es.name'), dataIndex: 'name', render: (n: string, p) => <Link to={`/eservices/procedures/${p.code}`}>{n}</Link> },
    { title: t('es.level'), dataIndex: 'level', width: 110, render: (l: Procedure['level']) => te('es.level', l as Level) },
    {
      title: t('es.online'),
      dataIndex: 'online',
      width: 150,
      responsive: ['md'],
      render: (o: boolean) => (o ? <Tag color="green">{t('es.online')}</Tag> : <Tag>{t('es.notOnline')}</Tag>),
    },
  ];
  return (
    <>
      <PageHeader title={t('menu.eservices.catalogue')} />
      <LoadError error={table.error} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 12 }}>
        <Input.Search
          allowClear
          style={{ flex: '1 1 260px' }}
          placeholder={t('es.search')}
          defaultValue={params.q}
          onSearch={(q) => setFilters({ q })}
          data-testid="procedure-search"
        />
        <StatusSelect table={table} name="list" values={['I', 'II'] as const} label={(l) => te('es.list', l)} placeholder={t('es.list')} style={FILTER} />
        <StatusSelect table={table} name="level" values={LEVELS} label={(l) => te('es.level', Number(l) as Level)} placeholder={t('es.level')} style={FILTER} />
      </div>
      <Table<Procedure> rowKey="code" size="middle" columns={columns} {...table.tableProps} data-testid="procedures" />
    </>
  );
}
