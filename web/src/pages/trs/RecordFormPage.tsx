// Form entry of one declaration: forms 01-NK / 01-XK, sections A–K, required (*) fields marked, date-times as
// DD/MM HH:mm (24 h), checks as you type (POST …/records/check, debounced), corrections field by field.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, List, Radio, Row, Select, Skeleton, Space } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import dayjs from 'dayjs';
import { trs, type CellProblem, type Cells, type ColumnDef, type Issue } from '../../api/trs';
import { errorMessage, isApiError } from '../../api/errors';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { HistoryDrawer } from '../../components/HistoryDrawer';
import { columnsFor, LoadError, REQUIRED, SECTIONS, sectionOf, StudyHeader, useStudy, useTrsColumns } from './common';

const CELL_TIME = 'YYYY-MM-DD HH:mm:ss';

/** A time cell: picked and shown as DD/MM HH:mm (24 h); the year comes from the study when typed without one. */
function TimeCell({ value, onChange, year, id }: { value?: string; onChange?(v: string): void; year: number; id?: string }) {
  const parsed = value ? dayjs(value, [CELL_TIME, 'YYYY-MM-DD HH:mm'], true) : null;
  return (
    <DatePicker
      id={id}
      showTime={{ format: 'HH:mm' }}
      format="DD/MM HH:mm"
      value={parsed && parsed.isValid() ? parsed : null}
      defaultPickerValue={dayjs(`${year}-06-16`)}
      needConfirm={false}
      style={{ width: '100%' }}
      inputReadOnly={false}
      // Enter confirms the typed value (the picker does that before this handler); it must not also submit the
      // form, whose other fields are likely still empty.
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.preventDefault();
      }}
      onChange={(d) => {
        if (!d) return onChange?.('');
        const fixed = d.year() === dayjs().year() && year !== dayjs().year() ? d.year(year) : d;
        onChange?.(fixed.second(0).format(CELL_TIME));
      }}
    />
  );
}

/** The control of one column; Form.Item passes value/onChange/id, forwarded to the inner control. */
function CellInput({ column, year, ...control }: { column: ColumnDef; year: number; value?: never; onChange?: never; id?: string }) {
  const { t } = useI18n();
  const rest = control as Record<string, unknown>;
  switch (column.kind) {
    case 'time':
      return <TimeCell year={year} {...rest} />;
    case 'yes_no':
      return (
        <Radio.Group
          {...rest}
          optionType="button"
          options={[
            { value: 'Y', label: t('trs.yes') },
            { value: 'N', label: t('trs.no') },
            { value: '', label: '—' },
          ]}
        />
      );
    case 'enum':
      return <Select {...rest} allowClear options={column.values.map((v) => ({ value: v, label: v }))} />;
    case 'list':
      return <Select {...rest} mode="multiple" allowClear options={column.values.map((v) => ({ value: v, label: v }))} />;
    default:
      return <Input {...rest} maxLength={column.name === 'delay_note' ? 2000 : 200} />;
  }
}

// Form values ↔ cells: lists are arrays in the form and ';'-joined in cells.
function toCells(values: Record<string, unknown>): Cells {
  const cells: Cells = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    cells[k] = Array.isArray(v) ? v.join(';') : String(v);
  }
  return cells;
}
function fromCells(columns: ColumnDef[], cells: Cells): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const c of columns) {
    const v = cells[c.name];
    if (v === undefined) continue;
    values[c.name] = c.kind === 'list' ? v.split(';').filter(Boolean) : v;
  }
  return values;
}

