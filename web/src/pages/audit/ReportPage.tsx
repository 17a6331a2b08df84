// Forms 19 and 20 (Decision 575/QĐ-TCHQ): unit and period pickers, the rolled-up table (the unit's own figures,
// then each subordinate unit with its subtree, then the total), reconciliation sign-off per unit, .xlsx export
// (the server's own workbook) and printing (audit.css hides the shell).
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Input, Modal, Space, Spin, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined, PrinterOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { DownloadButton } from '../../components/DownloadButton';
import { audit, type FormName, type ReportColumn, type ReportRow } from '../../api/audit';
import { errorMessage } from '../../api/errors';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { fmtDate } from '../../utils/format';
import { fmtNumber, useAuditRights, useRuleError } from './common';


const DAY = 'YYYY-MM-DD';

type Row = ReportRow & { key: string; isTotal?: boolean };

function presets(t: (k: 'audit.report.thisMonth' | 'audit.report.thisQuarter' | 'audit.report.thisYear' | 'audit.report.lastYear' | 'audit.report.quarter', v?: Record<string, number>) => string) {
  const now = dayjs();
  const q = Math.floor(now.month() / 3);
  const quarter = (y: number, i: number): [Dayjs, Dayjs] => [dayjs(new Date(y, i * 3, 1)), dayjs(new Date(y, i * 3 + 3, 0))];
  return [
    { label: t('audit.report.thisMonth'), value: [now.startOf('month'), now.endOf('month')] as [Dayjs, Dayjs] },
    { label: t('audit.report.thisQuarter'), value: quarter(now.year(), q) },
    ...[0, 1, 2, 3].map((i) => ({ label: t('audit.report.quarter', { q: i + 1, year: now.year() }), value: quarter(now.year(), i) })),
    { label: t('audit.report.thisYear'), value: [now.startOf('year'), now.endOf('year')] as [Dayjs, Dayjs] },
    { label: t('audit.report.lastYear'), value: [now.subtract(1, 'year').startOf('year'), now.subtract(1, 'year').endOf('year')] as [Dayjs, Dayjs] },
  ];
}

