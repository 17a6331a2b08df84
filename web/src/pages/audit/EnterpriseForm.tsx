// Create / edit an enterprise profile (form 01/KTSTQ). The tax code is checked while typing; the server's
// INVALID_TAX_CODE / INVALID_FIELD land beside the field it names. An edit sends only what changed.
import { App, Col, DatePicker, Divider, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { audit, type Enterprise, type EnterpriseFields, type ProfileValue } from '../../api/audit';
import { useI18n, type DictKey } from '../../i18n';
import { useFormSubmit } from '../../hooks/useFormSubmit';
import { MoneyInput } from './common';
import { parseTaxCode } from './taxCode';

/** Profile fields written one item per line (the server keeps them as lists). */
const LIST_FIELDS = ['contacts', 'business_lines', 'factories', 'warehouses', 'main_goods', 'main_partners', 'related_parties'] as const;
const TEXT_FIELDS = ['name', 'foreign_name', 'address', 'legal_representative', 'phone', 'email', 'ownership', 'aeo_status', 'accounting_software'] as const;

type FormValues = {
  tax_code: string;
  established_on?: Dayjs | null;
  charter_capital?: number | null;
  compliance_level?: number;
} & Partial<Record<(typeof TEXT_FIELDS)[number] | (typeof LIST_FIELDS)[number], string>>;

function listText(v: ProfileValue | undefined): string {
  return Array.isArray(v) ? v.join('\n') : (v ?? '');
}

function toLines(s: string | undefined): string[] {
  return (s ?? '')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean);
}

function initialValues(e: Enterprise | null): FormValues {
  if (!e) return { tax_code: '', compliance_level: 0 };
  const v: FormValues = {
    tax_code: e.tax_code,
    established_on: e.established_on ? dayjs(e.established_on) : null,
    charter_capital: e.charter_capital || null,
    compliance_level: e.compliance_level,
  };
  for (const k of TEXT_FIELDS) v[k] = typeof e[k] === 'string' ? (e[k] as string) : listText(e[k] as ProfileValue);
  for (const k of LIST_FIELDS) v[k] = listText(e[k]);
  return v;
}

function toFields(v: FormValues): EnterpriseFields {
  const f: EnterpriseFields = {
    established_on: v.established_on ? v.established_on.format('YYYY-MM-DD') : '',
    charter_capital: v.charter_capital ?? 0,
    compliance_level: v.compliance_level ?? 0,
  };
  for (const k of TEXT_FIELDS) (f as Record<string, unknown>)[k] = (v[k] ?? '').trim();
  for (const k of LIST_FIELDS) (f as Record<string, unknown>)[k] = toLines(v[k]);
  return f;
}

/** What differs from the stored profile (lists compared by content; an empty list equals an empty text). */
function changed(before: EnterpriseFields, after: EnterpriseFields): EnterpriseFields {
  const norm = (x: unknown) => (Array.isArray(x) ? (x.length ? JSON.stringify(x) : '') : x ?? '');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(after)) if (norm(v) !== norm((before as Record<string, unknown>)[k])) out[k] = v;
  return out as EnterpriseFields;
}

export function taxCodeRule(t: (k: DictKey) => string) {
  return {
    validator: (_: unknown, value: string) => {
      const r = parseTaxCode(value ?? '');
      if ('code' in r) return Promise.resolve();
      return Promise.reject(new Error(t(`audit.taxCode.${r.problem}` as DictKey)));
    },
  };
}

