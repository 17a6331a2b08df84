// Statuses everywhere look the same: one colour per status code (tags, filter selects, charts), one tag, one
// filter select bound to a server table's parameter.
import type { CSSProperties } from 'react';
import { Select, Tag } from 'antd';

/** The colour of every status code of every module; a module's new status gets its colour here. */
export const STATUS_COLORS: Readonly<Record<string, string>> = {
  // accounts
  ACTIVE: 'green',
  DISABLED: 'default',
  LOCKED: 'orange',
  // requests, proposals, collections, conclusions, complaints, feedback
  NEW: 'gold',
  DRAFT: 'default',
  PROPOSED: 'gold',
  SUBMITTED: 'gold',
  ENTERED: 'gold',
  FILED: 'gold',
  APPROVED: 'green',
  DECIDED: 'green',
  REJECTED: 'red',
  PAUSED: 'orange',
  CANCELLED: 'default',
  APPLIED: 'default',
  RESULT_SUBMITTED: 'purple',
  COMPLETED: 'blue',
  // audit escalations of blocked proposals
  WAITING: 'gold',
  ESCALATED: 'purple',
  PROCEED: 'green',
  KEEP: 'orange',
  MOOT: 'default',
  // e-services dossiers (APPROVED above)
  RECEIVED: 'gold',
  PROCESSING: 'blue',
  SUPPLEMENT_REQUESTED: 'orange',
  PENDING_DEPT: 'purple',
  PENDING_UNIT: 'purple',
  FEE_DUE: 'orange',
  PAID: 'blue',
  DONE: 'green',
  REFUSED: 'red',
  // e-services CRL distribution points (the refresh job's last attempt)
  INSTALLED: 'green',
  UNCHANGED: 'default',
  FAILED: 'red',
  // monitor: board cells, service modules, incidents
  GREEN: 'green',
  YELLOW: 'gold',
  RED: 'red',
  RUNNING: 'green',
  STOPPED: 'gold',
  ERROR: 'red',
  SILENT: 'red',
  OPEN: 'red',
  CLOSED: 'default',
};

/** The same colours as hex, for charts. */
const HEX: Readonly<Record<string, string>> = {
  green: '#52c41a',
  default: '#bfbfbf',
  orange: '#fa8c16',
  gold: '#faad14',
  red: '#f5222d',
  purple: '#722ed1',
  blue: '#1677ff',
};

export function statusColor(status: string): string {
  return STATUS_COLORS[status] ?? 'default';
}

export function statusHex(status: string): string {
  return HEX[statusColor(status)];
}

/** A status as a coloured tag; `label` is its translation (`te('accounts.status', s)`). */
export function StatusTag({ status, label }: { status: string; label: string }) {
  return (
    <Tag color={statusColor(status)} data-status={status}>
      {label}
    </Tag>
  );
}

export interface StatusSelectProps<S extends string> {
  /** The server table whose parameter `name` the select sets (useServerTable's params and setFilters). */
  table: { params: Record<string, string>; setFilters(changes: Record<string, string>): void };
  name: string;
  values: readonly S[];
  label(value: S): string;
  placeholder: string;
  style?: CSSProperties;
}

/** A clearable filter select of a paged list: the value lives in the table's parameters (the URL). */
export function StatusSelect<S extends string>({ table, name, values, label, placeholder, style }: StatusSelectProps<S>) {
  const options = values.map((s) => ({ value: s, label: label(s) }));
  return <FilterSelect table={table} name={name} options={options} placeholder={placeholder} style={{ flex: '0 1 200px', ...style }} />;
}

/** StatusSelect over any options (e.g. loaded ones); `style` is used as given. */
export function FilterSelect({ table, name, options, placeholder, style, testId }: {
  table: StatusSelectProps<string>['table'];
  name: string;
  options: { value: string; label: string }[] | undefined;
  placeholder: string;
  style?: CSSProperties;
  testId?: string;
}) {
  return (
    <Select<string | undefined>
      style={style}
      allowClear
      placeholder={placeholder}
      value={table.params[name] || undefined}
      onChange={(v) => table.setFilters({ [name]: v ?? '' })}
      options={options}
      data-testid={testId}
    />
  );
}