export default function RecordFormPage() {
  const { id = '', no } = useParams();
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const study = useStudy(id);
  const meta = useTrsColumns();
  const existing = useApiQuery(['trs', 'record', id, no], () => trs.record(id, no!), { enabled: !!no });
  const [form] = Form.useForm();
  const flow = (Form.useWatch('flow', form) as string | undefined) ?? 'NK';
  const [problems, setProblems] = useState<CellProblem[]>([]);
  const [warnings, setWarnings] = useState<Issue[]>([]);
  const [saving, setSaving] = useState(false);
  const timer = useRef<number>(undefined);
  const initialCells = useRef<Cells>({});

  const columns = useMemo(() => (meta.data ? columnsFor(meta.data.columns, flow) : []), [meta.data, flow]);
  // Filled once per record (and again when the stored record changes), not each time the study is refetched:
  // a save elsewhere refetches the study (its record counts) while this form is being typed.
  const onlyBranch = study.data?.branches.length === 1 ? study.data.branches[0].code : '';
  useEffect(() => {
    if (!meta.data) return;
    const cells = existing.data?.cells ?? { flow: 'NK', branch_code: onlyBranch };
    initialCells.current = existing.data?.cells ?? {};
    form.resetFields();
    form.setFieldsValue(fromCells(meta.data.columns, cells));
  }, [meta.data, existing.data, onlyBranch, form]);

  // Checks as you type: the same validation as a save, without saving.
  const check = () => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(async () => {
      try {
        const r = await trs.check(id, toCells(form.getFieldsValue(true)));
        setProblems(r.problems);
        setWarnings(r.warnings);
      } catch {
        /* the save reports it */
      }
    }, 400);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const save = async () => {
    const cells = toCells(form.getFieldsValue(true));
    setSaving(true);
    try {
      if (no) {
        const changes: Record<string, string | null> = {};
        for (const c of meta.data?.columns ?? []) {
          const before = initialCells.current[c.name] ?? '';
          const after = cells[c.name] ?? '';
          if (before !== after) changes[c.name] = after === '' ? null : after;
        }
        const r = await trs.updateRecord(id, no, changes);
        setWarnings(r.warnings);
        setProblems([]);
        initialCells.current = r.record.cells;
        message.success(r.changes ? `${t('trs.form.saved')}: ${r.changes}` : t('trs.form.noChange'));
        if (r.record.declaration_no !== no) navigate(`/trs/studies/${id}/records/${r.record.declaration_no}`, { replace: true });
      } else {
        const r = await trs.createRecord(id, cells);
        message.success(t('trs.form.saved'));
        setWarnings(r.warnings);
        navigate(`/trs/studies/${id}/records/${r.record.declaration_no}`, { replace: true });
      }
    } catch (e) {
      if (isApiError(e) && Array.isArray(e.details.cells)) setProblems(e.details.cells as CellProblem[]);
      message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const problemOf = (name: string) => problems.find((p) => p.column === name);
  const year = study.data?.year ?? dayjs().year();
  const label = (c: ColumnDef) => (
    <span>
      {c.form_ref && <span className="trs-ref">{c.form_ref.split(' / ')[flow === 'XK' ? 1 : 0] ?? c.form_ref}. </span>}
      {lang === 'vi' ? c.label_vi : c.label_en}
    </span>
  );

  return (
    <>
      <StudyHeader
        study={study.data}
        page="entry"
        extra={no && <HistoryDrawer entityType="trs_record" entityId={`${id}/${no.slice(0, 11)}`} />}
      />
      <LoadError error={study.error ?? meta.error ?? existing.error} />
      {!meta.data ? (
        <Skeleton active />
      ) : (
        <Form form={form} layout="vertical" onValuesChange={check} onFinish={save} requiredMark>
          <Alert type="info" showIcon message={`${t('trs.form.title', { form: flow === 'XK' ? '01-XK' : '01-NK' })} — ${t('trs.form.required')}`} style={{ marginBottom: 16 }} />
          {SECTIONS.map((s) => {
            const cols = columns.filter((c) => sectionOf(c.name) === s);
            if (cols.length === 0) return null;
            return (
              <Card key={s} size="small" title={t(`trs.form.section.${s}`)} className="trs-section" style={{ marginBottom: 12 }}>
                <Row gutter={16}>
                  {cols.map((c) => {
                    const p = problemOf(c.name);
                    return (
                      <Col key={c.name} xs={24} sm={12} lg={8}>
                        <Form.Item
                          name={c.name}
                          label={label(c)}
                          required={REQUIRED.has(c.name)}
                          validateStatus={p ? 'error' : undefined}
                          help={p?.message}
                          data-testid={`cell-${c.name}`}
                        >
                          <CellInput column={c} year={year} />
                        </Form.Item>
                      </Col>
                    );
                  })}
                </Row>
              </Card>
            );
          })}
          {warnings.length > 0 && (
            <Alert
              type="warning"
              showIcon
              message={t('trs.form.warnings')}
              description={<List size="small" dataSource={warnings} renderItem={(w) => <List.Item>{w.message}</List.Item>} />}
              style={{ marginBottom: 12 }}
              data-testid="trs-warnings"
            />
          )}
          <Space className="no-print" style={{ position: 'sticky', bottom: 0, background: 'var(--ant-color-bg-container, #fff)', padding: '8px 0', width: '100%' }}>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('common.save')}
            </Button>
            <Button onClick={() => navigate(`/trs/studies/${id}/records`)}>{t('menu.trs.records')}</Button>
          </Space>
        </Form>
      )}
    </>
  );
}
