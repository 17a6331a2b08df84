// Puts server errors beside the fields they concern (details.field), or in a message otherwise.
import type { FormInstance } from 'antd';
import { ApiError, errorMessage, fieldErrors } from '../api/errors';

export interface Notifier {
  error(content: string): unknown;
}

/**
 * Shows `e` on the form when the server named a field that the form has; returns true when it did.
 * `aliases` maps server field names to form field names where they differ.
 */
export function showServerError(
  form: FormInstance | null,
  e: unknown,
  notify: Notifier,
  aliases: Record<string, string> = {},
): boolean {
  if (form && e instanceof ApiError) {
    const known = new Set(Object.keys(form.getFieldsValue() ?? {}));
    const fields = fieldErrors(e)
      .map((f) => ({ name: aliases[f.name] ?? f.name, errors: [f.message] }))
      .filter((f) => known.has(f.name));
    if (fields.length) {
      form.setFields(fields);
      form.scrollToField(fields[0].name);
      return true;
    }
  }
  notify.error(errorMessage(e));
  return false;
}

/** Drops empty strings so optional fields are not sent as "". */
export function compact<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')),
  ) as Partial<T>;
}