export function EnterpriseFormModal({
  editing,
  open,
  onClose,
  onDone,
}: {
  editing: Enterprise | null;
  open: boolean;
  onClose(): void;
  onDone(e: Enterprise): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const label = (k: string) => t(`audit.ent.${k}` as DictKey);

  const { busy, submit } = useFormSubmit(form, async (v: FormValues) => {
    const fields = toFields(v);
    let saved: Enterprise;
    if (editing) {
      const patch = changed(toFields(initialValues(editing)), fields);
      if (Object.keys(patch).length === 0) {
        message.info(t('audit.ent.nothingChanged'));
        onClose();
        return;
      }
      saved = await audit.updateEnterprise(editing.tax_code, patch);
      message.success(t('audit.ent.updated', { code: saved.tax_code }));
    } else {
      const body = Object.fromEntries(
        Object.entries(fields).filter(([, x]) => !(x === '' || (Array.isArray(x) && !x.length) || x === 0)),
      ) as EnterpriseFields;
      saved = await audit.createEnterprise({ ...body, tax_code: v.tax_code.trim(), name: (v.name ?? '').trim() });
      message.success(t('audit.ent.created', { code: saved.tax_code }));
    }
    onDone(saved);
  });

  const text = (k: (typeof TEXT_FIELDS)[number], extra: object = {}) => (
    <Form.Item name={k} label={label(k)} {...extra}>
      <Input id={`ent_${k}`} />
    </Form.Item>
  );
  const lines = (k: (typeof LIST_FIELDS)[number]) => (
    <Form.Item name={k} label={label(k)} extra={t('audit.ent.onePerLine')}>
      <Input.TextArea id={`ent_${k}`} autoSize={{ minRows: 2, maxRows: 6 }} />
    </Form.Item>
  );

  return (
    <Modal
      open={open}
      width={920}
      title={editing ? t('audit.ent.editTitle', { code: editing.tax_code }) : t('audit.ent.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'enterprise-form-ok' } as Record<string, string>}
      destroyOnHidden
      styles={{ body: { maxHeight: '70vh', overflowY: 'auto', paddingRight: 8 } }}
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={initialValues(editing)}>
        <Divider titlePlacement="start" plain>
          {t('audit.ent.sectionGeneral')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="tax_code"
              label={label('tax_code')}
              extra={editing ? undefined : t('audit.ent.taxCodeHint')}
              rules={editing ? [] : [{ required: true, message: t('common.required', { field: label('tax_code').toLowerCase() }) }, taxCodeRule(t)]}
              validateFirst
            >
              <Input id="ent_tax_code" disabled={!!editing} inputMode="numeric" autoComplete="off" maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            {text('name', { rules: [{ required: true, whitespace: true, message: t('common.required', { field: label('name').toLowerCase() }) }, { max: 500 }] })}
          </Col>
          <Col xs={24} sm={12}>{text('foreign_name')}</Col>
          <Col xs={24} sm={12}>{text('legal_representative')}</Col>
          <Col xs={24}>{text('address')}</Col>
          <Col xs={24} sm={8}>
            {text('phone', { rules: [{ pattern: /^[0-9+() .-]{8,20}$/, message: t('accounts.phoneInvalid') }] })}
          </Col>
          <Col xs={24} sm={8}>{text('email', { rules: [{ type: 'email', message: t('accounts.emailInvalid') }] })}</Col>
          <Col xs={24} sm={8}>
            <Form.Item name="established_on" label={label('established_on')}>
              <DatePicker id="ent_established_on" style={{ width: '100%' }} format="DD/MM/YYYY" disabledDate={(d) => d.isAfter(dayjs())} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="charter_capital" label={label('charter_capital')}>
              <MoneyInput id="ent_charter_capital" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>{text('ownership')}</Col>
          <Col xs={24} sm={8}>{text('accounting_software')}</Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('audit.ent.sectionCompliance')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} sm={12}>{text('aeo_status')}</Col>
          <Col xs={24} sm={12}>
            <Form.Item name="compliance_level" label={label('compliance_level')} extra={t('audit.ent.complianceHint')}>
              <Select
                id="ent_compliance_level"
                options={[0, 1, 2, 3, 4, 5].map((n) => ({ value: n, label: t(`audit.compliance.${n}` as DictKey) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start" plain>
          {t('audit.ent.sectionBusiness')}
        </Divider>
        <Row gutter={12}>
          {LIST_FIELDS.map((k) => (
            <Col xs={24} sm={12} key={k}>
              {lines(k)}
            </Col>
          ))}
        </Row>
      </Form>
    </Modal>
  );
}
