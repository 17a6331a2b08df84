import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FormInstance } from 'antd';
import { ApiError } from '../api/errors';
import { useFormSubmit } from './useFormSubmit';

// The hook runs outside React: useState records what busy is set to, App.useApp gives a spy notifier.
const h = vi.hoisted(() => ({ busy: [] as boolean[], notify: { error: (_: string): unknown => undefined } }));
vi.mock('react', () => ({ useState: <T,>(init: T) => [init, (v: T) => h.busy.push(v as boolean)] }));
vi.mock('antd', () => ({ App: { useApp: () => ({ message: h.notify }) } }));

/** A form with the given fields that remembers what was set on it. */
function fakeForm(fields: string[]) {
  const set: Array<{ name: string; errors: string[] }> = [];
  const scrolled: string[] = [];
  const form = {
    getFieldsValue: () => Object.fromEntries(fields.map((f) => [f, ''])),
    setFields: (fs: typeof set) => set.push(...fs),
    scrollToField: (name: string) => scrolled.push(name),
  } as unknown as FormInstance;
  return { form, set, scrolled };
}

describe('useFormSubmit', () => {
  let errors: string[];
  beforeEach(() => {
    h.busy.length = 0;
    errors = [];
    h.notify.error = (m: string) => errors.push(m);
  });

  it('is busy while the action runs and not after', async () => {
    let finish!: () => void;
    const action = vi.fn(() => new Promise<void>((r) => (finish = r)));
    const { busy, submit } = useFormSubmit(fakeForm(['name']).form, action);
    expect(busy).toBe(false);
    const done = submit({ name: 'Cục Hải quan' });
    expect(h.busy).toEqual([true]);
    expect(action).toHaveBeenCalledWith({ name: 'Cục Hải quan' });
    finish();
    await done;
    expect(h.busy).toEqual([true, false]);
    expect(errors).toEqual([]);
  });

  it('puts an error the server blames on a field beside that field, through aliases', async () => {
    const { form, set, scrolled } = fakeForm(['period', 'name']);
    const err = new ApiError(400, 'INVALID_PERIOD', 'Kỳ kiểm tra không hợp lệ', { field: 'period_from' });
    const { submit } = useFormSubmit(form, () => Promise.reject(err), { period_from: 'period' });
    await submit({});
    expect(set).toEqual([{ name: 'period', errors: ['Kỳ kiểm tra không hợp lệ'] }]);
    expect(scrolled).toEqual(['period']);
    expect(errors).toEqual([]);
    expect(h.busy).toEqual([true, false]);
  });

  it('sends other errors to the notifier', async () => {
    const { form, set } = fakeForm(['name']);
    const cases: unknown[] = [
      new ApiError(409, 'CONFLICT', 'Đã có đơn vị mã này'),
      new ApiError(400, 'BAD', 'Trường không có trên biểu mẫu', { field: 'other' }),
      new Error('Không kết nối được máy chủ'),
    ];
    for (const e of cases) await useFormSubmit(form, async () => { throw e; }).submit({});
    expect(errors).toEqual(['Đã có đơn vị mã này', 'Trường không có trên biểu mẫu', 'Không kết nối được máy chủ']);
    expect(set).toEqual([]);
    expect(h.busy).toEqual([true, false, true, false, true, false]);
  });
});