export function ReportPage({ form }: { form: FormName }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const rights = useAuditRights();
  const showRule = useRuleError();
  const [params, setParams] = useSearchParams();
  const unit = params.get('unit') || rights.me?.unit_code || '';
  const from = params.get('from') || dayjs().startOf('year').format(DAY);
  const to = params.get('to') || dayjs().format(DAY);
  const { data, error, loading } = useApiQuery(['audit', 'report', form, unit, from, to], () => audit.report(form, { unit, from, to }));
  const [otherUnit, setOtherUnit] = useState('');
  const [reconciling, setReconciling] = useState<ReportRow | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);

  const set = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) (v ? next.set(k, v) : next.delete(k));
    setParams(next, { replace: true });
  };

  const reconcile = async () => {
    if (!reconciling) return;
    setBusy(true);
    try {
      await audit.reconcile(form, { unit: reconciling.unit_code, from, to, note: note.trim() || undefined });
      message.success(t('audit.report.reconciled', { unit: reconciling.unit_code }));
      setReconciling(null);
      setNote('');
    } catch (e) {
      showRule(e);
    } finally {
      setBusy(false);
    }
  };

  const columns = useMemo<TableColumnsType<Row>>(() => {
    if (!data) return [];
    const value = (c: ReportColumn) => ({
      title: lang === 'vi' ? c.heading_vi : c.heading_en,
      dataIndex: ['values', c.key],
      key: c.key,
      align: 'right' as const,
      width: c.money ? 150 : 96,
      onHeaderCell: () => ({ title: `${c.heading_vi} / ${c.heading_en}` }),
      render: (v: number, r: Row) => (
        <span className={c.money ? 'hq-audit-money' : undefined} data-col={c.key} data-unit={r.isTotal ? 'TOTAL' : r.unit_code}>
          {fmtNumber(v ?? 0, lang)}
        </span>
      ),
    });
    // Consecutive columns sharing a group sit under one heading, as on the paper form.
    const out: TableColumnsType<Row> = [
      {
        title: t('audit.unit'),
        key: 'unit',
        fixed: 'left',
        width: 260,
        render: (_, r) =>
          r.isTotal ? (
            <Typography.Text strong>{t('audit.report.total')}</Typography.Text>
          ) : (
            <div>
              <Space size={4} wrap>
                {r.own_only || r.unit_code === data.unit.code ? (
                  <Tag color="blue">{r.unit_code}</Tag>
                ) : (
                  <Tooltip title={t('audit.report.drill')}>
                    <Tag color="blue" style={{ cursor: 'pointer' }} onClick={() => set({ unit: r.unit_code })}>{r.unit_code}</Tag>
                  </Tooltip>
                )}
                {r.own_only && <Tag>{t('audit.report.ownOnly')}</Tag>}
              </Space>
              <div style={{ fontSize: 12 }}>{r.unit_name}</div>
            </div>
          ),
      },
      {
        title: t('audit.report.reconciliation'),
        key: 'reconciled',
        width: 150,
        className: 'hq-audit-reconcile-col',
        render: (_, r) =>
          r.isTotal ? (
            <span>{t('audit.report.notReconciledCount', { n: data.not_reconciled.length })}</span>
          ) : r.reconciled ? (
            <Tag color="green" icon={<CheckCircleOutlined />} data-testid="reconciled">{t('audit.report.reconciledTag')}</Tag>
          ) : (
            <Space size={4} wrap>
              <Tag color="orange" icon={<ExclamationCircleOutlined />}>{t('audit.report.notReconciledTag')}</Tag>
              <Button size="small" type="link" className="hq-no-print" style={{ padding: 0 }} onClick={() => setReconciling(r)} data-testid={`reconcile-${r.unit_code}`}>
                {t('audit.report.reconcile')}
              </Button>
            </Space>
          ),
      },
    ];
    let group: { title: string; children: TableColumnsType<Row> } | null = null;
    for (const c of data.columns) {
      const title = lang === 'vi' ? c.group : c.group_en || c.group;
      if (!c.group) {
        group = null;
        out.push(value(c));
      } else if (group && group.title === title) {
        group.children.push(value(c));
      } else {
        group = { title, children: [value(c)] };
        out.push({ title, key: `g-${c.key}`, children: group.children, align: 'center', onHeaderCell: () => ({ title: `${c.group} / ${c.group_en}` }) });
      }
    }
    return out;
  }, [data, lang, t]);

  const rows: Row[] = data
    ? [
        ...data.rows.map((r) => ({ ...r, key: `${r.unit_code}-${r.own_only}` })),
        { key: 'total', unit_code: '', unit_name: '', level: '', own_only: false, reconciled: false, values: data.total, isTotal: true },
      ]
    : [];

  const title = form === 'form19' ? t('audit.report.form19') : t('audit.report.form20');
  return (
    <div className="hq-audit-report">
      <PageHeader
        title={title}
        subtitle={data ? t('audit.report.subtitle', { unit: `${data.unit.code} — ${data.unit.name}`, from: fmtDate(data.from, lang), to: fmtDate(data.to, lang) }) : t('audit.report.hint')}
        extra={
          <span className="hq-no-print">
            <Space wrap>
              <Button icon={<PrinterOutlined />} onClick={() => window.print()} disabled={!data} data-testid="report-print">{t('audit.report.print')}</Button>
              <DownloadButton
                type="primary"
                disabled={!data}
                data-testid="report-xlsx"
                download={() => audit.downloadReport(form, { unit, from, to }, `mau${form.slice(4)}_${unit}_${from}_${to}.xlsx`)}
                onDownloaded={(name) => message.success(t('audit.report.exported', { name }))}
              >
                {t('audit.report.xlsx')}
              </DownloadButton>
            </Space>
          </span>
        }
      />
      <Card size="small" className="hq-no-print" style={{ marginBottom: 12 }}>
        <div className="hq-toolbar" style={{ marginBottom: 0 }}>
          <div style={{ flex: '1 1 280px', maxWidth: 420 }}>
            <UnitTreeSelect id="report_unit" data-testid="report-unit" value={unit || undefined} allowClear={false} onChange={(v) => v && set({ unit: v })} />
          </div>
          {rights.inDepartment && (
            <Input.Search style={{ flex: '0 1 220px' }} placeholder={t('audit.report.otherUnit')} value={otherUnit} enterButton
              onChange={(e) => setOtherUnit(e.target.value.toUpperCase())} onSearch={(v) => v.trim() && set({ unit: v.trim().toUpperCase() })} />
          )}
          <DatePicker.RangePicker
            id="report_period"
            data-testid="report-period"
            format="DD/MM/YYYY"
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            presets={presets(t)}
            onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format(DAY), to: v[1].format(DAY) })}
          />
        </div>
      </Card>
      <div className="hq-print-only hq-audit-print-head">
        <div>{data?.title}</div>
        <div>{data && `${data.unit.code} — ${data.unit.name} · ${fmtDate(data.from, 'vi')} – ${fmtDate(data.to, 'vi')}`}</div>
      </div>
      {error ? <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 12 }} /> : null}
      {data && data.not_reconciled.length > 0 && (
        <Alert type="warning" showIcon icon={<SafetyCertificateOutlined />} style={{ marginBottom: 12 }} data-testid="not-reconciled"
          title={t('audit.report.notReconciled', { n: data.not_reconciled.length })}
          description={<Space wrap size={4}>{data.not_reconciled.map((c) => <Tag key={c}>{c}</Tag>)}</Space>} />
      )}
      {!data && !error ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <Table<Row>
          className="hq-audit-report-table"
          data-testid="report-table"
          size="small"
          bordered
          loading={loading}
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowClassName={(r) => (r.isTotal ? 'hq-audit-total' : r.own_only ? 'hq-audit-own' : '')}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }} className="hq-no-print">
        {t(form === 'form19' ? 'audit.report.note19' : 'audit.report.note20')}
      </Typography.Paragraph>
      <Modal open={!!reconciling} title={reconciling ? t('audit.report.reconcileTitle', { unit: reconciling.unit_code }) : ''} onCancel={() => setReconciling(null)}
        onOk={reconcile} confirmLoading={busy} okText={t('audit.report.reconcile')} cancelText={t('common.cancel')} destroyOnHidden>
        <Typography.Paragraph>{t('audit.report.reconcileText', { form: title, from: fmtDate(from, lang), to: fmtDate(to, lang) })}</Typography.Paragraph>
        <Input.TextArea rows={3} maxLength={2000} placeholder={t('audit.report.note')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </div>
  );
}

export function Form19Page() {
  return <ReportPage form="form19" />;
}

export function Form20Page() {
  return <ReportPage form="form20" />;
}

export default Form19Page;
