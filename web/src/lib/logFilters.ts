import type { Query } from '../api/client';

/**
 * The request-log view as URL parameters, so a filtered view can be shared: the parameters are the log API's own
 * (seed-spec section 9.6), times as ISO 8601 with the browser's offset. Empty values and defaults are left out.
 */
export const BASIC_FILTERS = [
  'start_time',
  'end_time',
  'requested_model',
  'target_model',
  'provider_id',
  'has_error',
] as const;
export const ADVANCED_FILTERS = [
  'status_min',
  'status_max',
  'retry_count_min',
  'retry_count_max',
  'api_key_name',
  'api_key_id',
  'input_tokens_min',
  'input_tokens_max',
  'total_time_min',
  'total_time_max',
] as const;
export const FILTER_KEYS = [...BASIC_FILTERS, ...ADVANCED_FILTERS] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type LogFilters = Partial<Record<FilterKey, string>>;

const NUMERIC: ReadonlySet<FilterKey> = new Set([
  'provider_id',
  'api_key_id',
  'status_min',
  'status_max',
  'retry_count_min',
  'retry_count_max',
  'input_tokens_min',
  'input_tokens_max',
  'total_time_min',
  'total_time_max',
]);

export const DEFAULT_PAGE_SIZE = 20;
export const PAGE_SIZES = [10, 20, 50, 100];

export interface LogView {
  filters: LogFilters;
  page: number;
  pageSize: number;
  sortBy: string;
  sortOrder: 'asc' | 'desc';
}

export const DEFAULT_VIEW: LogView = {
  filters: {},
  page: 1,
  pageSize: DEFAULT_PAGE_SIZE,
  sortBy: 'request_time',
  sortOrder: 'desc',
};

function positiveInt(text: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!text || !/^\d+$/.test(text)) return fallback;
  const value = Number(text);
  return value >= 1 && value <= max ? value : fallback;
}

/** A filter value worth sending: trimmed, numbers only where the API wants numbers, `has_error` only true/false. */
export function cleanFilter(key: FilterKey, raw: string | null | undefined): string | undefined {
  const value = (raw ?? '').trim();
  if (value === '') return undefined;
  if (NUMERIC.has(key)) return /^\d+$/.test(value) ? value : undefined;
  if (key === 'has_error') return value === 'true' || value === 'false' ? value : undefined;
  return value;
}

export function cleanFilters(filters: LogFilters): LogFilters {
  const clean: LogFilters = {};
  for (const key of FILTER_KEYS) {
    const value = cleanFilter(key, filters[key]);
    if (value !== undefined) clean[key] = value;
  }
  return clean;
}

export function readLogView(params: URLSearchParams): LogView {
  const filters: LogFilters = {};
  for (const key of FILTER_KEYS) {
    const value = cleanFilter(key, params.get(key));
    if (value !== undefined) filters[key] = value;
  }
  const pageSize = positiveInt(params.get('page_size'), DEFAULT_PAGE_SIZE, 100);
  return {
    filters,
    page: positiveInt(params.get('page'), 1),
    pageSize,
    sortBy: params.get('sort_by') || DEFAULT_VIEW.sortBy,
    sortOrder: params.get('sort_order') === 'asc' ? 'asc' : 'desc',
  };
}

export function writeLogView(view: LogView): URLSearchParams {
  const params = new URLSearchParams();
  const filters = cleanFilters(view.filters);
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value !== undefined) params.set(key, value);
  }
  if (view.page !== 1) params.set('page', String(view.page));
  if (view.pageSize !== DEFAULT_PAGE_SIZE) params.set('page_size', String(view.pageSize));
  if (view.sortBy !== DEFAULT_VIEW.sortBy) params.set('sort_by', view.sortBy);
  if (view.sortOrder !== DEFAULT_VIEW.sortOrder) params.set('sort_order', view.sortOrder);
  return params;
}

/** The log list's query: the view's filters as they are, plus paging and sort. */
export function toApiQuery(view: LogView): Query {
  return {
    ...cleanFilters(view.filters),
    page: view.page,
    page_size: view.pageSize,
    sort_by: view.sortBy,
    sort_order: view.sortOrder,
  };
}

export function countAdvanced(filters: LogFilters): number {
  return ADVANCED_FILTERS.filter((key) => filters[key] !== undefined && filters[key] !== '').length;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-01-16T13:49` typed in the browser's zone, as ISO 8601 with that zone's offset at that moment. */
export function localInputToIso(local: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  if (Number.isNaN(date.getTime())) return undefined;
  return isoWithOffset(date);
}

/** A moment as ISO 8601 in the browser's zone, e.g. `2026-01-16T13:49:00+08:00`. */
export function isoWithOffset(date: Date): string {
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The inverse, for the datetime-local input: the moment shown in the browser's zone. */
export function isoToLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
