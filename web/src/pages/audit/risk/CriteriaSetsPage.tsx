// Criteria sets: every version, read-only once issued; the editor (leaders of Cục KTSTQ) makes a new set or
// the next version of one, with a live preview of how many enterprises each cut-off selects over the last
// 12 months; the hit rate of each set by score band.
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Modal, Row, Space, Table, Tag, Typography } from 'antd';
import { BarChartOutlined, PlusOutlined } from '@ant-design/icons';
import { risk, RISK_INDICATORS, type CriteriaSet, type CriteriaSetInput, type Preview, type RiskIndicatorCode } from '../../../api/risk';
import { errorMessage } from '../../../api/errors';
import { useApiQuery } from '../../../hooks/query';
import { useServerTable } from '../../../hooks/useServerTable';
import { useI18n } from '../../../i18n';
import { FormModal } from '../../../components/FormModal';
import { Page } from '../../../components/PageHeader';
import { EChart, type EChartsOption } from '../../../components/EChart';
import { fmtMoney, MoneyInput, useAuditRights } from '../common';
import { ServerTable } from '../../../components/ServerTable';

interface Row {
  code: RiskIndicatorCode;
  use: boolean;
  weight: number;
  threshold: number;
}
interface EditorValues {
  name: string;
  min_declarations: number;
  material_value: number;
  audit: number;
  monitor: number;
  rows: Row[];
}

const DEFAULT_THRESHOLDS: Record<RiskIndicatorCode, number> = {
  LOW_DUTY_RATE: 0.5, RED_SHARE: 0.3, AMENDMENT_RATE: 0.5, PREFERENTIAL_SHARE: 0.6, VALUE_GROWTH: 1, PAST_FINDINGS: 1, NEVER_AUDITED: 1,
};

function toInput(v: EditorValues): CriteriaSetInput {
  return {
    name: v.name,
    min_declarations: v.min_declarations,
    material_value: v.material_value,
    cutoffs: { audit: v.audit, monitor: v.monitor },
    indicators: v.rows.filter((r) => r.use).map((r) => ({ code: r.code, weight: r.weight, threshold: r.threshold })),
  };
}

function initialOf(base: CriteriaSet | null): Partial<EditorValues> {
  return {
    name: base?.name ?? '',
    min_declarations: base?.min_declarations ?? 5,
    material_value: base?.material_value ?? 5_000_000_000,
    audit: base?.cutoffs.audit ?? 4,
    monitor: base?.cutoffs.monitor ?? 2,
    rows: RISK_INDICATORS.map((code) => {
      const found = base?.indicators.find((i) => i.code === code);
      return { code, use: base ? !!found : true, weight: found?.weight ?? 1, threshold: found?.threshold ?? DEFAULT_THRESHOLDS[code] };
    }),
  };
}

function PreviewPanel({ values }: { values: EditorValues | undefined }) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(values ?? {});
  useEffect(() => {
    if (!values?.rows?.some((r) => r.use)) return;
    const timer = setTimeout(() => {
      risk.preview({ ...toInput(values), name: values.name || 'preview' })
        .then((p) => { setPreview(p); setError(null); })
        .catch((e) => setError(errorMessage(e)));
    }, 400);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const option = useMemo<EChartsOption | null>(() => {
    if (!preview) return null;
    const step = preview.max_score / 10;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 12, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: preview.histogram.map((_, i) => `${(i * step).toFixed(1)}–${((i + 1) * step).toFixed(1)}`) },
      yAxis: { type: 'log', name: t('risk.criteria.enterprises') },
      series: [{
        type: 'bar',
        data: preview.histogram.map((n, i) => ({
          value: Math.max(n, 0.9),
          itemStyle: { color: (i + 1) * step <= (values?.monitor ?? 0) ? '#bfbfbf' : (i * step >= (values?.audit ?? 0) ? '#cf1322' : '#faad14') },
        })),
      }],
    };
  }, [preview, values?.audit, values?.monitor, t]);
  return (
    <Card size="small" title={t('risk.criteria.preview')} data-testid="criteria-preview">
      {error && <Alert type="warning" showIcon title={error} />}
      {preview && (
        <>
          <Typography.Paragraph data-testid="criteria-preview-counts">{t('risk.criteria.previewCounts', { evaluated: preview.evaluated, audit: preview.audit, monitor: preview.monitor, excluded: preview.excluded })}</Typography.Paragraph>
          {option && <EChart option={option} height={200} />}
        </>
      )}
    </Card>
  );
}

