// Audit proposals of the caller's unit tree: server paging, sorting and filters (unit, status, place, year, text).
import { Alert, Button, InputNumber, Table, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router-dom';
import { audit, type ItemListParams, type Proposal } from '../../api/audit';
import { errorMessage } from '../../api/errors';
import { useI18n } from '../../i18n';
import { useServerTable } from '../../hooks/useServerTable';
import { Page } from '../../components/PageHeader';
import { TableSearch } from '../../components/TableSearch';
import { UnitFilter } from '../../components/UnitTreeSelect';
import { fmtDate } from '../../utils/format';
import { DateTimeCell, DuplicateCountTag, enterpriseColumn, groundsLabel, PlaceTag, SourceTag, statusColumn, unitColumn } from './common';
import { StatusSelect } from '../../components/Status';
import { ListExportButton } from './ListExportButton';
import { LateEntryTag } from './LateEntryTag';

export const PROPOSAL_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'PAUSED', 'CANCELLED'];
export const PLACES = ['PREMISES', 'OFFICE'] as const;

export default function ProposalsPage() {
  const { t, tk, lang } = useI18n();
  const navigate = useNavigate();
  const table = useServerTable<Proposal>(['audit', 'proposals'], (p) => audit.proposals(p as ItemListParams));
  const { params, setFilters, sortOrderFor } = table;

  const columns: TableColumnsType<Proposal> = [
    {
      title: t('audit.prop.number'),
      dataIndex: 'number',
      key: 'number',
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrderFor('number'),
      render: (v: string, p) => (
        <Link to={`/audit/proposals/${p.id}`}>
          <Typography.Text strong>{v}</Typography.Text>
          <SourceTag source={p.source} origin={p.origin_number} />
        </Link>
      ),
    },
    enterpriseColumn(t, sortOrderFor, 360),
    unitColumn(t, sortOrderFor),
    { title: t('audit.prop.place'), dataIndex: 'place', key: 'place', sorter: true, sortOrder: sortOrderFor('place'), render: (v: string) => <PlaceTag place={v} /> },
    { title: t('audit.prop.grounds'), dataIndex: 'grounds', key: 'grounds', render: (v: string) => <div style={{ maxWidth: 260 }}>{groundsLabel(tk, v)}</div> },
    { title: t('audit.prop.period'), key: 'period', render: (_, p) => <span style={{ whiteSpace: 'nowrap' }}>{fmtDate(p.period_from, lang)} – {fmtDate(p.period_to, lang)}</span> },
    statusColumn<Proposal>(t, sortOrderFor, (p) => (
      <>
        <LateEntryTag p={p} />
        <DuplicateCountTag n={p.duplicate_count} />
      </>
    )),
    { title: t('audit.prop.createdAt'), dataIndex: 'created_at', key: 'created_at', sorter: true, sortOrder: sortOrderFor('created_at') ?? (params.sort ? null : 'descend'), render: (v: string) => <DateTimeCell value={v} /> },
  ];

  return (
    <Page
      section="audit.proposals"
      extra={
        <>
          <ListExportButton list="proposals" params={params} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/audit/proposals/new')} data-testid="proposal-new">
            {t('audit.prop.create')}
          </Button>
        </>
      }
    >
      <div className="hq-toolbar">
        <UnitFilter table={table} placeholder={t('audit.filterUnit')} />
        <TableSearch table={table} placeholder={t('audit.searchItems')} />
        <StatusSelect table={table} name="status" values={PROPOSAL_STATUSES} label={(s) => tk(`audit.status.${s}`, s)} placeholder={t('audit.status')} style={{ flex: '0 1 180px' }} />
        <StatusSelect table={table} name="place" values={PLACES} label={(s) => tk(`audit.place.${s}`, s)} placeholder={t('audit.prop.place')} />
        <InputNumber<number>
          style={{ width: 120 }}
          placeholder={t('audit.year')}
          min={2000}
          max={2199}
          value={params.year ? Number(params.year) : null}
          onChange={(v) => setFilters({ year: v ? String(v) : '' })}
        />
      </div>
      {table.error ? <Alert type="error" showIcon title={errorMessage(table.error)} style={{ marginBottom: 12 }} /> : null}
      <Table<Proposal> rowKey="id" columns={columns} size="middle" {...table.tableProps} />
    </Page>
  );
}
