import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIEW,
  cleanFilter,
  countAdvanced,
  isoToLocalInput,
  isoWithOffset,
  localInputToIso,
  readLogView,
  toApiQuery,
  writeLogView,
} from './logFilters';

describe('log view <-> URL', () => {
  it('the default view is an empty query string', () => {
    expect(writeLogView(DEFAULT_VIEW).toString()).toBe('');
    expect(readLogView(new URLSearchParams(''))).toEqual(DEFAULT_VIEW);
  });

  it('keeps every basic and advanced filter, the page, size and sort', () => {
    const url =
      'start_time=2026-01-16T13%3A49%3A00%2B08%3A00&end_time=2026-01-17T00%3A00%3A00Z&requested_model=gpt&target_model=4o' +
      '&provider_id=3&has_error=true&status_min=400&status_max=599&retry_count_min=1&retry_count_max=3&api_key_name=app' +
      '&api_key_id=7&input_tokens_min=10&input_tokens_max=100&total_time_min=5&total_time_max=5000' +
      '&page=3&page_size=50&sort_by=total_time_ms&sort_order=asc';
    const view = readLogView(new URLSearchParams(url));

    expect(view.filters).toEqual({
      start_time: '2026-01-16T13:49:00+08:00',
      end_time: '2026-01-17T00:00:00Z',
      requested_model: 'gpt',
      target_model: '4o',
      provider_id: '3',
      has_error: 'true',
      status_min: '400',
      status_max: '599',
      retry_count_min: '1',
      retry_count_max: '3',
      api_key_name: 'app',
      api_key_id: '7',
      input_tokens_min: '10',
      input_tokens_max: '100',
      total_time_min: '5',
      total_time_max: '5000',
    });
    expect(view).toMatchObject({ page: 3, pageSize: 50, sortBy: 'total_time_ms', sortOrder: 'asc' });
    expect(readLogView(writeLogView(view))).toEqual(view);
    expect(countAdvanced(view.filters)).toBe(10);
  });

  it('drops empty, malformed and unknown values', () => {
    const view = readLogView(
      new URLSearchParams(
        'requested_model=%20%20&status_min=abc&has_error=maybe&page=0&page_size=500&sort_order=up&evil=1',
      ),
    );
    expect(view).toEqual(DEFAULT_VIEW);
  });

  it('the API query is the filters plus paging and sort', () => {
    expect(toApiQuery({ ...DEFAULT_VIEW, filters: { requested_model: ' gpt ', has_error: 'false' }, page: 2 })).toEqual(
      {
        requested_model: 'gpt',
        has_error: 'false',
        page: 2,
        page_size: 20,
        sort_by: 'request_time',
        sort_order: 'desc',
      },
    );
  });

  it.each([
    ['provider_id', '12', '12'],
    ['provider_id', '-1', undefined],
    ['total_time_max', '1.5', undefined],
    ['api_key_name', '  my app ', 'my app'],
    ['has_error', 'false', 'false'],
  ] as const)('cleanFilter(%s, %j) = %j', (key, raw, clean) => {
    expect(cleanFilter(key, raw)).toBe(clean);
  });
});

describe('times in the browser zone', () => {
  it('a typed local time becomes ISO with the offset and reads back the same', () => {
    const iso = localInputToIso('2026-01-16T13:49')!;
    expect(iso).toMatch(/^2026-01-16T13:49:00[+-]\d{2}:\d{2}$/);
    expect(new Date(iso).getTime()).toBe(new Date(2026, 0, 16, 13, 49).getTime());
    expect(isoToLocalInput(iso)).toBe('2026-01-16T13:49');
  });

  it('shows a UTC time in local time', () => {
    const date = new Date(Date.UTC(2026, 5, 1, 12, 0));
    expect(isoToLocalInput('2026-06-01T12:00:00Z')).toBe(isoToLocalInput(isoWithOffset(date)));
  });

  it('rejects what is not a time', () => {
    expect(localInputToIso('yesterday')).toBeUndefined();
    expect(isoToLocalInput('nope')).toBe('');
    expect(isoToLocalInput(undefined)).toBe('');
  });
});
