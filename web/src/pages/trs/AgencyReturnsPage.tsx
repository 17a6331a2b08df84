// One agency's part of a study (seed §B.II.2.2): the declarations the customs sent it, with the times it returns —
// registration, sampling, result, hand-over to customs — entered row by row (FormModal) or imported from a CSV /
// .xlsx file (all or nothing, every bad cell named). The border guard enters its checks by vehicle and voyage
// (interval 4.2) instead.
import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Space, Switch, Table, Tag, Typography, Upload } from 'antd';
import { EditOutlined, UploadOutlined } from '@ant-design/icons';
import { useParams } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/errors';
import {
  trsAgencies,
  uploadAgencyFile,
  type AgencyWorkRow,
  type BorderCheck,
  type Cells,
} from '../../api/trsAgencies';
import { FormModal } from '../../components/FormModal';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/Status';
import { useApiQuery } from '../../hooks/query';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { fmtDateTime, toApiDateTime, toVietnamTime } from '../../utils/format';
import { lineIssueColumns } from './lineIssues';

type Page<T> = { items: T[]; total: number; page: number; page_size: number };

const RETURN_TIMES = ['registered_at', 'sampling_at', 'result_at', 'handed_over_at'] as const;
const BORDER_TIMES = ['check_start_at', 'check_end_at'] as const;

function cellsOf(values: Record<string, unknown>, times: readonly string[]): Cells {
  const cells: Cells = {};
  for (const [k, v] of Object.entries(values)) {
    if (times.includes(k)) cells[k] = v ? toApiDateTime(v as Dayjs) : null;
    else cells[k] = (v as string | undefined) ?? null;
  }
  return cells;
}

interface BadCell {
  line?: number;
  column: string;
  value: string;
  message: string;
}

function ImportButton({ onFile, testId }: { onFile(file: File): Promise<unknown>; testId: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  return (
    <Upload
      accept=".csv,.xlsx"
      showUploadList={false}
      beforeUpload={(file) => {
        setBusy(true);
        void onFile(file).finally(() => setBusy(false));
        return false;
      }}
    >
      <Button icon={<UploadOutlined />} loading={busy} data-testid={testId}>
        {t('trs.agencyWork.import')}
      </Button>
    </Upload>
  );
}

function useImport(id: string, code: string, kind: 'returns' | 'border-checks') {
  const { t } = useI18n();
  const [result, setResult] = useState<{ ok?: string; error?: string; cells?: BadCell[] }>();
  const run = async (file: File) => {
    try {
      const r = await uploadAgencyFile(id, code, kind, file);
      setResult({ ok: t('trs.agencyWork.imported', { stored: r.stored }) });
    } catch (e) {
      const err = e instanceof ApiError ? e : undefined;
      const cells = (err?.details as { bad_cells?: BadCell[] } | undefined)?.bad_cells;
      setResult({ error: err?.message ?? String(e), cells });
    }
  };
  const view = result && (
    <div style={{ marginBottom: 12 }} data-testid="trs-agency-import-result">
      {result.ok && <Alert type="success" showIcon message={result.ok} />}
      {result.error && <Alert type="error" showIcon message={result.error} />}
      {result.cells && (
        <Table<BadCell>
          size="small"
          rowKey={(c, i) => `${c.line}-${c.column}-${i}`}
          dataSource={result.cells}
          pagination={{ pageSize: 10 }}
          data-testid="trs-agency-bad-cells"
          columns={lineIssueColumns<BadCell>(t, [
            { title: t('trs.agencyWork.column'), dataIndex: 'column', width: 160 },
            { title: t('trs.agencyWork.value'), dataIndex: 'value', width: 160 },
          ])}
        />
      )}
    </div>
  );
  return { run, view };
}

function ReturnsTable({ id, code }: { id: string; code: string }) {
  const { t, lang } = useI18n();
  const list = useServerTable<AgencyWorkRow, Page<AgencyWorkRow> & { returned: number; agency: { name: string; ministry_name: string } }>(
    ['trs', 'agency-returns', id, code],
    (p) => trsAgencies.returns(id, code, p),
    { inUrl: false },
  );
  const [editing, setEditing] = useState<AgencyWorkRow>();
  const imports = useImport(id, code, 'returns');
  const time = (v: string | null | undefined) => fmtDateTime(v, lang);
  const initial = (r: AgencyWorkRow) => {
    const v: Record<string, unknown> = { registration_no: r.returned?.registration_no ?? '', result_no: r.returned?.result_no ?? '' };
    for (const k of RETURN_TIMES) v[k] = r.returned?.[k] ? toVietnamTime(r.returned[k] as string) : null;
    return v;
  };
  return (
    <>
      <PageHeader
        title={list.data?.agency.name ?? code}
        subtitle={list.data ? `${list.data.agency.ministry_name} · ${t('trs.agencyWork.progress', { returned: list.data.returned, total: list.data.total })}` : undefined}
        extra={<ImportButton onFile={imports.run} testId="trs-agency-import" />}
      />
      <LoadError error={list.error} />
      <Typography.Paragraph type="secondary">{t('trs.agencyWork.fileHint')}</Typography.Paragraph>
      {imports.view}
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('trs.records.number')}
          style={{ width: 240 }}
          onSearch={(q) => list.setFilters({ q })}
          data-testid="trs-agency-search"
        />
        <Space>
          <Switch onChange={(on) => list.setFilters({ missing: on ? 'true' : '' })} data-testid="trs-agency-missing" />
          {t('trs.agencyWork.missingOnly')}
        </Space>
      </Space>
      <Table<AgencyWorkRow>
        rowKey="declaration_no"
        {...list.tableProps}
        scroll={{ x: 1200 }}
        data-testid="trs-agency-returns"
        columns={[
          { title: t('trs.records.number'), dataIndex: 'declaration_no', width: 140 },
          { title: t('trs.study.branchCode'), dataIndex: 'branch_code', width: 80 },
          { title: t('trs.agencies.bill'), dataIndex: 'bill_of_lading' },
          { title: t('trs.agencies.registration'), dataIndex: 'registration_no' },
          { title: t('trs.agencyWork.registered'), key: 'reg', render: (_, r) => time(r.returned?.registered_at) },
          { title: t('trs.agencyWork.sampling'), key: 'smp', render: (_, r) => time(r.returned?.sampling_at) },
          { title: t('trs.agencyWork.result'), key: 'res', render: (_, r) => time(r.returned?.result_at) },
          { title: t('trs.agencyWork.handedOver'), key: 'hand', render: (_, r) => time(r.returned?.handed_over_at) },
          {
            title: t('trs.agencyWork.state'),
            key: 'state',
            render: (_, r) =>
              r.returned ? (
                <StatusTag status="DONE" label={t('trs.agencyWork.returned')} />
              ) : (
                <Tag>{t('trs.agencyWork.notReturned')}</Tag>
              ),
          },
          {
            title: '',
            key: 'edit',
            fixed: 'right',
            render: (_, r) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} data-testid={`trs-agency-edit-${r.declaration_no}`}>
                {t('common.edit')}
              </Button>
            ),
          },
        ]}
      />
      <FormModal<Record<string, unknown>>
        open={editing !== undefined}
        title={`${t('trs.agencyWork.enter')} ${editing?.declaration_no ?? ''}`}
        initialValues={editing ? initial(editing) : undefined}
        onClose={() => setEditing(undefined)}
        okTestId="trs-agency-save"
        onSubmit={async (v) => {
          await trsAgencies.putReturn(id, code, editing!.declaration_no, cellsOf(v, RETURN_TIMES));
          setEditing(undefined);
        }}
      >
        <Form.Item name="registration_no" label={t('trs.agencies.registration')} rules={[{ max: 100 }]}>
          <Input />
        </Form.Item>
        {RETURN_TIMES.map((k) => (
          <Form.Item key={k} name={k} label={t(`trs.agencyWork.${k}`)}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} data-testid={`trs-agency-${k}`} />
          </Form.Item>
        ))}
        <Form.Item name="result_no" label={t('trs.agencies.certificate')} rules={[{ max: 100 }]}>
          <Input data-testid="trs-agency-result-no" />
        </Form.Item>
      </FormModal>
    </>
  );
}

