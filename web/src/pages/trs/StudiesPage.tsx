// Study list and setup (analysts at the General Department / platform administrators set studies up).
import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { trs, type Study, type StudyInput } from '../../api/trs';
import { hasAnyRole, useAuth } from '../../auth/AuthContext';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { fmtDate, fmtDateTime } from '../../utils/format';
import { LoadError } from './common';

interface FormValues {
  name: string;
  week: dayjs.Dayjs;
  branches: Array<{ code: string; route: 'SEA' | 'AIR' | 'ROAD'; sampling_rule?: 'FULL_WEEK' | 'WED_FRI' }>;
  agency_weeks_before: number;
  excluded_type_codes: string[];
  world_bank_branches: string[];
  follow_up_days: number;
  period_start?: dayjs.Dayjs | null;
  period_end?: dayjs.Dayjs | null;
}

export function StudyForm({ study, open, onClose, onSaved }: { study?: Study; open: boolean; onClose(): void; onSaved(s: Study): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FormValues>();
  const initial: Partial<FormValues> = study
    ? {
        ...study,
        week: dayjs(study.week_start),
        period_start: study.period_start ? dayjs(study.period_start) : null,
        period_end: study.period_end ? dayjs(study.period_end) : null,
      }
    : {
        branches: [{ code: '', route: 'SEA', sampling_rule: 'WED_FRI' }],
        excluded_type_codes: ['C21', 'G51', 'G61'],
        world_bank_branches: ['02CI'],
        follow_up_days: 30,
        agency_weeks_before: 1,
      };
  const { busy: saving, submit } = useFormSubmit(form, async (v) => {
    const input: StudyInput = {
      name: v.name,
      year: v.week.add(5, 'day').year(),
      week_start: v.week.format('YYYY-MM-DD'),
      branches: v.branches.map((b) => ({ code: b.code.trim().toUpperCase(), route: b.route, sampling_rule: b.sampling_rule })),
      agency_weeks_before: v.agency_weeks_before,
      excluded_type_codes: v.excluded_type_codes ?? [],
      world_bank_branches: v.world_bank_branches ?? [],
      follow_up_days: v.follow_up_days,
      // A study shorter than the week (the seed's half-day pilot); the server reads local "YYYY-MM-DD HH:mm".
      period_start: v.period_start ? v.period_start.format('YYYY-MM-DD HH:mm') : null,
      period_end: v.period_end ? v.period_end.format('YYYY-MM-DD HH:mm') : null,
    };
    onSaved(study ? await trs.updateStudy(study.id, input) : await trs.createStudy(input));
  });
  return (
    <Modal
      open={open}
      title={study ? t('trs.study.edit') : t('trs.study.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} preserve={false}>
        <Form.Item name="name" label={t('trs.study.name')} rules={[{ required: true }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="week" label={t('trs.study.week')} extra={t('trs.study.weekHint')} rules={[{ required: true }]}>
          <DatePicker
            format="DD/MM/YYYY"
            disabledDate={(d) => d.day() !== 1}
            style={{ width: '100%' }}
            data-testid="trs-week"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="period_start" label={t('trs.study.periodStart')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" data-testid="trs-period-start" />
          </Form.Item>
          <Form.Item name="period_end" label={t('trs.study.periodEnd')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" data-testid="trs-period-end" />
          </Form.Item>
        </Space>
        <Form.Item label={t('trs.study.branches')} required>
          <Form.List name="branches">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Form.Item name={[f.name, 'code']} rules={[{ required: true, pattern: /^\d{2}[A-Za-z0-9]{2}$/ }]}>
                      <Input placeholder={t('trs.study.branchCode')} maxLength={4} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'route']}>
                      <Select
                        style={{ width: 150 }}
                        options={(['SEA', 'AIR', 'ROAD'] as const).map((r) => ({ value: r, label: t(`trs.route.${r}`) }))}
                        onChange={(r: string) =>
                          // The seed's default: road branches the whole week, sea and air Wednesday–Friday.
                          form.setFieldValue(['branches', f.name, 'sampling_rule'], r === 'ROAD' ? 'FULL_WEEK' : 'WED_FRI')
                        }
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'sampling_rule']} tooltip={t('trs.sampling.hint')}>
                      <Select
                        style={{ width: 210 }}
                        data-testid="trs-sampling-rule"
                        options={(['FULL_WEEK', 'WED_FRI'] as const).map((r) => ({ value: r, label: t(`trs.sampling.${r}`) }))}
                      />
                    </Form.Item>
                    {fields.length > 1 && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />}
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ code: '', route: 'SEA', sampling_rule: 'WED_FRI' })}>
                  {t('trs.study.addBranch')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="excluded_type_codes" label={t('trs.study.excluded')} extra={t('trs.study.excludedHint')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} />
        </Form.Item>
        <Form.Item name="world_bank_branches" label={t('trs.study.worldBank')}>
          <Select mode="tags" tokenSeparators={[',', ' ']} />
        </Form.Item>
        <Form.Item name="follow_up_days" label={t('trs.study.followUpDays')} rules={[{ required: true }]}>
          <InputNumber min={1} max={365} />
        </Form.Item>
        <Form.Item name="agency_weeks_before" label={t('trs.study.agencyWeeks')} extra={t('trs.study.agencyWeeksHint')}>
          <InputNumber min={1} max={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function StudiesPage() {
  const { t, lang } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const studies = useApiQuery(['trs', 'studies'], trs.studies);
  const [editing, setEditing] = useState<Study | null | undefined>(undefined);
  const canManage = hasAnyRole(me, ['platform.admin']) || (hasAnyRole(me, ['trs.analyst']) && me?.unit_level === 'TONG_CUC');
  return (
    <>
      <PageHeader
        title={t('menu.trs.studies')}
        extra={
          canManage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
              {t('trs.study.new')}
            </Button>
          )
        }
      />
      <LoadError error={studies.error} />
      <Table<Study>
        rowKey="id"
        loading={studies.loading}
        dataSource={studies.data?.items}
        locale={{ emptyText: t('trs.study.none') }}
        scroll={{ x: 900 }}
        columns={[
          { title: t('trs.study.name'), dataIndex: 'name', render: (v, s) => <Link to={`/trs/studies/${s.id}/report`}>{v}</Link> },
          { title: t('trs.study.week'), render: (_, s) => `${fmtDate(s.week_start, lang)} – ${fmtDate(s.week_end, lang)}` },
          { title: t('trs.study.branches'), render: (_, s) => s.branches.map((b) => <Tag key={b.code}>{b.code}</Tag>) },
          { title: t('trs.study.records'), dataIndex: 'records', align: 'right' },
          { title: t('trs.study.followUpLimit'), dataIndex: 'follow_up_limit', render: (v) => fmtDateTime(v, lang) },
          {
            title: '',
            render: (_, s) => (
              <Space wrap size="small">
                <Link to={`/trs/studies/${s.id}/records/new`}>{t('menu.trs.entry')}</Link>
                <Link to={`/trs/studies/${s.id}/import`}>{t('menu.trs.import')}</Link>
                <Link to={`/trs/studies/${s.id}/followup`}>{t('menu.trs.followup')}</Link>
                {s.can_manage && <a onClick={() => setEditing(s)}>{t('trs.study.edit')}</a>}
              </Space>
            ),
          },
        ]}
      />
      <StudyForm
        open={editing !== undefined}
        study={editing ?? undefined}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          message.success(t('common.save'));
        }}
      />
    </>
  );
}
