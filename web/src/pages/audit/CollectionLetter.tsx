// A collection's request letter (recipient: the customs declarant or an agency outside customs; number; day) and
// the leader's return of sent results for rework with an opinion (seed 000 §2.1). Shown in the collection drawer.
import { useState } from 'react';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, Radio } from 'antd';
import { MailOutlined, RollbackOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { auditExtras, RECIPIENT_KINDS } from '../../api/auditExtras';
import { FormModal } from '../../components/FormModal';
import { useI18n, type DictKey } from '../../i18n';
import { fmtDate, fmtDateTime } from '../../utils/format';
import { ReasonModal, useAuditRights, type ReasonPrompt } from './common';

/** The fields of a collection this part reads (the server's AuditCollection). */
export interface LetterFields {
  id: number;
  number: string;
  status: string;
  enterprise_name: string;
  results_by?: string | null;
  recipient_kind?: string | null;
  recipient_name?: string | null;
  letter_number?: string | null;
  letter_on?: string | null;
  rework_opinion?: string | null;
  returned_by?: string | null;
  returned_at?: string | null;
  rework_count?: number;
}

interface LetterForm {
  recipient_kind: 'DECLARANT' | 'AGENCY';
  recipient_name?: string;
  letter_number: string;
  letter_on: Dayjs;
}

export function CollectionLetter({ c }: { c: LetterFields }) {
  const { t, tk, lang } = useI18n();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<LetterForm>();
  const kind = Form.useWatch('recipient_kind', form);
  return (
    <div data-testid="collection-letter" style={{ marginBottom: 12 }}>
      <Descriptions size="small" bordered column={1} title={t('audit.letter.title')}
        extra={c.status === 'APPROVED' && (
          <Button size="small" icon={<MailOutlined />} onClick={() => setOpen(true)} data-testid="collection-letter-edit">
            {t(c.letter_number ? 'audit.letter.edit' : 'audit.letter.record')}
          </Button>
        )}
        items={c.letter_number ? [
          { key: 'k', label: t('audit.letter.kind'), children: `${tk(`audit.letter.${c.recipient_kind}`, c.recipient_kind ?? '')} — ${c.recipient_name ?? ''}` },
          { key: 'n', label: t('audit.letter.number'), children: `${c.letter_number} · ${fmtDate(c.letter_on ?? '', lang)}` },
        ] : [{ key: 'none', label: t('audit.letter.kind'), children: t('audit.letter.none') }]}
      />
      <FormModal<LetterForm> open={open} form={form} title={t('audit.letter.title')} okText={t('common.save')} okTestId="collection-letter-ok"
        onClose={() => setOpen(false)}
        initialValues={{
          recipient_kind: (c.recipient_kind as LetterForm['recipient_kind']) ?? 'DECLARANT',
          recipient_name: c.recipient_kind === 'AGENCY' ? c.recipient_name ?? '' : '',
          letter_number: c.letter_number ?? '',
          letter_on: c.letter_on ? dayjs(c.letter_on) : dayjs(),
        }}
        onSubmit={async (v) => {
          await auditExtras.recordLetter(c.id, {
            recipient_kind: v.recipient_kind,
            recipient_name: v.recipient_name?.trim() ?? '',
            letter_number: v.letter_number.trim(),
            letter_on: v.letter_on.format('YYYY-MM-DD'),
          });
          message.success(t('audit.letter.saved', { number: v.letter_number.trim() }));
          setOpen(false);
        }}>
        <Form.Item name="recipient_kind" label={t('audit.letter.kind')} rules={[{ required: true }]}>
          <Radio.Group options={RECIPIENT_KINDS.map((k) => ({ value: k, label: t(`audit.letter.${k}` as DictKey) }))} />
        </Form.Item>
        <Form.Item name="recipient_name" label={t('audit.letter.name')} extra={kind === 'AGENCY' ? undefined : t('audit.letter.nameHint')}
          rules={[{ required: kind === 'AGENCY', whitespace: true, message: t('common.required', { field: t('audit.letter.name').toLowerCase() }) }]}>
          <Input id="letter_recipient_name" maxLength={300} placeholder={kind === 'AGENCY' ? '' : c.enterprise_name} />
        </Form.Item>
        <Form.Item name="letter_number" label={t('audit.letter.number')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('audit.letter.number').toLowerCase() }) }]}>
          <Input id="letter_number" maxLength={100} />
        </Form.Item>
        <Form.Item name="letter_on" label={t('audit.letter.on')} rules={[{ required: true }]}>
          <DatePicker id="letter_on" format="DD/MM/YYYY" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
      </FormModal>
    </div>
  );
}

/** The opinion of the last return, while the officer reworks the results. */
export function ReworkNotice({ c }: { c: LetterFields }) {
  const { t, lang } = useI18n();
  if (!c.rework_opinion || c.status !== 'APPROVED') return null;
  return (
    <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="collection-rework"
      title={t('audit.rework.returned', { n: c.rework_count ?? 1, by: c.returned_by ?? '', time: fmtDateTime(c.returned_at ?? '', lang), opinion: c.rework_opinion })} />
  );
}

/** A leader's «return for rework» of sent results (not shown to the one who sent them). */
export function ReturnResultsButton({ c }: { c: LetterFields }) {
  const { t } = useI18n();
  const rights = useAuditRights();
  const [prompt, setPrompt] = useState<ReasonPrompt | null>(null);
  if (c.status !== 'RESULT_SUBMITTED' || !rights.leader) return null;
  return (
    <>
      <Button icon={<RollbackOutlined />} danger data-testid="collection-return-results"
        onClick={() => setPrompt({ title: t('audit.rework.title', { number: c.number }), okText: t('audit.rework.button'), reason: 'required', danger: true,
          run: (opinion) => auditExtras.returnResults(c.id, opinion) })}>
        {t('audit.rework.button')}
      </Button>
      <ReasonModal prompt={prompt} onClose={() => setPrompt(null)} />
    </>
  );
}