function BorderTable({ id, code }: { id: string; code: string }) {
  const { t, lang } = useI18n();
  const list = useServerTable<BorderCheck>(['trs', 'border-checks', id, code], (p) => trsAgencies.borderChecks(id, code, p), { inUrl: false });
  const [adding, setAdding] = useState(false);
  const imports = useImport(id, code, 'border-checks');
  return (
    <>
      <PageHeader
        title={t('trs.agencyWork.border')}
        subtitle={t('trs.agencyWork.borderHint')}
        extra={
          <Space>
            <Button onClick={() => setAdding(true)} data-testid="trs-border-add">
              {t('common.create')}
            </Button>
            <ImportButton onFile={imports.run} testId="trs-border-import" />
          </Space>
        }
      />
      <LoadError error={list.error} />
      {imports.view}
      <Input.Search allowClear placeholder={t('trs.agencyWork.vehicle')} style={{ width: 260, marginBottom: 12 }} onSearch={(q) => list.setFilters({ q })} />
      <Table<BorderCheck>
        rowKey={(c) => `${c.vehicle}/${c.voyage}`}
        {...list.tableProps}
        data-testid="trs-border-checks"
        columns={[
          { title: t('trs.agencyWork.vehicle'), dataIndex: 'vehicle' },
          { title: t('trs.agencyWork.voyage'), dataIndex: 'voyage' },
          { title: t('trs.agencyWork.check_start_at'), dataIndex: 'check_start_at', render: (v) => fmtDateTime(v, lang) },
          { title: t('trs.agencyWork.check_end_at'), dataIndex: 'check_end_at', render: (v) => fmtDateTime(v, lang) },
          { title: t('trs.agencyWork.updatedBy'), dataIndex: 'updated_by' },
        ]}
      />
      <FormModal<Record<string, unknown>>
        open={adding}
        title={t('trs.agencyWork.border')}
        onClose={() => setAdding(false)}
        okTestId="trs-border-save"
        onSubmit={async (v) => {
          await trsAgencies.putBorderCheck(id, code, cellsOf(v, BORDER_TIMES));
          setAdding(false);
        }}
      >
        <Form.Item name="vehicle" label={t('trs.agencyWork.vehicle')} rules={[{ required: true, max: 100 }]}>
          <Input data-testid="trs-border-vehicle" />
        </Form.Item>
        <Form.Item name="voyage" label={t('trs.agencyWork.voyage')} rules={[{ max: 50 }]}>
          <Input />
        </Form.Item>
        {BORDER_TIMES.map((k) => (
          <Form.Item key={k} name={k} label={t(`trs.agencyWork.${k}`)}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        ))}
      </FormModal>
    </>
  );
}

export default function AgencyReturnsPage() {
  const { id = '', code = '' } = useParams();
  const agencies = useApiQuery(['trs', 'agencies'], trsAgencies.agencies);
  const agency = agencies.data?.items.find((a) => a.code === code);
  if (agencies.error) return <LoadError error={agencies.error} />;
  if (!agency) return null;
  return agency.kind === 'BORDER_GUARD' ? <BorderTable id={id} code={code} /> : <ReturnsTable id={id} code={code} />;
}
