// Server-side paging, sorting and filtering for antd Tables, following the contract's list parameters
// (?page=&page_size=&sort=&order=&q=…). State lives in the URL (shareable, survives reload) or locally.
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { TablePaginationConfig, TableProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import type { Paged } from '../api/types';
import { useApiQuery } from './query';
import { useI18n } from '../i18n';

export type Params = Record<string, string>;

export interface ServerTableOptions {
  pageSize?: number;
  /** Keep the state in the page URL (true for pages, false for drawers and embedded tables). */
  inUrl?: boolean;
  /** Fixed parameters always sent (e.g. entity filter of a drawer). */
  fixed?: Params;
}

function useParamsState(inUrl: boolean): [Params, (p: Params) => void] {
  const [search, setSearch] = useSearchParams();
  const [local, setLocal] = useState<Params>({});
  const fromUrl = useMemo(() => Object.fromEntries(search.entries()), [search]);
  const setUrl = useCallback((p: Params) => setSearch(p, { replace: true }), [setSearch]);
  return inUrl ? [fromUrl, setUrl] : [local, setLocal];
}

/**
 * A paged list through the query cache: `key` names it (e.g. ['audit', 'proposals']); the page, sort and
 * filters are added to the key, and the previous page stays on screen while the next one loads.
 */
export function useServerTable<T, P extends Paged<T> = Paged<T>>(
  key: readonly unknown[],
  fetcher: (params: Record<string, string | number>) => Promise<P>,
  opts: ServerTableOptions = {},
) {
  const { t } = useI18n();
  const [params, setParams] = useParamsState(opts.inUrl ?? true);
  const page = Math.max(1, Number(params.page) || 1);
  const pageSize = Math.max(1, Number(params.page_size) || opts.pageSize || 20);

  const query: Params = { ...params, ...opts.fixed };
  delete query.page;
  delete query.page_size;
  const state = useApiQuery([...key, query, page, pageSize], () => fetcher({ ...query, page, page_size: pageSize }), {
    keepPrevious: true,
  });

  /** Sets or clears filters (empty string clears); resets to page 1. */
  const setFilters = useCallback(
    (changes: Record<string, string | undefined | null>) => {
      const next: Params = { ...params };
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === null || v === '') delete next[k];
        else next[k] = v;
      }
      delete next.page;
      setParams(next);
    },
    [params, setParams],
  );

  const onChange: TableProps<T>['onChange'] = (pagination: TablePaginationConfig, filters, sorter) => {
    const next: Params = { ...params };
    const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
    const field = s?.columnKey ?? (Array.isArray(s?.field) ? s?.field.join('.') : s?.field);
    if (s && s.order && field) {
      next.sort = String(field);
      next.order = s.order === 'ascend' ? 'asc' : 'desc';
    } else {
      delete next.sort;
      delete next.order;
    }
    for (const [k, v] of Object.entries(filters)) {
      if (v && v.length) next[k] = String(v[0]);
      else delete next[k];
    }
    const changedOther = next.sort !== params.sort || next.order !== params.order;
    next.page = String(changedOther ? 1 : pagination.current ?? 1);
    next.page_size = String(pagination.pageSize ?? pageSize);
    if (next.page === '1') delete next.page;
    setParams(next);
  };

  const sortOrderFor = (field: string): 'ascend' | 'descend' | null =>
    params.sort === field ? (params.order === 'desc' ? 'descend' : 'ascend') : null;
  const filteredFor = (k: string): string[] | null => (params[k] ? [params[k]] : null);

  const tableProps: TableProps<T> = {
    dataSource: state.data?.items ?? [],
    loading: state.loading,
    onChange,
    pagination: {
      current: page,
      pageSize,
      total: state.data?.total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (total) => t('common.total', { total }),
    },
    scroll: { x: 'max-content' },
  };

  return { tableProps, data: state.data, params, setFilters, sortOrderFor, filteredFor, refetch: state.refetch, error: state.error };
}
