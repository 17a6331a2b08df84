// Pieces shared by the audit pages: rights, reference data, money, status tags, duplicates, the enterprise
// picker, clear messages for the rule refusals (409), and a prompt for the reason of a transition.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useApiQuery } from '../../hooks/query';
import { StatusTag as SharedStatusTag } from '../../components/Status';
import { Alert, App, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Tooltip, Typography, type InputNumberProps, type TableColumnType } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { audit, type AuditReference, type Duplicate, type Enterprise } from '../../api/audit';
import { ApiError, errorMessage } from '../../api/errors';
import { hasAnyRole, useAuth } from '../../auth/AuthContext';
import { useI18n, type DictKey, type TFunction } from '../../i18n';
import type { Lang } from '../../i18n/translate';
import { fmtDate, fmtDateTime } from '../../utils/format';
import './audit.css';

/** The post-clearance audit department (Cục KTSTQ): keeps the key-enterprise list, reads nationwide. */
export const AUDIT_DEPARTMENT = 'KTSTQ';

export function useAuditRights() {
  const { me } = useAuth();
  const admin = hasAnyRole(me, ['platform.admin']);
  const leader = admin || hasAnyRole(me, ['audit.leader']);
  const inDepartment = me?.unit_code === AUDIT_DEPARTMENT;
  return {
    me,
    admin,
    leader,
    inDepartment,
    keepsKeyList: admin || (leader && inDepartment),
    seesFeedback: admin || hasAnyRole(me, ['unit.admin']) || (leader && inDepartment),
  };
}

// ---- reference data (risk areas, limits), fetched once per session ----

export function useAuditReference(): AuditReference | undefined {
  return useApiQuery(['audit', 'reference'], audit.reference, { staleTime: Infinity }).data;
}

// ---- money (đồng) ----

const moneyFormats: Record<Lang, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }),
};

/** 1.250.000.000 (vi) / 1,250,000,000 (en). */
export function fmtNumber(n: number | null | undefined, lang: Lang): string {
  return n === null || n === undefined ? '—' : moneyFormats[lang].format(n);
}

export function fmtMoney(n: number | null | undefined, lang: Lang): string {
  return n === null || n === undefined ? '—' : `${moneyFormats[lang].format(n)} ${lang === 'vi' ? 'đ' : 'VND'}`;
}

