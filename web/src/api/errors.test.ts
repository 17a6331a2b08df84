import { describe, expect, it } from 'vitest';
import { ApiError, errorMessage, fieldErrors, parseApiError } from './errors';

describe('parseApiError', () => {
  it('reads the contract envelope', () => {
    const e = parseApiError(
      403,
      JSON.stringify({ error: { code: 'ACCOUNT_LOCKED', message: 'Tài khoản đang bị khóa.', details: { until: '2026-01-01T08:00:00+07:00' } } }),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e.status).toBe(403);
    expect(e.code).toBe('ACCOUNT_LOCKED');
    expect(e.message).toBe('Tài khoản đang bị khóa.');
    expect(e.details.until).toBe('2026-01-01T08:00:00+07:00');
    expect(e.field).toBeUndefined();
  });

  it('exposes details.field', () => {
    const e = parseApiError(400, '{"error":{"code":"INVALID_FIELD","message":"Sai","details":{"field":"username"}}}');
    expect(e.field).toBe('username');
    expect(fieldErrors(e)).toEqual([{ name: 'username', message: 'Sai' }]);
  });

  it('collects details.fields as well', () => {
    const e = new ApiError(400, 'X', 'm', { field: 'a', fields: { a: 'dup', b: 'B sai' } });
    expect(fieldErrors(e)).toEqual([
      { name: 'a', message: 'm' },
      { name: 'b', message: 'B sai' },
    ]);
  });

  it('survives HTML, empty bodies and odd shapes', () => {
    for (const body of ['<html>502 Bad Gateway</html>', '', '{"error":"boom"}', '[1,2]', 'null']) {
      const e = parseApiError(502, body);
      expect(e.code).toBe('HTTP_502');
      expect(e.message).toContain('502');
      expect(e.details).toEqual({});
    }
  });

  it('keeps the code when the message is missing', () => {
    const e = parseApiError(409, '{"error":{"code":"DUPLICATE"}}');
    expect(e.code).toBe('DUPLICATE');
    expect(e.message).toContain('409');
  });

  it('turns anything thrown into a sentence', () => {
    expect(errorMessage(new Error('x'))).toBe('x');
    expect(errorMessage('y')).toBe('y');
  });
});
