// The submit handler shared by forms: busy while the action runs, server errors beside the fields they name
// (or in a message otherwise).
import { useState } from 'react';
import { App, type FormInstance } from 'antd';
import { showServerError } from '../utils/forms';

export interface FormSubmit<V> {
  /** True while `submit` waits for the action; for `loading` / `confirmLoading`. */
  busy: boolean;
  /** For `onFinish`: runs the action; a failure goes to the form's fields or to a message, never further. */
  submit(values: V): Promise<void>;
}

/**
 * Wraps `action` for a form's `onFinish`. `aliases` maps server field names to form field names where they
 * differ (see showServerError). An action that handles some errors itself catches them and rethrows the rest.
 */
export function useFormSubmit<V>(
  form: FormInstance<V> | null,
  action: (values: V) => Promise<unknown>,
  aliases?: Record<string, string>,
): FormSubmit<V> {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const submit = async (values: V) => {
    setBusy(true);
    try {
      await action(values);
    } catch (e) {
      showServerError(form, e, message, aliases);
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit };
}
