// The one way to the server: an openapi-fetch client typed by the generated schema (docs/openapi.yaml), with one
// middleware for the CSRF header, the error envelope and the global 401/403 redirects; upload() (with progress)
// and download() for files go through the same checks.
import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, BAD_RESPONSE, NETWORK_ERROR, parseApiError } from './errors';
import type { paths } from './schema';
import { saveBlob } from '../utils/files';

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

/** `?a=1&b=x` without the empty values (undefined, null, ''); '' when nothing is left. */
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

/** The login, password and /me calls handle 401/403 themselves: no global redirect for them. */
const NO_REDIRECT = new Set<string>(['/api/v1/auth/login', '/api/v1/auth/password', '/api/v1/auth/logout', '/api/v1/me']);
/** POSTs that change nothing on the server (a check while typing): no cache invalidation after them. */
const READ_ONLY_POSTS = new Set<string>(['/api/v1/trs/studies/{id}/records/check']);

const NETWORK_MESSAGE = 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.';

/** The error a refused request becomes, after the global redirects (shared by the middleware and upload()). */
export function refusal(status: number, bodyText: string, schemaPath: string): ApiError {
  const err = parseApiError(status, bodyText);
  if (!NO_REDIRECT.has(schemaPath) && handlers) {
    if (status === 401) handlers.onUnauthenticated();
    else if (status === 403 && err.code === 'PASSWORD_CHANGE_REQUIRED') handlers.onPasswordChangeRequired();
  }
  return err;
}

// Listeners told after every successful change (POST, PUT, PATCH, DELETE, upload): the query cache invalidates.
const changeListeners = new Set<() => void>();
function changed(): void {
  changeListeners.forEach((l) => l());
}
export function subscribeChanges(l: () => void): () => void {
  changeListeners.add(l);
  return () => changeListeners.delete(l);
}

function isUnsafe(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

/** CSRF header on changes, the error envelope turned into ApiError (thrown), redirects, the in-flight count. */
export const apiMiddleware: Middleware = {
  onRequest({ request }) {
    bump(1);
    request.headers.set('Accept', 'application/json');
    const token = getCsrfToken();
    if (token && isUnsafe(request.method)) request.headers.set('X-CSRF-Token', token);
    // A POST without a body still sends a JSON object: the server reads every POST body as one.
    if (request.method === 'POST' && request.body === null) {
      request.headers.set('Content-Type', 'application/json');
      return new Request(request, { body: '{}' });
    }
    return request;
  },
  async onResponse({ request, response, schemaPath }) {
    bump(-1);
    if (!response.ok) throw refusal(response.status, await response.text(), schemaPath);
    if (isUnsafe(request.method) && !NO_REDIRECT.has(schemaPath) && !READ_ONLY_POSTS.has(schemaPath)) changed();
    return response;
  },
  onError() {
    bump(-1);
    return new ApiError(0, NETWORK_ERROR, NETWORK_MESSAGE);
  },
};

export const api = createClient<paths, `${string}/json`>({
  credentials: 'include',
  querySerializer: (q) => buildQuery(q as Query).slice(1),
});
api.use(apiMiddleware);

/**
 * The data of a call (failures are thrown by the middleware); a 2xx body that is not JSON becomes BAD_RESPONSE.
 * `T` is inferred from the schema: its JSON responses (the client is made for the JSON media types).
 */
export async function ok<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  try {
    return (await call).data as T;
  } catch (e) {
    if (e instanceof SyntaxError) throw new ApiError(200, BAD_RESPONSE, 'Máy chủ trả lời không đúng định dạng.');
    throw e;
  }
}

/** URL of a GET path for links and downloads: `/api/v1/…?query`. */
export function apiUrl(path: string, query?: Query): string {
  return API_BASE + path + buildQuery(query);
}

export interface UploadOptions {
  query?: Query;
  contentType: string;
  /** 0…1 while the body is sent. */
  onProgress?(share: number): void;
}

/**
 * POST of a raw body with upload progress (XMLHttpRequest: fetch reports no upload progress). The same CSRF
 * header, errors and redirects as every other call. `path` is below /api/v1.
 */
export function upload<T>(path: string, body: Blob | string, opts: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl(path, opts.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', opts.contentType);
    xhr.setRequestHeader('Accept', 'application/json');
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('X-CSRF-Token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && opts.onProgress) opts.onProgress(e.loaded / e.total);
    };
    bump(1);
    xhr.onloadend = () => bump(-1);
    xhr.onerror = () =>
      reject(new ApiError(0, NETWORK_ERROR, 'Không gửi được tệp: mất kết nối hoặc máy chủ đóng kết nối (tệp quá lớn?).'));
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) return reject(refusal(xhr.status, xhr.responseText, API_BASE + path));
      changed();
      try {
        resolve(JSON.parse(xhr.responseText) as T);
      } catch {
        reject(new ApiError(xhr.status, BAD_RESPONSE, 'Máy chủ trả lời không đúng định dạng.'));
      }
    };
    xhr.send(body);
  });
}

/** The file name a Content-Disposition header gives (RFC 5987 `filename*` first), or `fallback`. */
export function dispositionName(disposition: string | null, fallback: string): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (utf8) return decodeURIComponent(utf8[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain ? plain[1] : fallback;
}

/** Downloads a GET path (below /api/v1) as a file; the server's refusal comes back as ApiError. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<string> {
  let res: Response;
  bump(1);
  try {
    res = await fetch(apiUrl(path, query), { credentials: 'include' });
  } catch {
    throw new ApiError(0, NETWORK_ERROR, NETWORK_MESSAGE);
  } finally {
    bump(-1);
  }
  if (!res.ok) throw refusal(res.status, await res.text(), API_BASE + path);
  const name = dispositionName(res.headers.get('Content-Disposition'), fallbackName);
  saveBlob(name, await res.blob());
  return name;
}