/** Whole đồng with thousands separators while typing (the separator of the language). */
export function MoneyInput(props: InputNumberProps<number>) {
  const { lang } = useI18n();
  const sep = lang === 'vi' ? '.' : ',';
  return (
    <InputNumber<number>
      min={0}
      max={1e15}
      precision={0}
      style={{ width: '100%' }}
      suffix={lang === 'vi' ? 'đ' : 'VND'}
      formatter={(v) => (v === undefined || v === null || `${v}` === '' ? '' : `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, sep))}
      parser={(v) => Number((v ?? '').replace(/[^\d]/g, '')) as unknown as number}
      inputMode="numeric"
      {...props}
    />
  );
}

// ---- statuses ----

/** An audit item's status (its label from the audit dictionary, the code itself when unknown). */
export function StatusTag({ status }: { status: string }) {
  const { tk } = useI18n();
  return <SharedStatusTag status={status} label={tk(`audit.status.${status}`, status)} />;
}

export function PlaceTag({ place }: { place: string | null | undefined }) {
  const { tk } = useI18n();
  if (!place) return null;
  return <Tag color={place === 'PREMISES' ? 'geekblue' : 'cyan'}>{tk(`audit.place.${place}`, place)}</Tag>;
}

export function groundsLabel(tk: (k: string, f?: string) => string, grounds: string): string {
  return grounds
    .split('; ')
    .map((g) => tk(`audit.ground.${g}`, g))
    .join('; ');
}

/** An item of an enterprise (proposal, collection) in a list. */
interface EnterpriseItem {
  tax_code: string;
  enterprise_name: string;
  unit_code: string;
  unit_name: string;
}
type SortOrderFor = (field: string) => 'ascend' | 'descend' | null;

/** The list column of the item's enterprise: tax code (a link to its record) over its name. */
export function enterpriseColumn<T extends EnterpriseItem>(t: TFunction, sortOrderFor: SortOrderFor, maxWidth: number): TableColumnType<T> {
  return {
    title: t('audit.enterprise'),
    key: 'enterprise',
    sorter: true,
    sortOrder: sortOrderFor('enterprise'),
    render: (_, x) => (
      <div style={{ minWidth: 220, maxWidth }}>
        <Link to={`/audit/enterprises/${encodeURIComponent(x.tax_code)}`}>{x.tax_code}</Link>
        <div>{x.enterprise_name}</div>
      </div>
    ),
  };
}

/** The list column of the item's unit: its code, named in a tooltip. */
export function unitColumn<T extends EnterpriseItem>(t: TFunction, sortOrderFor: SortOrderFor): TableColumnType<T> {
  return {
    title: t('audit.unit'),
    dataIndex: 'unit_code',
    key: 'unit_code',
    sorter: true,
    sortOrder: sortOrderFor('unit_code'),
    render: (v: string, x) => <Tooltip title={x.unit_name}><Tag color="blue">{v}</Tag></Tooltip>,
  };
}

/** How many other open proposals or collections concern the same enterprise (none: nothing shown). */
export function DuplicateCountTag({ n }: { n: number }) {
  const { t } = useI18n();
  if (n <= 0) return null;
  return (
    <Tooltip title={t('audit.duplicates.count', { n })}>
      <Tag color="orange" icon={<WarningOutlined />}>{n}</Tag>
    </Tooltip>
  );
}

/** The list column of the item's status: its tag, then `more` (duplicates, a late entry, findings). */
export function statusColumn<T extends { status: string }>(t: TFunction, sortOrderFor: SortOrderFor, more: (x: T) => ReactNode): TableColumnType<T> {
  return {
    title: t('audit.status'),
    dataIndex: 'status',
    key: 'status',
    sorter: true,
    sortOrder: sortOrderFor('status'),
    render: (s: string, x) => (
      <span style={{ whiteSpace: 'nowrap' }}>
        <StatusTag status={s} />
        {more(x)}
      </span>
    ),
  };
}

export function DateCell({ value }: { value: string | null | undefined }) {
  const { lang } = useI18n();
  return <span style={{ whiteSpace: 'nowrap' }}>{fmtDate(value, lang)}</span>;
}

export function DateTimeCell({ value }: { value: string | null | undefined }) {
  const { lang } = useI18n();
  return <span style={{ whiteSpace: 'nowrap' }}>{fmtDateTime(value, lang)}</span>;
}

// ---- records carried over from STQ01 (read-only, found by the duplicate search alike) ----

export function SourceTag({ source, origin }: { source?: string; origin?: string | null }) {
  const { t } = useI18n();
  if (source !== 'STQ01') return null;
  return (
    <Tooltip title={t('audit.stq01.tagHint', { number: origin ?? '' })}>
      <Tag color="purple" data-testid="stq01-tag" style={{ marginInlineStart: 6 }}>STQ01</Tag>
    </Tooltip>
  );
}

// ---- duplicates (rule 3) ----

export function duplicateLink(d: Duplicate): string {
  return d.kind === 'PROPOSAL' ? `/audit/proposals/${d.id}` : `/audit/collections?open=${d.id}`;
}

/** Names every other unit's open item for the same enterprise. */
export function DuplicatesAlert({ duplicates, compact }: { duplicates: Duplicate[]; compact?: boolean }) {
  const { t, tk } = useI18n();
  if (!duplicates.length) return null;
  const items = (
    <List
      size="small"
      split={false}
      dataSource={duplicates}
      renderItem={(d) => (
        <List.Item style={{ padding: '2px 0' }} data-testid="duplicate-item">
          <Space wrap size={4}>
            <Tag>{tk(`audit.kind.${d.kind}`, d.kind)}</Tag>
            <Link to={duplicateLink(d)}>{d.number}</Link>
            <SourceTag source={d.source} />
            <span>
              — <Typography.Text strong>{d.unit_code}</Typography.Text> {d.unit_name}
            </span>
            <StatusTag status={d.status} />
          </Space>
        </List.Item>
      )}
    />
  );
  return (
    <Alert
      type="warning"
      showIcon
      icon={<WarningOutlined />}
      data-testid="duplicates"
      title={t('audit.duplicates.title', { n: duplicates.length })}
      description={compact ? items : <>{t('audit.duplicates.hint')}{items}</>}
      style={{ marginBottom: 12 }}
    />
  );
}

// ---- rule refusals ----

const RULE_CODES = [
  'SEARCH_REQUIRED',
  'KEY_ENTERPRISE',
  'EARLIER_PROPOSAL_PENDING',
  'ALREADY_APPROVED_THIS_YEAR',
  'INVALID_TRANSITION',
  'DURATION_EXCEEDED',
  'PERIOD_OUTSIDE_WINDOW',
  'ENTERPRISE_EXISTS',
  'ALREADY_KEY_ENTERPRISE',
  'ORIGINAL_DECISION_EXISTS',
  'ORIGINAL_DECISION_REQUIRED',
  'DECISION_CANCELLED',
  'CONCLUSION_EXISTS',
  'CONCLUSION_REQUIRED',
  'PROPOSAL_NOT_APPROVED',
  'ALREADY_CONCLUDED',
  'FORBIDDEN',
] as const;

/** A heading that says which rule refused, and the server's sentence (which names the other proposal). */
export function ruleError(e: unknown, t: TFunction): { title: string; text: string; code?: string } {
  if (e instanceof ApiError && (RULE_CODES as readonly string[]).includes(e.code))
    return { title: t(`audit.rule.${e.code}` as DictKey), text: e.message, code: e.code };
  if (e instanceof ApiError && e.status === 403) return { title: t('audit.rule.FORBIDDEN'), text: e.message, code: e.code };
  return { title: t('common.error'), text: errorMessage(e) };
}

/** Shows a refusal as a modal with the rule named (409s deserve more than a toast). */
export function useRuleError() {
  const { modal } = App.useApp();
  const { t } = useI18n();
  return (e: unknown) => {
    const r = ruleError(e, t);
    modal.error({
      title: r.title,
      content: <div data-testid="rule-error" data-code={r.code}>{r.text}</div>,
      okText: t('common.close'),
    });
  };
}

/** Runs an action: the text it answers shows as a success message, a refusal as the rule's dialog (useRuleError). */
export function useRuleAction() {
  const { message } = App.useApp();
  const showRule = useRuleError();
  return async (work: () => Promise<string>) => {
    try {
      message.success(await work());
    } catch (e) {
      showRule(e);
    }
  };
}

// ---- reason prompt (reject, pause, cancel) ----

export interface ReasonPrompt {
  title: ReactNode;
  okText: string;
  danger?: boolean;
  /** Ask for a reason (required when `required`). */
  reason?: 'required' | 'optional' | 'none';
  run(reason: string): Promise<unknown>;
}

/** A modal asking for a reason, running the action, and keeping the modal open on failure. */
export function ReasonModal({ prompt, onClose }: { prompt: ReasonPrompt | null; onClose(done: boolean): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const showRule = useRuleError();
  const submit = async (v: { reason?: string }) => {
    if (!prompt) return;
    setBusy(true);
    try {
      await prompt.run((v.reason ?? '').trim());
      onClose(true);
    } catch (e) {
      showRule(e);
    } finally {
      setBusy(false);
    }
  };
  const mode = prompt?.reason ?? 'none';
  return (
    <Modal
      open={!!prompt}
      title={prompt?.title}
      okText={prompt?.okText}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: prompt?.danger, 'data-testid': 'reason-ok' } as { danger?: boolean }}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} preserve={false}>
        {mode === 'none' ? (
          <Typography.Paragraph>{t('audit.confirmAction')}</Typography.Paragraph>
        ) : (
          <Form.Item
            name="reason"
            label={t('audit.reason')}
            rules={mode === 'required' ? [{ required: true, whitespace: true, message: t('audit.reasonRequired') }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount autoFocus id="action_reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

// ---- enterprise picker (server search by tax code or name without diacritics) ----

export function EnterpriseSelect({
  value,
  onChange,
  id,
  placeholder,
  testId,
}: {
  value?: string;
  onChange?(v: string | undefined, e?: Enterprise): void;
  id?: string;
  placeholder?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Enterprise[]>([]);
  const [loading, setLoading] = useState(false);
  const run = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const search = (q: string) => {
    clearTimeout(timer.current);
    if (!q.trim()) return;
    timer.current = setTimeout(async () => {
      const me = ++run.current;
      setLoading(true);
      try {
        const r = await audit.enterprises({ q: q.trim(), page_size: 20 });
        if (me === run.current) setOptions(r.items);
      } catch {
        if (me === run.current) setOptions([]);
      } finally {
        if (me === run.current) setLoading(false);
      }
    }, 250);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  const opts = useMemo(
    () =>
      options.map((e) => ({
        value: e.tax_code,
        label: (
          <span>
            <Typography.Text strong>{e.tax_code}</Typography.Text> — {e.name}
          </span>
        ),
      })),
    [options],
  );
  return (
    <Select<string>
      id={id}
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      value={value}
      placeholder={placeholder ?? t('audit.enterprise.pick')}
      loading={loading}
      notFoundContent={loading ? t('common.loading') : t('audit.enterprise.pickEmpty')}
      options={opts}
      onChange={(v) => onChange?.(v, options.find((e) => e.tax_code === v))}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
