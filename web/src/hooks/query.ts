// Server state: one TanStack Query cache for the whole app. Every query goes through useApiQuery (same loading
// and error state everywhere); every successful change the client sends (POST, PUT, PATCH, DELETE, upload)
// invalidates the cache, so what is on screen is refetched and what is not is refetched when shown again.
import { keepPreviousData, QueryClient, useQuery, type QueryKey } from '@tanstack/react-query';
import { subscribeChanges } from '../api/client';

export const queryClient = new QueryClient({
  defaultOptions: {
    // A failed call already says why (ApiError); retrying would repeat a refusal.
    queries: { retry: false, refetchOnWindowFocus: false },
  },
});

subscribeChanges(() => void queryClient.invalidateQueries());

/** Forget everything fetched for the previous user (log in, log out). */
export function clearServerState(): void {
  queryClient.clear();
}

export interface ApiQueryOptions {
  /** False to wait (e.g. until both studies of a comparison are chosen); `data` stays undefined. */
  enabled?: boolean;
  /** Keep showing the previous key's data while the next loads (paged tables). */
  keepPrevious?: boolean;
  /** Reference data that changes rarely: served from the cache for this long (ms) before refetching. */
  staleTime?: number;
  /** Live data (the monitor board): fetched again every this many ms while shown. */
  refetchInterval?: number;
}

export interface ApiQuery<T> {
  data: T | undefined;
  error: unknown;
  /** True while the first answer for this key is awaited (or any answer, with keepPrevious). */
  loading: boolean;
  /** Fetches again now (a "retry" button); changes need not call it: they invalidate the cache. */
  refetch(): void;
}

/** Runs `fn` for `key` through the cache; the key names the module, the call and every argument. */
export function useApiQuery<T>(key: QueryKey, fn: () => Promise<T>, opts: ApiQueryOptions = {}): ApiQuery<T> {
  const q = useQuery({
    queryKey: key,
    queryFn: fn,
    enabled: opts.enabled ?? true,
    placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
    staleTime: opts.staleTime,
    refetchInterval: opts.refetchInterval,
  });
  return {
    data: q.data,
    error: q.error ?? undefined,
    loading: opts.enabled === false ? false : q.isPending || (opts.keepPrevious === true && q.isFetching),
    refetch: () => void q.refetch(),
  };
}
