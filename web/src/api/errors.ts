/**
 * Errors of the admin API, turned into what a form shows: one message, and the problem of each field the server named.
 *
 * The gateway answers a validation failure with 422 and both shapes at once:
 * `{"error":{"message":"<field>: <problem>","param":"<field>",...},"detail":[{"loc":["body","<field>"],"msg":"<problem>"}]}`;
 * other errors as `{"error":{"message":...}}`, and admin-auth failures as `{"detail":"..."}`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | null;
  /** Field name (as sent in the body or query) to the server's words about it. */
  readonly fieldErrors: Record<string, string>;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    const parsed = describeError(status, body);
    super(parsed.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = parsed.code;
    this.fieldErrors = parsed.fieldErrors;
    this.body = body;
  }
}

export interface ErrorDescription {
  message: string;
  code: string | null;
  fieldErrors: Record<string, string>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The field a `loc` names: `["body","name"]` is `name`, `["query","page_size"]` is `page_size`. */
export function fieldOfLoc(loc: unknown): string | null {
  if (!Array.isArray(loc) || loc.length === 0) return null;
  const parts = loc.slice(['body', 'query', 'path'].includes(String(loc[0])) ? 1 : 0).map(String);
  return parts.length === 0 ? null : parts.join('.');
}

export function describeError(status: number, body: unknown): ErrorDescription {
  const fieldErrors: Record<string, string> = {};
  let message: string | null = null;
  let code: string | null = null;

  if (isObject(body)) {
    const error = body.error;
    if (isObject(error)) {
      if (typeof error.message === 'string') message = error.message;
      if (typeof error.code === 'string') code = error.code;
      if (typeof error.param === 'string' && error.param && message) {
        const prefix = `${error.param}: `;
        fieldErrors[error.param] = message.startsWith(prefix) ? message.slice(prefix.length) : message;
      }
    }
    const detail = body.detail;
    if (typeof detail === 'string') {
      message = message ?? detail;
    } else if (Array.isArray(detail)) {
      for (const item of detail) {
        if (!isObject(item)) continue;
        const field = fieldOfLoc(item.loc);
        const msg = typeof item.msg === 'string' ? item.msg : null;
        if (field && msg && !(field in fieldErrors)) fieldErrors[field] = msg;
        if (!message && msg) message = field ? `${field}: ${msg}` : msg;
      }
    }
  } else if (typeof body === 'string' && body.trim()) {
    message = body.trim().slice(0, 300);
  }
  return { message: message ?? fallbackMessage(status), code, fieldErrors };
}

function fallbackMessage(status: number): string {
  if (status === 0) return 'The gateway cannot be reached';
  if (status === 401) return 'Not authenticated';
  if (status === 403) return 'Forbidden';
  if (status === 404) return 'Not found';
  if (status >= 500) return `The gateway failed (HTTP ${status})`;
  return `Request failed (HTTP ${status})`;
}

/** The message to show for anything a request may throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** The server's problem with one field, for a form input's `error` prop. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fieldErrors[field] : undefined;
}

/**
 * The index of the rule a rule-set error names (`rules[2].value: invalid regex ...` gives 2), so the builder can mark
 * that row.
 */
export function ruleIndexOf(problem: string | undefined): number | null {
  if (!problem) return null;
  const match = /rules\[(\d+)]/.exec(problem);
  return match ? Number(match[1]) : null;
}
