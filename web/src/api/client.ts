import { ApiError } from './errors';
import type {
  ApiKey,
  AuthStatus,
  ImportAnswer,
  LogDetail,
  LogEntry,
  LoginAnswer,
  Mapping,
  MappingInput,
  Model,
  ModelInput,
  Page,
  Provider,
  ProviderHealthItem,
  ProviderInput,
  Stats,
} from './types';

/** Where the admin token lives between visits (the original console's key). */
export const TOKEN_KEY = 'lgw_admin_token';
/** Fired on `window` when an admin call answers 401: the login dialog opens again. */
export const AUTH_REQUIRED_EVENT = 'auth:required';

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function getToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
}

/** `?a=1&b=x`, leaving out empty values, so an unset filter is never sent. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
}

/** One admin call: JSON in, JSON out, the token as `Authorization: Bearer`, failures as {@link ApiError}. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(path + queryString(options.query), { method, headers, body });
  } catch {
    throw new ApiError(0, null);
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  if (!response.ok) {
    // The auth endpoints answer 401 for wrong credentials; that is the login form's business, not a new login.
    if (response.status === 401 && !path.startsWith('/api/auth/')) {
      window.dispatchEvent(new CustomEvent(AUTH_REQUIRED_EVENT));
    }
    throw new ApiError(response.status, parsed);
  }
  return parsed as T;
}

const enc = encodeURIComponent;

export interface PageQuery extends Query {
  page?: number;
  page_size?: number;
  is_active?: boolean;
}

export const api = {
  auth: {
    status: () => request<AuthStatus>('GET', '/api/auth/status'),
    login: (username: string, password: string) =>
      request<LoginAnswer>('POST', '/api/auth/login', { body: { username, password } }),
    logout: () => request<{ ok: boolean }>('POST', '/api/auth/logout'),
  },
  providers: {
    list: (query: PageQuery) => request<Page<Provider>>('GET', '/api/admin/providers', { query }),
    create: (input: ProviderInput) => request<Provider>('POST', '/api/admin/providers', { body: input }),
    update: (id: number, input: ProviderInput) =>
      request<Provider>('PUT', `/api/admin/providers/${id}`, { body: input }),
    remove: (id: number) => request<void>('DELETE', `/api/admin/providers/${id}`),
    health: () => request<ProviderHealthItem[]>('GET', '/api/admin/providers/health'),
    exportAll: () => request<unknown[]>('GET', '/api/admin/providers/export'),
    importAll: (items: unknown) => request<ImportAnswer>('POST', '/api/admin/providers/import', { body: items }),
  },
  models: {
    list: (query: PageQuery) => request<Page<Model>>('GET', '/api/admin/models', { query }),
    get: (name: string) => request<Model>('GET', `/api/admin/models/${enc(name)}`),
    create: (input: ModelInput) => request<Model>('POST', '/api/admin/models', { body: input }),
    update: (name: string, input: ModelInput) =>
      request<Model>('PUT', `/api/admin/models/${enc(name)}`, { body: input }),
    remove: (name: string) => request<void>('DELETE', `/api/admin/models/${enc(name)}`),
    exportAll: () => request<unknown[]>('GET', '/api/admin/models/export'),
    importAll: (items: unknown) => request<ImportAnswer>('POST', '/api/admin/models/import', { body: items }),
  },
  mappings: {
    list: (query: Query) =>
      request<{ items: Mapping[]; total: number }>('GET', '/api/admin/model-providers', { query }),
    create: (input: MappingInput) => request<Mapping>('POST', '/api/admin/model-providers', { body: input }),
    update: (id: number, input: MappingInput) =>
      request<Mapping>('PUT', `/api/admin/model-providers/${id}`, { body: input }),
    remove: (id: number) => request<void>('DELETE', `/api/admin/model-providers/${id}`),
  },
  apiKeys: {
    list: (query: PageQuery) => request<Page<ApiKey>>('GET', '/api/admin/api-keys', { query }),
    create: (keyName: string) => request<ApiKey>('POST', '/api/admin/api-keys', { body: { key_name: keyName } }),
    update: (id: number, input: { key_name?: string; is_active?: boolean }) =>
      request<ApiKey>('PUT', `/api/admin/api-keys/${id}`, { body: input }),
    remove: (id: number) => request<void>('DELETE', `/api/admin/api-keys/${id}`),
  },
  logs: {
    list: (query: Query) => request<Page<LogEntry>>('GET', '/api/admin/logs', { query }),
    get: (id: number | string) => request<LogDetail>('GET', `/api/admin/logs/${enc(String(id))}`),
    stats: (query: Query) => request<Stats>('GET', '/api/admin/logs/stats', { query }),
  },
};
