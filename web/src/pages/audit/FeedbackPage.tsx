// Feedback on functions (annex of letter 7301/TCHQ-KTSTQ): any audit user proposes to change or add a function
// (function name, proposal, reason); administrators see the list.
import { Alert, App, Button, Card, Col, Form, Input, Row, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { audit, type Feedback } from '../../api/audit';
import { errorMessage } from '../../api/errors';
import { useServerTable } from '../../hooks/useServerTable';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { StatusTag } from '../../components/Status';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { DateTimeCell, useAuditRights } from './common';
import { ListExportButton } from './ListExportButton';
import { ServerTable } from '../../components/ServerTable';

interface FeedbackForm {
  function_name: string;
  proposal: string;
  reason: string;
}

function FeedbackList() {
  const { t, tk } = useI18n();
  const table = useServerTable<Feedback>(['audit', 'feedback'], audit.feedback, { inUrl: false });
  if (table.error) return <Alert type="error" showIcon title={errorMessage(table.error)} />;
  return (
    <ServerTable<Feedback> table={table} rowKey="id" size="middle" data-testid="feedback-list"
      columns={[
        { title: '#', dataIndex: 'id', width: 60 },
        { title: t('audit.fb.at'), dataIndex: 'created_at', render: (v: string) => <DateTimeCell value={v} /> },
        { title: t('audit.fb.from'), key: 'from', render: (_, f) => <span><Typography.Text strong>{f.username}</Typography.Text> <Tag color="blue">{f.unit_code}</Tag></span> },
        { title: t('audit.fb.function'), dataIndex: 'function_name', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
        { title: t('audit.fb.proposal'), dataIndex: 'proposal', render: (v: string) => <div style={{ maxWidth: 380, whiteSpace: 'pre-wrap' }}>{v}</div> },
        { title: t('audit.fb.reason'), dataIndex: 'reason', render: (v: string) => <div style={{ maxWidth: 320, whiteSpace: 'pre-wrap' }}>{v}</div> },
        { title: t('audit.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} label={tk(`audit.fb.status.${s}`, s)} /> },
      ]}
    />
  );
}

export default function FeedbackPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const rights = useAuditRights();
  const [form] = Form.useForm<FeedbackForm>();
  const { busy, submit } = useFormSubmit(form, async (v: FeedbackForm) => {
    const f = await audit.sendFeedback({ function_name: v.function_name.trim(), proposal: v.proposal.trim(), reason: v.reason.trim() });
    message.success(t('audit.fb.sent', { id: f.id }));
    form.resetFields();
  });
  const req = (label: string) => ({ required: true, whitespace: true, message: t('common.required', { field: label.toLowerCase() }) });
  return (
    <div>
      <PageHeader section="audit.fb" />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={rights.seesFeedback ? 8 : 14}>
          <Card size="small" title={t('audit.fb.form')}>
            <Form<FeedbackForm> form={form} layout="vertical" onFinish={submit}>
              <Form.Item name="function_name" label={t('audit.fb.function')} rules={[req(t('audit.fb.function')), { max: 300 }]}>
                <Input id="fb_function_name" placeholder={t('audit.fb.functionPlaceholder')} />
              </Form.Item>
              <Form.Item name="proposal" label={t('audit.fb.proposal')} rules={[req(t('audit.fb.proposal')), { max: 4000 }]}>
                <Input.TextArea id="fb_proposal" rows={4} showCount maxLength={4000} />
              </Form.Item>
              <Form.Item name="reason" label={t('audit.fb.reason')} rules={[req(t('audit.fb.reason')), { max: 4000 }]}>
                <Input.TextArea id="fb_reason" rows={3} showCount maxLength={4000} />
              </Form.Item>
              <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={busy} data-testid="feedback-send">{t('audit.fb.send')}</Button>
            </Form>
          </Card>
        </Col>
        {rights.seesFeedback && (
          <Col xs={24} xl={16}>
            <Card size="small" title={t('audit.fb.list')} extra={<ListExportButton list="feedback" params={{}} />}>
              <FeedbackList />
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
