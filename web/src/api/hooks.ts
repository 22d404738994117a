import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api, type PageQuery, type Query } from './client';
import { ApiError, errorMessage } from './errors';
import type { ProviderHealthItem } from './types';

/** Query keys, one root per resource, so a write invalidates every view of it. */
export const keys = {
  authStatus: ['auth', 'status'] as const,
  providers: (query?: PageQuery) => (query ? (['providers', query] as const) : (['providers'] as const)),
  providerHealth: ['providers', 'health'] as const,
  models: (query?: PageQuery) => (query ? (['models', query] as const) : (['models'] as const)),
  model: (name: string) => ['models', 'detail', name] as const,
  mappings: ['mappings'] as const,
  apiKeys: (query?: PageQuery) => (query ? (['api-keys', query] as const) : (['api-keys'] as const)),
  logs: (query?: Query) => (query ? (['logs', query] as const) : (['logs'] as const)),
  log: (id: string) => ['logs', 'detail', id] as const,
  stats: (query: Query) => ['stats', query] as const,
};

export function useAuthStatus() {
  return useQuery({ queryKey: keys.authStatus, queryFn: api.auth.status, retry: 1 });
}

export function useProviders(query: PageQuery) {
  return useQuery({
    queryKey: keys.providers(query),
    queryFn: () => api.providers.list(query),
    placeholderData: keepPreviousData,
  });
}

/** Every provider (for selects and filters); the API pages at 100, which is more than any gateway has. */
export function useAllProviders() {
  return useProviders({ page: 1, page_size: 100 });
}

/**
 * Live health of every provider, or null when this gateway has no health endpoint yet (a 404 or 422 from the
 * provider routes, which read "health" as an id): the page then shows no health column rather than an error.
 */
export function useProviderHealth() {
  return useQuery({
    queryKey: keys.providerHealth,
    queryFn: async (): Promise<ProviderHealthItem[] | null> => {
      try {
        const items = await api.providers.health();
        return Array.isArray(items) ? items : null;
      } catch (error) {
        if (error instanceof ApiError && [404, 405, 422].includes(error.status)) return null;
        throw error;
      }
    },
    // Live state, so it is read again every 15 s, unless this gateway has no health endpoint.
    refetchInterval: (query) => (query.state.data === null ? false : 15_000),
  });
}

export function useModels(query: PageQuery) {
  return useQuery({
    queryKey: keys.models(query),
    queryFn: () => api.models.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useModel(name: string) {
  return useQuery({ queryKey: keys.model(name), queryFn: () => api.models.get(name), enabled: name !== '' });
}

export function useApiKeys(query: PageQuery) {
  return useQuery({
    queryKey: keys.apiKeys(query),
    queryFn: () => api.apiKeys.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useLogs(query: Query) {
  return useQuery({
    queryKey: keys.logs(query),
    queryFn: () => api.logs.list(query),
    placeholderData: keepPreviousData,
  });
}

export function useLog(id: string) {
  return useQuery({ queryKey: keys.log(id), queryFn: () => api.logs.get(id), enabled: id !== '' });
}

export function useStats(query: Query) {
  return useQuery({
    queryKey: keys.stats(query),
    queryFn: () => api.logs.stats(query),
    placeholderData: keepPreviousData,
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
}

interface WriteOptions<T> {
  /** Query roots to refresh after success. */
  invalidate: ReadonlyArray<readonly unknown[]>;
  /** The success toast; none when omitted. */
  success?: string | ((result: T) => string);
  onSuccess?: (result: T) => void;
}

/**
 * A write with the console's conventions: refresh what it touched, a green toast on success, a red one on failure
 * unless the failure names a field (then the form shows it next to that field instead).
 */
export function useWrite<V, T>(mutationFn: (variables: V) => Promise<T>, options: WriteOptions<T>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (result) => {
      await Promise.all(options.invalidate.map((queryKey) => client.invalidateQueries({ queryKey })));
      if (options.success) {
        const message = typeof options.success === 'function' ? options.success(result) : options.success;
        notifications.show({ color: 'green', title: 'Done', message });
      }
      options.onSuccess?.(result);
    },
    onError: (error) => {
      const namesField = error instanceof ApiError && Object.keys(error.fieldErrors).length > 0;
      if (!namesField) notifications.show({ color: 'red', title: 'Failed', message: errorMessage(error) });
    },
  });
}
