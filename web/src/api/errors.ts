// Error type of the API client and the parsing of the server's error envelope.
// Pure: no fetch, no DOM, so it is unit-tested.

export type ErrorDetails = Record<string, unknown>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: ErrorDetails;

  constructor(status: number, code: string, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The form field the server blamed (`details.field`), if any. */
  get field(): string | undefined {
    const f = this.details.field;
    return typeof f === 'string' && f !== '' ? f : undefined;
  }
}

/** Client-side failure codes (never sent by the server). */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const BAD_RESPONSE = 'BAD_RESPONSE';

const GENERIC_MESSAGE = 'Máy chủ trả lời lỗi';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Builds an ApiError from an HTTP status and the raw response text.
 * Accepts the contract's `{"error":{code,message,details}}` and degrades gracefully on anything else
 * (a proxy's HTML page, an empty body) so the user always sees a sentence.
 */
export function parseApiError(status: number, bodyText: string): ApiError {
  let body: unknown = undefined;
  try {
    body = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    body = undefined;
  }
  const envelope = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  if (envelope) {
    const code = typeof envelope.code === 'string' ? envelope.code : `HTTP_${status}`;
    const message =
      typeof envelope.message === 'string' && envelope.message !== ''
        ? envelope.message
        : `${GENERIC_MESSAGE} (${status})`;
    const details = isRecord(envelope.details) ? envelope.details : {};
    return new ApiError(status, code, message, details);
  }
  return new ApiError(status, `HTTP_${status}`, `${GENERIC_MESSAGE} (${status})`);
}

/** Field errors to show beside form inputs: `details.field` and, if present, `details.fields` {name: message}. */
export function fieldErrors(err: ApiError): Array<{ name: string; message: string }> {
  const out: Array<{ name: string; message: string }> = [];
  if (err.field) out.push({ name: err.field, message: err.message });
  const many = err.details.fields;
  if (isRecord(many)) {
    for (const [name, msg] of Object.entries(many)) {
      if (typeof msg === 'string' && !out.some((o) => o.name === name)) out.push({ name, message: msg });
    }
  }
  return out;
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** A sentence for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
