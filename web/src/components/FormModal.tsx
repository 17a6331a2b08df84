// The modal form every page uses: an antd Modal around a vertical Form, OK submits, busy while the action runs,
// server errors beside the fields they name (useFormSubmit), fields dropped when it closes.
//   <FormModal<V> open={…} title={…} okText={t('common.save')} onClose={close} onSubmit={async (v) => { await api…; close(); }}>
//     <Form.Item name="…" …>…</Form.Item>
//   </FormModal>
import type { ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useI18n } from '../i18n';
import { useFormSubmit } from '../hooks/useFormSubmit';

export interface FormModalProps<V> {
  open: boolean;
  title: ReactNode;
  okText?: ReactNode;
  onClose(): void;
  /** Runs on a valid submit; a thrown ApiError goes beside its field (or to a message). */
  onSubmit(values: V): Promise<unknown>;
  initialValues?: Partial<V>;
  /** Server field name → form field name where they differ. */
  aliases?: Record<string, string>;
  width?: number;
  /** `data-testid` of the OK button. */
  okTestId?: string;
  /** A red OK button (refusals, removals). */
  danger?: boolean;
  /** A form instance of the caller's (to read or set fields); one is made otherwise. */
  form?: FormInstance<V>;
  children: ReactNode;
}

export function FormModal<V>({
  open, title, okText, onClose, onSubmit, initialValues, aliases, width, okTestId, danger, form: given, children,
}: FormModalProps<V>) {
  const { t } = useI18n();
  const [own] = Form.useForm<V>();
  const form = given ?? own;
  const { busy, submit } = useFormSubmit(form, onSubmit, aliases);
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ danger, ...(okTestId ? { 'data-testid': okTestId } : {}) }}
      destroyOnHidden
    >
      <Form<V> form={form} layout="vertical" onFinish={submit} preserve={false} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}
