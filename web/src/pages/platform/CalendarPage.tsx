// Working calendar: year/month views with holidays and make-up days, holiday list, adjustments (administrators),
// working hours, and a working-day deadline calculator.
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Alert, App, Button, Calendar, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Popconfirm, Radio, Row, Segmented, Select, Space, Spin, Table, Tag,
  TimePicker, Typography, type TableProps,
} from 'antd';
import { CalculatorOutlined, ClockCircleOutlined, DeleteOutlined, LeftOutlined, MinusCircleOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { calendar } from '../../api/platform';
import type { Adjustment, CalendarDay, Holiday } from '../../api/types';
import { errorMessage } from '../../api/errors';
import { hasAnyRole, useAuth } from '../../auth/AuthContext';
import { useI18n, type TFunction } from '../../i18n';
import { useApiQuery } from '../../hooks/query';
import { Page } from '../../components/PageHeader';
import { Outcome } from '../../components/Outcome';
import { classifyDay, monthGrid, periodProblems, WEEK, weekday, type DayKind } from '../../utils/calendar';
import { fmtDate, toApiDate, toApiDateTime, vietnamToday } from '../../utils/format';
import { useFormSubmit } from '../../hooks/useFormSubmit';

type View = 'year' | 'month';

const KIND_LABEL: Record<DayKind, Parameters<TFunction>[0]> = {
  working: 'calendar.working',
  weekend: 'calendar.weekend',
  holiday: 'calendar.holiday',
  makeup: 'calendar.makeup',
  off: 'calendar.dayOff',
};

function Legend() {
  const { t } = useI18n();
  return (
    <div className="hq-legend">
      <span className="l-holiday">{t('calendar.holiday')}</span>
      <span className="l-off">{t('calendar.dayOff')}</span>
      <span className="l-makeup">{t('calendar.makeup')}</span>
      <span className="l-weekend">{t('calendar.weekend')}</span>
    </div>
  );
}

function MiniMonth({ year, month, days, adjustments, onOpen }: { year: number; month: number; days: CalendarDay[]; adjustments: Adjustment[]; onOpen(): void }) {
  const { t, lang, te } = useI18n();
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  const today = vietnamToday();
  const heads = WEEK.map((w) => te('weekday', w));
  const short = (s: string) => (lang === 'vi' ? (s.startsWith('Chủ') ? 'CN' : 'T' + (heads.indexOf(s) + 2)) : s.slice(0, 2));
  return (
    <div className="hq-mini" data-testid={`mini-month-${month}`}>
      <div className="hq-mini__title" onClick={onOpen} role="button">
        {dayjs(`${year}-${String(month).padStart(2, '0')}-01`).format(lang === 'vi' ? '[Tháng] M' : 'MMMM')}
      </div>
      <table>
        <thead>
          <tr>
            {heads.map((h) => (
              <th key={h}>{short(h)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(year, month).map((row, i) => (
            <tr key={i}>
              {row.map((date, j) => {
                if (!date) return <td key={j} />;
                const d = byDate.get(date);
                const kind = d ? classifyDay(d, adjustments) : 'working';
                const title = d?.holiday ?? (kind !== 'working' ? t(KIND_LABEL[kind]) : undefined);
                return (
                  <td key={j} className={`hq-day--${kind}${date === today ? ' hq-day--today' : ''}`} title={title ? `${fmtDate(date, lang)}: ${title}` : undefined}>
                    {Number(date.slice(8))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function YearView({ year, adjustments, onOpenMonth }: { year: number; adjustments: Adjustment[]; onOpenMonth(m: number): void }) {
  const months = useApiQuery(['platform', 'calendar', 'year', year], () =>
    Promise.all(Array.from({ length: 12 }, (_, i) => calendar.month(year, i + 1).then((r) => r.days))),
  );
  if (months.error) return <Alert type="error" showIcon title={errorMessage(months.error)} />;
  return (
    <Spin spinning={months.loading}>
      <div className="hq-year" data-testid="year-view">
        {Array.from({ length: 12 }, (_, i) => (
          <MiniMonth key={i} year={year} month={i + 1} days={months.data?.[i] ?? []} adjustments={adjustments} onOpen={() => onOpenMonth(i + 1)} />
        ))}
      </div>
    </Spin>
  );
}

function MonthView({ value, onChange, adjustments }: { value: Dayjs; onChange(d: Dayjs): void; adjustments: Adjustment[] }) {
  const { t, lang } = useI18n();
  const y = value.year();
  const m = value.month() + 1;
  const month = useApiQuery(['platform', 'calendar', 'month', y, m], () => calendar.month(y, m));
  const byDate = useMemo(() => new Map((month.data?.days ?? []).map((d) => [d.date, d])), [month.data]);
  return (
    <Spin spinning={month.loading}>
      {month.error ? <Alert type="error" showIcon title={errorMessage(month.error)} style={{ marginBottom: 8 }} /> : null}
      <Calendar
        value={value}
        onPanelChange={(d) => onChange(d)}
        onSelect={(d, info) => info.source !== 'date' && onChange(d)}
        headerRender={({ value: v, onChange: change }) => (
          <Space style={{ marginBottom: 12 }}>
            <Button icon={<LeftOutlined />} onClick={() => change(v.subtract(1, 'month'))} aria-label="previous" />
            <Typography.Title level={4} style={{ margin: 0, minWidth: 180, textAlign: 'center', textTransform: 'capitalize' }}>
              {v.format(lang === 'vi' ? '[Tháng] M/YYYY' : 'MMMM YYYY')}
            </Typography.Title>
            <Button icon={<RightOutlined />} onClick={() => change(v.add(1, 'month'))} aria-label="next" />
          </Space>
        )}
        fullCellRender={(d, info) => {
          if (info.type !== 'date') return info.originNode;
          const date = d.format('YYYY-MM-DD');
          const day = byDate.get(date);
          const other = d.month() !== value.month();
          const kind = day ? classifyDay(day, adjustments) : 'working';
          return (
            <div className={`hq-cal-date hq-day--${kind}${date === vietnamToday() ? ' hq-cal-date--today' : ''}`} style={{ opacity: other ? 0.35 : 1 }}>
              <div className="hq-cal-date__value">{d.date()}</div>
              <div className="hq-cal-cell">
                {day && kind !== 'working' && kind !== 'weekend' && (
                  <Tag color={kind === 'holiday' ? 'red' : kind === 'makeup' ? 'green' : 'orange'} style={{ whiteSpace: 'normal' }}>
                    {day.holiday ?? adjustments.find((a) => a.date === date)?.name ?? t(KIND_LABEL[kind])}
                  </Tag>
                )}
              </div>
            </div>
          );
        }}
      />
    </Spin>
  );
}

/** A small table of the year's rows, all on one page, `empty` shown when there are none. */
function YearTable<T extends object>({ rows, empty, ...rest }: { rows: T[]; empty: string } & Omit<TableProps<T>, 'dataSource'>) {
  return <Table<T> size="small" pagination={false} dataSource={rows} locale={{ emptyText: empty }} scroll={{ x: 'max-content' }} {...rest} />;
}

function HolidayList({ year, holidays, loading }: { year: number; holidays: Holiday[]; loading: boolean }) {
  const { t, lang, te } = useI18n();
  return (
    <Card title={t('calendar.holidays', { year })} style={{ height: '100%' }}>
      <YearTable<Holiday>
        data-testid="holiday-list"
        rowKey={(h) => h.date + h.name}
        rows={holidays}
        loading={loading}
        empty={t('calendar.noHolidays')}
        columns={[
          { title: t('calendar.date'), dataIndex: 'date', render: (d: string) => fmtDate(d, lang) },
          { title: t('calendar.weekday'), dataIndex: 'date', key: 'wd', render: (d: string) => te('weekday', weekday(d)) },
          { title: t('calendar.name'), dataIndex: 'name' },
          {
            title: t('calendar.source'),
            dataIndex: 'source',
            render: (s: Holiday['source']) => <Tag color={s === 'STATUTORY' ? 'red' : 'orange'}>{te('calendar.source', s)}</Tag>,
          },
        ]}
      />
    </Card>
  );
}

function Adjustments({ year, items, loading, admin, onChanged }: { year: number; items: Adjustment[]; loading: boolean; admin: boolean; onChanged(): void }) {
  const { t, lang, te } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ date: Dayjs; working: boolean; name: string }>();
  const { busy, submit: add } = useFormSubmit(form, async (v: { date: Dayjs; working: boolean; name: string }) => {
    await calendar.addAdjustment({ date: toApiDate(v.date), working: v.working, name: v.name.trim() });
    message.success(t('common.saved'));
    form.resetFields();
    onChanged();
  });
  const remove = async (a: Adjustment) => {
    try {
      await calendar.deleteAdjustment(a.id);
      message.success(t('common.saved'));
      onChanged();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Card title={t('calendar.adjustments', { year })} style={{ height: '100%' }}>
      <YearTable<Adjustment>
        rowKey="id"
        rows={items}
        loading={loading}
        empty={t('calendar.noAdjustments')}
        columns={[
          { title: t('calendar.date'), dataIndex: 'date', render: (d: string) => `${fmtDate(d, lang)} (${te('weekday', weekday(d))})` },
          {
            title: t('calendar.adjWorking'),
            dataIndex: 'working',
            render: (w: boolean) => (w ? <Tag color="green">{t('calendar.makeup')}</Tag> : <Tag color="orange">{t('calendar.dayOff')}</Tag>),
          },
          { title: t('calendar.adjName'), dataIndex: 'name' },
          ...(admin
            ? [
                {
                  title: '',
                  key: 'del',
                  render: (_: unknown, a: Adjustment) => (
                    <Popconfirm title={t('calendar.confirmDelete', { date: fmtDate(a.date, lang) })} okText={t('common.delete')} cancelText={t('common.cancel')} onConfirm={() => remove(a)}>
                      <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {admin && (
        <Form form={form} layout="vertical" onFinish={add} style={{ marginTop: 16 }} initialValues={{ working: false }} disabled={busy}>
          <Typography.Text strong>{t('calendar.addAdjustment')}</Typography.Text>
          <Row gutter={8} style={{ marginTop: 8 }}>
            <Col xs={24} sm={8}>
              <Form.Item name="date" label={t('calendar.date')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('calendar.date').toLowerCase() }) }]}>
                <DatePicker style={{ width: '100%' }} format="DD/MM/YYYY" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16}>
              <Form.Item name="working" label={t('calendar.adjWorking')}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: false, label: t('calendar.adjWorkingNo') },
                    { value: true, label: t('calendar.adjWorkingYes') },
                  ]}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="name" label={t('calendar.adjName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('calendar.adjName').toLowerCase() }) }]}>
            <Input placeholder={t('calendar.adjNamePlaceholder')} maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy}>
            {t('calendar.addAdjustment')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

interface HoursForm {
  periods: Array<{ start: Dayjs; end: Dayjs }>;
}

function WorkingHours({ admin }: { admin: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const hours = useApiQuery(['platform', 'calendar', 'working-hours'], calendar.workingHours);
  const [form] = Form.useForm<HoursForm>();
  const [editing, setEditing] = useState(false);
  const toForm = () => ({ periods: (hours.data?.periods ?? []).map((p) => ({ start: dayjs(p.start, 'HH:mm'), end: dayjs(p.end, 'HH:mm') })) });
  const { busy, submit: save } = useFormSubmit(form, async (v: HoursForm) => {
    await calendar.setWorkingHours({ periods: v.periods.map((p) => ({ start: p.start.format('HH:mm'), end: p.end.format('HH:mm') })) });
    message.success(t('common.saved'));
    setEditing(false);
  });
  const validatePeriods = async (_: unknown, periods: HoursForm['periods'] | undefined) => {
    const ps = (periods ?? []).filter((p) => p?.start && p?.end).map((p) => ({ start: p.start.format('HH:mm'), end: p.end.format('HH:mm') }));
    const problems = periodProblems(ps);
    if (problems.includes('order')) throw new Error(t('calendar.periodInvalid'));
    if (problems.includes('overlap')) throw new Error(t('calendar.periodOverlap'));
  };
  return (
    <Card
      title={<><ClockCircleOutlined /> {t('calendar.workingHours')}</>}
      extra={admin && !editing && hours.data && <Button size="small" onClick={() => { form.setFieldsValue(toForm()); setEditing(true); }}>{t('common.edit')}</Button>}
      style={{ height: '100%' }}
    >
      {hours.loading ? (
        <Spin />
      ) : hours.error ? (
        <Alert type="error" showIcon title={errorMessage(hours.error)} />
      ) : !editing ? (
        <Space orientation="vertical">
          {hours.data?.periods.map((p, i) => (
            <div key={i}>
              <Typography.Text type="secondary">{t('calendar.period', { n: i + 1 })}:</Typography.Text>{' '}
              <Typography.Text strong>
                {p.start} – {p.end}
              </Typography.Text>
            </div>
          ))}
        </Space>
      ) : (
        <Form form={form} onFinish={save} disabled={busy}>
          <Form.List name="periods" rules={[{ validator: validatePeriods }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" wrap>
                    <Typography.Text>{t('calendar.period', { n: i + 1 })}</Typography.Text>
                    <Form.Item name={[f.name, 'start']} rules={[{ required: true, message: '' }]} style={{ marginBottom: 8 }}>
                      <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} />
                    </Form.Item>
                    –
                    <Form.Item name={[f.name, 'end']} rules={[{ required: true, message: '' }]} style={{ marginBottom: 8 }}>
                      <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                <Form.ErrorList errors={errors} />
                {fields.length < 4 && (
                  <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />} style={{ margin: '8px 0' }}>
                    {t('calendar.addPeriod')}
                  </Button>
                )}
              </>
            )}
          </Form.List>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('common.save')}
            </Button>
            <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}

function Calculator() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<{ from: Dayjs; days: number }>();
  const [result, setResult] = useState<string | null>(null);
  const { busy, submit: compute } = useFormSubmit(form, async (v: { from: Dayjs; days: number }) => {
    try {
      const r = await calendar.addWorkingDays(toApiDateTime(v.from), v.days);
      setResult(r.result);
    } catch (e) {
      setResult(null);
      throw e;
    }
  });
  const resultDay = result ? dayjs(result.slice(0, 19)) : null;
  return (
    <Card title={<><CalculatorOutlined /> {t('calendar.calculator')}</>} style={{ height: '100%' }}>
      <Form form={form} layout="vertical" onFinish={compute} initialValues={{ from: dayjs().second(0), days: 5 }} onValuesChange={() => setResult(null)}>
        <Row gutter={8}>
          <Col xs={24} sm={14}>
            <Form.Item name="from" label={t('calendar.from')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('calendar.from').toLowerCase() }) }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="DD/MM/YYYY HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="days" label={t('calendar.days')} rules={[{ required: true, message: t('common.required', { field: t('calendar.days').toLowerCase() }) }]}>
              <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} icon={<CalculatorOutlined />}>
          {t('calendar.compute')}
        </Button>
      </Form>
      {resultDay && (
        <Outcome
          testId="calc-result"
          title={t('calendar.result')}
          description={
            <Typography.Text strong style={{ textTransform: 'capitalize' }}>
              {resultDay.format(lang === 'vi' ? 'dddd, HH:mm DD/MM/YYYY' : 'dddd, D MMMM YYYY HH:mm')}
            </Typography.Text>
          }
        />
      )}
    </Card>
  );
}

export default function CalendarPage() {
  const { me } = useAuth();
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const currentYear = Number(vietnamToday().slice(0, 4));
  const year = Number(search.get('year')) || currentYear;
  const view: View = search.get('view') === 'month' ? 'month' : 'year';
  const month = Math.min(12, Math.max(1, Number(search.get('month')) || (year === currentYear ? Number(vietnamToday().slice(5, 7)) : 1)));
  const admin = hasAnyRole(me, ['platform.admin']);
  const holidays = useApiQuery(['platform', 'calendar', 'holidays', year], () => calendar.holidays(year));
  const adjustments = useApiQuery(['platform', 'calendar', 'adjustments', year], () => calendar.adjustments(year));
  const [rev, setRev] = useState(0);

  const go = (p: { year?: number; view?: View; month?: number }) =>
    setSearch({ year: String(p.year ?? year), view: p.view ?? view, month: String(p.month ?? month) }, { replace: true });

  const years = Array.from({ length: 11 }, (_, i) => currentYear - 5 + i);
  const adjItems = adjustments.data?.items ?? [];
  const changed = () => {
    setRev((r) => r + 1);
  };

  return (
    <Page
      title={t('calendar.title')}
      extra={
        <Space wrap>
          <Segmented<View>
            value={view}
            onChange={(v) => go({ view: v })}
            options={[
              { value: 'year', label: t('calendar.yearView') },
              { value: 'month', label: t('calendar.monthView') },
            ]}
          />
          <Select<number>
            value={year}
            onChange={(y) => go({ year: y })}
            options={years.map((y) => ({ value: y, label: `${t('calendar.year')} ${y}` }))}
            style={{ width: 120 }}
            data-testid="year-select"
          />
        </Space>
      }
    >
      <Card style={{ marginBottom: 16 }} extra={<Legend />} title={view === 'year' ? `${t('calendar.year')} ${year}` : t('calendar.monthView')}>
        {view === 'year' ? (
          <YearView key={rev} year={year} adjustments={adjItems} onOpenMonth={(m) => go({ view: 'month', month: m })} />
        ) : (
          <MonthView
            key={rev}
            value={dayjs(`${year}-${String(month).padStart(2, '0')}-01`)}
            onChange={(d) => go({ year: d.year(), month: d.month() + 1 })}
            adjustments={adjItems}
          />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          {holidays.error ? (
            <Alert type="error" showIcon title={errorMessage(holidays.error)} />
          ) : (
            <HolidayList year={year} holidays={holidays.data?.items ?? []} loading={holidays.loading} />
          )}
        </Col>
        <Col xs={24} xl={12}>
          {adjustments.error ? (
            <Card title={t('calendar.adjustments', { year })}>
              <Empty description={errorMessage(adjustments.error)} />
            </Card>
          ) : (
            <Adjustments year={year} items={adjItems} loading={adjustments.loading} admin={admin} onChanged={changed} />
          )}
        </Col>
        <Col xs={24} md={12}>
          <WorkingHours admin={admin} />
        </Col>
        <Col xs={24} md={12}>
          <Calculator />
        </Col>
      </Row>
    </Page>
  );
}
