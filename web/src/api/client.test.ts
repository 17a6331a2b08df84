// The client's one middleware: CSRF header, JSON body on every POST, error envelope → ApiError, redirects.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Middleware } from 'openapi-fetch';
import { apiMiddleware, dispositionName, setAuthHandlers, setCsrfToken } from './client';
import { ApiError, NETWORK_ERROR } from './errors';

type RequestArgs = Parameters<NonNullable<Middleware['onRequest']>>[0];
type ResponseArgs = Parameters<NonNullable<Middleware['onResponse']>>[0];
type ErrorArgs = Parameters<NonNullable<Middleware['onError']>>[0];

const base = { schemaPath: '/api/v1/accounts', params: {}, id: '1', options: {} } as unknown as Omit<RequestArgs, 'request'>;
const onRequest = (request: Request) => apiMiddleware.onRequest!({ ...base, request } as RequestArgs) as Promise<Request>;
const onResponse = (response: Response, schemaPath = '/api/v1/accounts') =>
  apiMiddleware.onResponse!({ ...base, schemaPath, request: new Request('http://x/'), response } as ResponseArgs);
const envelope = (status: number, code: string, details = {}) =>
  new Response(JSON.stringify({ error: { code, message: `Lỗi ${code}`, details } }), { status });

beforeEach(() => {
  const store = new Map<string, string>();
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
  setCsrfToken('tok-1');
});
afterEach(() => {
  setAuthHandlers(null);
  vi.unstubAllGlobals();
});

describe('apiMiddleware', () => {
  it('sends the CSRF token on changes only', async () => {
    const post = await onRequest(new Request('http://x/api/v1/accounts', { method: 'POST', body: '{"a":1}' }));
    expect(post.headers.get('X-CSRF-Token')).toBe('tok-1');
    expect(await post.text()).toBe('{"a":1}');
    const get = await onRequest(new Request('http://x/api/v1/accounts'));
    expect(get.headers.get('X-CSRF-Token')).toBeNull();
    expect(get.headers.get('Accept')).toBe('application/json');
  });

  it('gives a POST without a body an empty JSON object', async () => {
    const r = await onRequest(new Request('http://x/api/v1/accounts/a/disable', { method: 'POST' }));
    expect(r.headers.get('Content-Type')).toBe('application/json');
    expect(await r.text()).toBe('{}');
  });

  it('turns the error envelope into ApiError', async () => {
    const e = await Promise.resolve(onResponse(envelope(400, 'INVALID_FIELD', { field: 'email' }))).catch((x) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 400, code: 'INVALID_FIELD', message: 'Lỗi INVALID_FIELD', field: 'email' });
  });

  it('passes a good response through', async () => {
    const ok = new Response('{"ok":true}', { status: 200 });
    expect(await onResponse(ok)).toBe(ok);
  });

  it('redirects on 401 and on a due password change, except for the calls that handle them', async () => {
    const onUnauthenticated = vi.fn();
    const onPasswordChangeRequired = vi.fn();
    setAuthHandlers({ onUnauthenticated, onPasswordChangeRequired });
    await expect(onResponse(envelope(401, 'UNAUTHENTICATED'))).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    await expect(onResponse(envelope(401, 'UNAUTHENTICATED'), '/api/v1/me')).rejects.toBeInstanceOf(ApiError);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    await expect(onResponse(envelope(403, 'PASSWORD_CHANGE_REQUIRED'))).rejects.toBeInstanceOf(ApiError);
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1);
    await expect(onResponse(envelope(403, 'FORBIDDEN'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1);
  });

  it('names a lost connection', () => {
    const e = apiMiddleware.onError!({ ...base, request: new Request('http://x/'), error: new TypeError('failed') } as ErrorArgs);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe(NETWORK_ERROR);
  });
});

describe('dispositionName', () => {
  it('prefers the UTF-8 name, then the plain one, then the fallback', () => {
    expect(dispositionName(`attachment; filename="a.xlsx"; filename*=UTF-8''m%E1%BA%ABu.xlsx`, 'x')).toBe('mẫu.xlsx');
    expect(dispositionName('attachment; filename="a.xlsx"', 'x')).toBe('a.xlsx');
    expect(dispositionName(null, 'x.xlsx')).toBe('x.xlsx');
  });
});

describe('change notifications (the query cache invalidates on them)', () => {
  const respond = (method: string, schemaPath: string) =>
    apiMiddleware.onResponse!({
      ...base,
      schemaPath,
      request: new Request('http://x/', { method, body: method === 'GET' ? undefined : '{}' }),
      response: new Response('{}', { status: 200 }),
    } as ResponseArgs);

  it('follow a successful change, not a read, a login or a check while typing', async () => {
    const { subscribeChanges } = await import('./client');
    const seen = vi.fn();
    const stop = subscribeChanges(seen);
    await respond('GET', '/api/v1/accounts');
    await respond('POST', '/api/v1/auth/login');
    await respond('POST', '/api/v1/trs/studies/{id}/records/check');
    expect(seen).not.toHaveBeenCalled();
    await respond('POST', '/api/v1/accounts');
    await respond('DELETE', '/api/v1/calendar/adjustments/{id}');
    expect(seen).toHaveBeenCalledTimes(2);
    stop();
  });
});