function Editor({ base, open, onClose }: { base: CriteriaSet | null; open: boolean; onClose(): void }) {
  const { t, tk } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditorValues>();
  const values = Form.useWatch([], form) as EditorValues | undefined;
  const save = async (v: EditorValues) => {
    const s = await risk.createCriteriaSet(toInput(v));
    message.success(t('risk.criteria.saved', { name: s.name, version: s.version }));
    onClose();
  };
  const max = (values?.rows ?? []).filter((r) => r.use).reduce((a, r) => a + (r.weight || 0), 0);
  return (
    <FormModal<EditorValues> open={open} form={form} width={980} title={base ? t('risk.criteria.newVersion') : t('risk.criteria.new')}
      onClose={onClose} onSubmit={save} initialValues={initialOf(base)} okTestId="criteria-save"
      aliases={{ 'cutoffs.audit': 'audit', 'cutoffs.monitor': 'monitor' }}>
      <Row gutter={12}>
        <Col span={12}><Form.Item name="name" label={t('risk.criteria.name')} rules={[{ required: true, message: t('audit.required') }]}><Input maxLength={200} data-testid="criteria-name" /></Form.Item></Col>
        <Col span={6}><Form.Item name="min_declarations" label={t('risk.criteria.minDeclarations')}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={6}><Form.Item name="material_value" label={t('risk.criteria.materialValue')}><MoneyInput style={{ width: '100%' }} /></Form.Item></Col>
      </Row>
      <Form.List name="rows">
        {(fields) => (
          <table className="hq-risk-criteria" style={{ width: '100%', marginBottom: 12 }}>
            <thead>
              <tr><th>{t('risk.criteria.use')}</th><th style={{ textAlign: 'left' }}>{t('risk.criteria.indicator')}</th><th>{t('risk.criteria.weight')}</th><th>{t('risk.criteria.threshold')}</th></tr>
            </thead>
            <tbody>
              {fields.map((f, i) => {
                const code = RISK_INDICATORS[i];
                return (
                  <tr key={f.key}>
                    <td><Form.Item name={[f.name, 'use']} valuePropName="checked" noStyle><Checkbox data-testid={`criteria-use-${code}`} /></Form.Item></td>
                    <td><Typography.Text strong>{code}</Typography.Text><br /><Typography.Text type="secondary">{tk(`risk.indicator.${code}`, code)}</Typography.Text></td>
                    <td><Form.Item name={[f.name, 'weight']} noStyle><InputNumber min={0.01} max={1000} step={0.5} /></Form.Item></td>
                    <td><Form.Item name={[f.name, 'threshold']} noStyle><InputNumber min={0.0001} step={0.1} /></Form.Item></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Form.List>
      <Row gutter={12}>
        <Col span={8}><Form.Item name="audit" label={t('risk.criteria.cutoffAudit')}><InputNumber min={0} max={max} step={0.5} style={{ width: '100%' }} data-testid="criteria-audit" /></Form.Item></Col>
        <Col span={8}><Form.Item name="monitor" label={t('risk.criteria.cutoffMonitor')}><InputNumber min={0} max={max} step={0.5} style={{ width: '100%' }} /></Form.Item></Col>
        <Col span={8}><Typography.Text>{t('risk.criteria.maxScore')}: <Tag>{max.toFixed(2)}</Tag></Typography.Text></Col>
      </Row>
      <PreviewPanel values={values} />
    </FormModal>
  );
}

function Feedback({ set, onClose }: { set: CriteriaSet; onClose(): void }) {
  const { t, lang } = useI18n();
  const q = useApiQuery(['audit', 'risk', 'feedback', set.id], () => risk.feedback(set.id));
  return (
    <Modal open title={t('risk.criteria.feedbackTitle', { name: set.name, version: set.version })} onCancel={onClose} footer={null} width={820}>
      {q.error ? <Alert type="error" showIcon title={errorMessage(q.error)} /> : null}
      <Table size="small" pagination={false} rowKey="from" dataSource={q.data?.bands ?? []}
        columns={[
          { title: t('risk.criteria.band'), render: (_, b) => `${b.from.toFixed(1)} – ${b.to.toFixed(1)}` },
          { title: t('risk.criteria.proposals'), dataIndex: 'proposals', align: 'right' },
          { title: t('risk.criteria.concluded'), dataIndex: 'concluded', align: 'right' },
          { title: t('risk.criteria.hitRate'), dataIndex: 'hit_rate', align: 'right', render: (x: number) => `${(x * 100).toFixed(0)} %` },
          { title: t('risk.criteria.amountPerAudit'), dataIndex: 'amount_per_audit', align: 'right', render: (x: number) => fmtMoney(Math.round(x), lang) },
        ]} />
    </Modal>
  );
}

export default function CriteriaSetsPage() {
  const { t } = useI18n();
  const rights = useAuditRights();
  const table = useServerTable<CriteriaSet>(['audit', 'risk', 'criteria-sets'], (p) => risk.criteriaSets(p));
  const [editing, setEditing] = useState<{ base: CriteriaSet | null } | null>(null);
  const [feedback, setFeedback] = useState<CriteriaSet | null>(null);
  return (
    <Page
      section="risk.criteria"
      extra={rights.keepsKeyList && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ base: null })} data-testid="criteria-new">{t('risk.criteria.new')}</Button>
      )}
    >
      {!rights.keepsKeyList && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('risk.criteria.readOnly')} />}
      {table.error ? <Alert type="error" showIcon title={errorMessage(table.error)} /> : null}
      <ServerTable<CriteriaSet> table={table} rowKey="id" size="middle"
        columns={[
          { title: t('risk.criteria.name'), dataIndex: 'name' },
          { title: t('risk.criteria.version'), dataIndex: 'version', width: 90, render: (v: number) => <Tag>v{v}</Tag> },
          { title: t('risk.criteria.indicator'), render: (_, s) => <Space size={[4, 4]} wrap>{s.indicators.map((i) => <Tag key={i.code}>{i.code} ×{i.weight} / {i.threshold}</Tag>)}</Space> },
          { title: t('risk.criteria.cutoffAudit'), render: (_, s) => `${s.cutoffs.audit} / ${s.cutoffs.monitor} (${s.max_score})` },
          {
            title: '',
            width: 230,
            render: (_, s) => (
              <Space>
                <Button size="small" icon={<BarChartOutlined />} onClick={() => setFeedback(s)}>{t('risk.criteria.feedback')}</Button>
                {rights.keepsKeyList && <Button size="small" onClick={() => setEditing({ base: s })}>{t('risk.criteria.newVersion')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      {editing && <Editor base={editing.base} open onClose={() => setEditing(null)} />}
      {feedback && <Feedback set={feedback} onClose={() => setFeedback(null)} />}
    </Page>
  );
}
