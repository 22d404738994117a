import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTH_REQUIRED_EVENT, TOKEN_KEY, api, queryString, request, setToken } from './client';
import { ApiError } from './errors';

function answer(status: number, body?: unknown) {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return vi.fn().mockResolvedValue(new Response(status === 204 ? null : text, { status }));
}

afterEach(() => vi.unstubAllGlobals());

describe('queryString', () => {
  it('leaves out empty values so unset filters are never sent', () => {
    expect(
      queryString({ page: 2, page_size: 20, requested_model: '', provider_id: undefined, has_error: false, x: null }),
    ).toBe('?page=2&page_size=20&has_error=false');
    expect(queryString({})).toBe('');
    expect(queryString(undefined)).toBe('');
  });

  it('encodes offsets and names', () => {
    expect(queryString({ start_time: '2026-01-16T13:49:00+08:00', requested_model: 'a b/c' })).toBe(
      '?start_time=2026-01-16T13%3A49%3A00%2B08%3A00&requested_model=a+b%2Fc',
    );
  });
});

describe('request', () => {
  it('sends the stored token as a bearer and JSON bodies with their type', async () => {
    const fetch = answer(201, { id: 1 });
    vi.stubGlobal('fetch', fetch);
    setToken('tok-1');

    const created = await api.providers.create({ name: 'p' });

    expect(created).toEqual({ id: 1 });
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe('/api/admin/providers');
    expect(init.method).toBe('POST');
    expect(init.headers.authorization).toBe('Bearer tok-1');
    expect(init.headers['content-type']).toBe('application/json');
    expect(JSON.parse(init.body)).toEqual({ name: 'p' });
    expect(localStorage.getItem(TOKEN_KEY)).toBe('tok-1');
  });

  it('sends no authorization without a token', async () => {
    const fetch = answer(200, { items: [], total: 0, page: 1, page_size: 20 });
    vi.stubGlobal('fetch', fetch);

    await api.apiKeys.list({ page: 1, page_size: 20 });

    expect(fetch.mock.calls[0][0]).toBe('/api/admin/api-keys?page=1&page_size=20');
    expect(fetch.mock.calls[0][1].headers.authorization).toBeUndefined();
  });

  it('answers null for 204', async () => {
    vi.stubGlobal('fetch', answer(204));
    await expect(api.models.remove('gpt/4')).resolves.toBeNull();
  });

  it('percent-encodes model names, which may contain a slash', async () => {
    const fetch = answer(200, {});
    vi.stubGlobal('fetch', fetch);
    await api.models.get('meta-llama/Llama-3');
    expect(fetch.mock.calls[0][0]).toBe('/api/admin/models/meta-llama%2FLlama-3');
  });

  it('turns a 422 into an ApiError that names the field', async () => {
    vi.stubGlobal(
      'fetch',
      answer(422, {
        error: { message: 'name: must not be empty', param: 'name' },
        detail: [{ loc: ['body', 'name'], msg: 'must not be empty' }],
      }),
    );

    const error = await request('POST', '/api/admin/providers', { body: {} }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).fieldErrors).toEqual({ name: 'must not be empty' });
  });

  it('asks for a login again on a 401 from an admin call', async () => {
    vi.stubGlobal('fetch', answer(401, { detail: 'Invalid or expired token' }));
    const listener = vi.fn();
    window.addEventListener(AUTH_REQUIRED_EVENT, listener);

    await expect(api.providers.list({})).rejects.toThrow('Invalid or expired token');

    expect(listener).toHaveBeenCalledTimes(1);
    window.removeEventListener(AUTH_REQUIRED_EVENT, listener);
  });

  it('leaves a wrong password to the login form', async () => {
    vi.stubGlobal('fetch', answer(401, { detail: 'Invalid username or password' }));
    const listener = vi.fn();
    window.addEventListener(AUTH_REQUIRED_EVENT, listener);

    await expect(api.auth.login('admin', 'nope')).rejects.toThrow('Invalid username or password');

    expect(listener).not.toHaveBeenCalled();
    window.removeEventListener(AUTH_REQUIRED_EVENT, listener);
  });

  it('reports an unreachable gateway as status 0', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = (await api.auth.status().catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.message).toBe('The gateway cannot be reached');
  });
});
