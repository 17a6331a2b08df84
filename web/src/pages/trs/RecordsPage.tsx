// The stored records of a study (the caller's branches), paged on the server.
import { useState } from 'react';
import { Button, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router-dom';
import { trs, type StoredRecord } from '../../api/trs';
import { useAsync } from '../../hooks/useAsync';
import { useI18n } from '../../i18n';
import { fmtDateTime } from '../../utils/format';
import { LoadError, StudyHeader, useStudy } from './common';

export default function RecordsPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const study = useStudy(id);
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [branch, setBranch] = useState<string>();
  const records = useAsync(() => trs.records(id, { page, page_size: 20, q, branch }), [id, page, q, branch]);
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
        <Input.Search placeholder={t('trs.records.number')} allowClear onSearch={(v) => (setQ(v.replace(/\D/g, '')), setPage(1))} style={{ width: 220 }} />
        <Select
          allowClear
          placeholder={t('trs.study.branchCode')}
          style={{ width: 160 }}
          value={branch}
          onChange={(v) => (setBranch(v), setPage(1))}
          options={study.data?.branches.map((b) => ({ value: b.code, label: b.code }))}
        />
      </Space>
      <Table<StoredRecord>
        rowKey="declaration_no"
        loading={records.loading}
        dataSource={records.data?.items}
        scroll={{ x: 800 }}
        pagination={{ current: page, pageSize: 20, total: records.data?.total, onChange: setPage, showSizeChanger: false }}
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
