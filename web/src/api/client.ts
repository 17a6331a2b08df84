// The fetch wrapper every API call goes through: cookies, CSRF header, error envelope, global redirects.
import { ApiError, BAD_RESPONSE, NETWORK_ERROR, parseApiError } from './errors';

export const API_BASE = '/api/v1';
const CSRF_KEY = 'hq.csrf';

export function getCsrfToken(): string | null {
  return sessionStorage.getItem(CSRF_KEY);
}

export function setCsrfToken(token: string | null | undefined): void {
  if (token) sessionStorage.setItem(CSRF_KEY, token);
  else sessionStorage.removeItem(CSRF_KEY);
}

/** What the app does when the session is gone or a password change is due (set by the router). */
export interface AuthHandlers {
  onUnauthenticated(): void;
  onPasswordChangeRequired(): void;
}

let handlers: AuthHandlers | null = null;
export function setAuthHandlers(h: AuthHandlers | null): void {
  handlers = h;
}

// In-flight request counter for the global progress bar.
type Listener = (inFlight: number) => void;
const listeners = new Set<Listener>();
let inFlight = 0;
function bump(delta: number): void {
  inFlight += delta;
  listeners.forEach((l) => l(inFlight));
}
export function subscribeInFlight(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function buildQuery(q?: Query): string {
  if (!q) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || v === null || v === '') continue;
    p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not run the global 401/403 redirects (the login and /me calls handle these themselves). */
  noRedirect?: boolean;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = getCsrfToken();
    if (token) headers['X-CSRF-Token'] = token;
  }
  let res: Response;
  bump(1);
  try {
    res = await fetch(API_BASE + path + buildQuery(opts.query), {
      method,
      headers,
      credentials: 'include',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    bump(-1);
    throw new ApiError(0, NETWORK_ERROR, 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.');
  }
  let text: string;
  try {
    text = await res.text();
  } finally {
    bump(-1);
  }
  if (!res.ok) {
    const err = parseApiError(res.status, text);
    if (!opts.noRedirect && handlers) {
      if (res.status === 401) handlers.onUnauthenticated();
      else if (res.status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') handlers.onPasswordChangeRequired();
    }
    throw err;
  }
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(res.status, BAD_RESPONSE, 'Máy chủ trả lời không đúng định dạng.');
  }
}

export const http = {
  get: <T>(path: string, query?: Query, opts?: RequestOptions) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) =>
    request<T>('POST', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  del: <T>(path: string) => request<T>('DELETE', path),
};
