// The stored records of a study (the caller's branches), paged on the server.
import { Button, Input, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { trs, type StoredRecord } from '../../api/trs';
import { FilterSelect } from '../../components/Status';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { LoadError, StudyHeader, useStudy } from './common';

export default function RecordsPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const study = useStudy(id);
  const records = useServerTable<StoredRecord>(['trs', 'records', id], (p) => trs.records(id, p), { inUrl: false });
  return (
    <>
      <StudyHeader
        study={study.data}
        page="records"
        extra={
          <Link to={`/trs/studies/${id}/records/new`}>
            <Button type="primary" icon={<PlusOutlined />}>
              {t('menu.trs.entry')}
            </Button>
          </Link>
        }
      />
      <LoadError error={study.error ?? records.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search placeholder={t('trs.records.number')} allowClear onSearch={(v) => records.setFilters({ q: v.replace(/\D/g, '') })} style={{ width: 220 }} />
        <FilterSelect
          table={records}
          name="branch"
          placeholder={t('trs.study.branchCode')}
          style={{ width: 160 }}
          options={study.data?.branches.map((b) => ({ value: b.code, label: b.code }))}
        />
      </Space>
      <Table<StoredRecord>
        rowKey="declaration_no"
        {...records.tableProps}
        scroll={{ x: 800 }}
        columns={[
          { title: t('trs.records.number'), dataIndex: 'declaration_no', render: (v) => <Link to={`/trs/studies/${id}/records/${v}`}>{v}</Link> },
          { title: t('trs.report.flow'), dataIndex: 'flow', width: 70 },
          { title: t('trs.study.branchCode'), dataIndex: 'branch_code', width: 100 },
          { title: t('trs.records.channel'), dataIndex: 'channel', render: (v) => v && <Tag color={v === 'RED' ? 'red' : v === 'YELLOW' ? 'gold' : 'green'}>{v}</Tag> },
          { title: t('trs.records.registered'), dataIndex: 'registered_at', render: (v) => fmtDateTime(v, lang) },
          { title: t('trs.records.released'), dataIndex: 'released_at', render: (v) => fmtDateTime(v, lang) },
          { title: '', dataIndex: 'incomplete', render: (v) => v && <Tag color="orange">{t('trs.followup.incomplete')}</Tag> },
        ]}
      />
    </>
  );
}
