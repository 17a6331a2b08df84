// The list the customs send to the ministries (seed §B.II.2.2): per agency, every sampled declaration with
// specialised inspection, paged on the server, filtered by agency, exported as CSV and .xlsx.
import { Space, Table, Typography } from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import { trs, type AgencyListRow } from '../../api/trs';
import { DownloadButton } from '../../components/DownloadButton';
import { FilterSelect } from '../../components/Status';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { fmtDate, fmtDateTime } from '../../utils/format';
import { LoadError, StudyHeader, useStudy } from './common';

type AgencyPage = Awaited<ReturnType<typeof trs.agencyList>>;

export default function AgencyListPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const study = useStudy(id);
  const list = useServerTable<AgencyListRow, AgencyPage>(['trs', 'agency-list', id], (p) => trs.agencyList(id, p), { inUrl: false });
  const s = study.data;
  return (
    <>
      <StudyHeader
        study={s}
        page="agencies"
        extra={
          <Space>
            <DownloadButton icon={<FileTextOutlined />} download={() => trs.downloadAgencyList(id, 'csv')} data-testid="trs-agencies-csv">
              CSV
            </DownloadButton>
            <DownloadButton download={() => trs.downloadAgencyList(id, 'xlsx')} data-testid="trs-agencies-xlsx">
              Excel
            </DownloadButton>
          </Space>
        }
      />
      <LoadError error={study.error ?? list.error} />
      {s && (
        <Typography.Paragraph type="secondary">
          {t('trs.agencies.hint', { start: fmtDate(s.agency_window_start, lang), end: fmtDate(s.agency_window_end, lang) })}
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <FilterSelect
          table={list}
          name="agency"
          placeholder={t('trs.agencies.agency')}
          style={{ width: 360 }}
          testId="trs-agencies-filter"
          options={list.data?.agencies
            .filter((a) => a.agency)
            .map((a) => ({ value: a.agency as string, label: `${a.agency} (${a.rows})` }))}
        />
      </Space>
      <Table<AgencyListRow>
        rowKey={(r) => `${r.agency}-${r.declaration_no}-${r.block}`}
        {...list.tableProps}
        scroll={{ x: 1000 }}
        data-testid="trs-agencies"
        columns={[
          { title: t('trs.agencies.agency'), dataIndex: 'agency', render: (v: string | null) => v ?? t('trs.agencies.unnamed') },
          { title: t('trs.agencies.kinds'), dataIndex: 'sci_kinds' },
          { title: t('trs.records.number'), dataIndex: 'declaration_no' },
          { title: t('trs.study.branchCode'), dataIndex: 'branch_code', width: 90 },
          { title: t('trs.records.registered'), dataIndex: 'registered_at', render: (v) => fmtDateTime(v, lang) },
          { title: t('trs.agencies.bill'), dataIndex: 'bill_of_lading' },
          { title: t('trs.agencies.registration'), dataIndex: 'registration_no' },
          { title: t('trs.agencies.certificate'), dataIndex: 'certificate_no' },
        ]}
      />
    </>
  );
}
