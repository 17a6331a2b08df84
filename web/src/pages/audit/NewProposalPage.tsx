// "Search first" (rule 1): the officer searches the enterprise (STQ02 records and those carried over from STQ01),
// sees what exists, and only then fills the proposal, which carries the search_id. Duplicates come back at once.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Form, Input, Radio, Result, Row, Space, Steps, Table, Tag, Tooltip, Typography } from 'antd';
import { AuditOutlined, SearchOutlined, StarFilled } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { audit, type Collection, type Place, type Proposal, type ProposalWithDuplicates, type SearchResult } from '../../api/audit';
import { ApiError } from '../../api/errors';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { fmtDate, fmtDateTime } from '../../utils/format';
import { DuplicatesAlert, groundsLabel, PlaceTag, ruleError, StatusTag, useAuditReference } from './common';
import { taxCodeRule } from './EnterpriseForm';
import { type ProposalEntry } from '../../api/auditExtras';

interface ProposalForm {
  place: Place;
  grounds: string[];
  other_grounds?: string;
  period: [Dayjs, Dayjs];
  paper_approved_on?: Dayjs;
}

function SearchResults({ result }: { result: SearchResult }) {
  const { t, tk, lang } = useI18n();
  const e = result.enterprise;
  return (
    <div data-testid="search-result">
      {e ? (
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 1, xxl: 2 }} style={{ marginBottom: 12 }}
          items={[
            { key: 'tc', label: t('audit.ent.tax_code'), children: <Link to={`/audit/enterprises/${encodeURIComponent(e.tax_code)}`}>{e.tax_code}</Link> },
            { key: 'n', label: t('audit.ent.name'), children: <Typography.Text strong>{e.name}</Typography.Text> },
            { key: 'a', label: t('audit.ent.address'), children: e.address || '—' },
            { key: 'r', label: t('audit.ent.legal_representative'), children: e.legal_representative || '—' },
          ]}
        />
      ) : (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('audit.search.notInDirectory', { code: result.tax_code })} />
      )}
      {result.key_enterprise && (
        <Alert type="error" showIcon icon={<StarFilled />} style={{ marginBottom: 12 }} data-testid="search-key"
          title={t('audit.rule.KEY_ENTERPRISE')} description={t('audit.search.keyHint')} />
      )}
      <Typography.Title level={5}>{t('audit.search.proposals', { n: result.proposals.length })}</Typography.Title>
      <Table<Proposal> size="small" rowKey="id" pagination={false} dataSource={result.proposals} scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.search.noProposals')} /> }}
        columns={[
          { title: t('audit.prop.number'), dataIndex: 'number', render: (v: string, p) => <Link to={`/audit/proposals/${p.id}`}>{v}</Link> },
          { title: t('audit.unit'), dataIndex: 'unit_code', render: (v: string, p) => <Tooltip title={p.unit_name}><Tag color="blue">{v}</Tag></Tooltip> },
          { title: t('audit.prop.place'), dataIndex: 'place', render: (v: string) => <PlaceTag place={v} /> },
          { title: t('audit.prop.grounds'), dataIndex: 'grounds', render: (v: string) => groundsLabel(tk, v) },
          { title: t('audit.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: t('audit.source'), dataIndex: 'source', render: (v: string) => <Tag color={v === 'STQ01' ? 'purple' : 'default'}>{v}</Tag> },
          { title: t('audit.prop.createdAt'), dataIndex: 'created_at', render: (v: string) => fmtDateTime(v, lang) },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>{t('audit.search.collections', { n: result.collections.length })}</Typography.Title>
      <Table<Collection> size="small" rowKey="id" pagination={false} dataSource={result.collections} scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.search.noCollections')} /> }}
        columns={[
          { title: t('audit.col.number'), dataIndex: 'number', render: (v: string, c) => <Link to={`/audit/collections?open=${c.id}`}>{v}</Link> },
          { title: t('audit.unit'), dataIndex: 'unit_code', render: (v: string, c) => <Tooltip title={c.unit_name}><Tag color="blue">{v}</Tag></Tooltip> },
          { title: t('audit.col.riskAreas'), dataIndex: 'risk_areas', render: (v: string[]) => v.map((a) => <Tag key={a}>{tk(`audit.risk.${a}`, a)}</Tag>) },
          { title: t('audit.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('audit.search.validUntil', { time: fmtDateTime(result.expires_at, lang) })}
      </Typography.Paragraph>
    </div>
  );
}

export default function NewProposalPage() {
  const { t, tk, lang } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const ref = useAuditReference();
  const [searchForm] = Form.useForm<{ tax_code: string }>();
  const [form] = Form.useForm<ProposalForm>();
  const [result, setResult] = useState<SearchResult | null>(null);
  const [created, setCreated] = useState<ProposalWithDuplicates | null>(null);
  const [refusal, setRefusal] = useState<{ title: string; text: string } | null>(null);

  const { busy: searching, submit: search } = useFormSubmit(searchForm, async ({ tax_code }) => {
    setRefusal(null);
    try {
      setResult(await audit.search(tax_code.trim()));
    } catch (e) {
      setResult(null);
      throw e;
    }
  });
  useEffect(() => {
    const code = params.get('tax_code');
    if (code) {
      searchForm.setFieldsValue({ tax_code: code });
      void search({ tax_code: code });
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const { busy, submit } = useFormSubmit(form, async (v) => {
    if (!result) return;
    setRefusal(null);
    const grounds = [...v.grounds.filter((g) => g !== 'OTHER'), ...(v.grounds.includes('OTHER') && v.other_grounds?.trim() ? [v.other_grounds.trim()] : [])];
    try {
      const body: ProposalEntry = {
        tax_code: result.tax_code,
        place: v.place,
        grounds,
        period_from: v.period[0].format('YYYY-MM-DD'),
        period_to: v.period[1].format('YYYY-MM-DD'),
        search_id: result.search_id,
        // From a risk run's candidate (/audit/risk/runs/:id): the run and score go with the proposal.
        risk_run_id: Number(params.get('risk_run_id')) || undefined,
        paper_approved_on: v.paper_approved_on?.format('YYYY-MM-DD'),
      };
      const p = await audit.createProposal(body);
      setCreated(p);
    } catch (e) {
      // A refusal by the rules (409) is explained above the form; the rest goes to the fields.
      if (e instanceof ApiError && e.status === 409) setRefusal(ruleError(e, t));
      else throw e;
    }
  }, { period_from: 'period', period_to: 'period' });
  const lastYearStart = dayjs().subtract(1, 'year').startOf('year');

  const step = created ? 2 : result ? 1 : 0;
  const windowStart = dayjs().subtract(5, 'year').startOf('day');

  return (
    <div>
      <PageHeader title={t('audit.prop.newTitle')} subtitle={t('audit.prop.newSubtitle')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Steps current={step} size="small" items={[{ title: t('audit.prop.step.search') }, { title: t('audit.prop.step.form') }, { title: t('audit.prop.step.done') }]} />
      </Card>
      {created ? (
        <Card>
          <Result
            status={created.duplicates.length ? 'warning' : 'success'}
            title={<span data-testid="proposal-created">{t('audit.prop.created', { number: created.number })}</span>}
            subTitle={<Space><StatusTag status={created.status} /><span>{created.enterprise_name}</span></Space>}
            extra={[
              <Button type="primary" key="open" onClick={() => navigate(`/audit/proposals/${created.id}`)} data-testid="proposal-open">
                {t('audit.prop.open')}
              </Button>,
              <Button key="again" onClick={() => { setCreated(null); setResult(null); searchForm.resetFields(); }}>
                {t('audit.prop.another')}
              </Button>,
            ]}
          >
            <DuplicatesAlert duplicates={created.duplicates} />
          </Result>
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          <Col xs={24} xl={result ? 13 : 24}>
            <Card size="small" title={<span><SearchOutlined /> {t('audit.prop.step.search')}</span>}>
              <Form form={searchForm} layout="inline" onFinish={search} style={{ marginBottom: 12, rowGap: 8 }}>
                <Form.Item name="tax_code" rules={[{ required: true, message: t('common.required', { field: t('audit.ent.tax_code').toLowerCase() }) }, taxCodeRule(t)]} validateFirst style={{ flex: '1 1 260px' }}>
                  <Input id="search_tax_code" placeholder={t('audit.search.placeholder')} inputMode="numeric" allowClear
                    onChange={() => result && setResult(null)} />
                </Form.Item>
                <Form.Item>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={searching} data-testid="search-run">
                    {t('common.search')}
                  </Button>
                </Form.Item>
              </Form>
              {result ? <SearchResults result={result} /> : <Typography.Text type="secondary">{t('audit.search.hint')}</Typography.Text>}
            </Card>
          </Col>
          {result && (
            <Col xs={24} xl={11}>
              <Card size="small" title={<span><AuditOutlined /> {t('audit.prop.step.form')}</span>}>
                {refusal && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={refusal.title} description={refusal.text} data-testid="proposal-refusal" />}
                <Form<ProposalForm> form={form} layout="vertical" onFinish={submit}
                  initialValues={{ place: 'PREMISES', grounds: [], paper_approved_on: dayjs(), period: [dayjs().subtract(2, 'year').startOf('year'), dayjs().subtract(1, 'year').endOf('year')] }}>
                  <Form.Item label={t('audit.ent.tax_code')}>
                    <Typography.Text strong>{result.tax_code}</Typography.Text>
                    {result.enterprise && <> — {result.enterprise.name}</>}
                  </Form.Item>
                  <Form.Item name="place" label={t('audit.prop.place')} extra={ref && t('audit.prop.placeHint', { premises: ref.limits.premises_working_days, office: ref.limits.office_working_days })}>
                    <Radio.Group id="prop_place" optionType="button" buttonStyle="solid"
                      options={(['PREMISES', 'OFFICE'] as const).map((p) => ({ value: p, label: tk(`audit.place.${p}`, p) }))} />
                  </Form.Item>
                  <Form.Item name="grounds" label={t('audit.prop.grounds')} extra={t('audit.prop.groundsHint')}
                    rules={[{ required: true, type: 'array', min: 1, message: t('audit.prop.groundsRequired') }]}>
                    <Checkbox.Group data-testid="prop-grounds" style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                      options={['SIGNS_OF_VIOLATION', 'RISK_MANAGEMENT', 'COMPLIANCE_ASSESSMENT', 'OTHER'].map((g) => ({ value: g, label: tk(`audit.ground.${g}`, g) }))} />
                  </Form.Item>
                  <Form.Item noStyle shouldUpdate={(a, b) => a.grounds !== b.grounds}>
                    {({ getFieldValue }) =>
                      (getFieldValue('grounds') as string[] | undefined)?.includes('OTHER') && (
                        <Form.Item name="other_grounds" label={t('audit.prop.otherGrounds')} rules={[{ required: true, whitespace: true, message: t('audit.prop.otherGroundsRequired') }]}>
                          <Input.TextArea id="prop_other_grounds" rows={2} maxLength={2000} />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                  <Form.Item name="period" label={t('audit.prop.period')} extra={t('audit.prop.periodHint', { from: fmtDate(windowStart.format('YYYY-MM-DD'), lang) })}
                    rules={[{ required: true, message: t('audit.prop.periodRequired') }]}>
                    <DatePicker.RangePicker id="prop_period" style={{ width: '100%' }} format="DD/MM/YYYY"
                      disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(windowStart, 'day')} />
                  </Form.Item>
                  <Form.Item name="paper_approved_on" label={t('audit.prop.paperApprovedOn')} extra={t('audit.prop.paperApprovedHint')}>
                    <DatePicker id="prop_paper_approved_on" style={{ width: '100%' }} format="DD/MM/YYYY"
                      disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(lastYearStart, 'day')} />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={busy} block data-testid="proposal-submit">
                    {t('audit.prop.submit')}
                  </Button>
                </Form>
              </Card>
            </Col>
          )}
        </Row>
      )}
    </div>
  );
}
