// Pieces shared by the trs pages: the study header with its page links, charts, h:mm:ss, form sections.
import { Segmented, Skeleton } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import * as echarts from 'echarts/core';
import { BoxplotChart, LineChart } from 'echarts/charts';
import { trs, type ColumnDef, type Study } from '../../api/trs';
import { useApiQuery } from '../../hooks/query';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../components/PageHeader';
import { EChart, type EChartsOption } from '../../components/EChart';
import { fmtDate } from '../../utils/format';
import './trs.css';

echarts.use([BoxplotChart, LineChart]);  // bars, grid, legend, tooltip and the renderer come with EChart
export type TrsChartOption = EChartsOption;

/** The shared chart with the series the trs pages draw (lines, box plots, bars). */
export function TrsChart({ option, height = 300, testId }: { option: TrsChartOption; height?: number; testId?: string }) {
  return <EChart option={option} height={height} className="trs-chart" testId={testId} />;
}

/** 115.005 → "115:00:18" (Vietnamese reports write hours this way). */
export function hms(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || Number.isNaN(hours)) return '—';
  const total = Math.round(hours * 3600);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/** Bars of hours by name (h:mm:ss in the tooltip, the legend on top); `horizontal` puts the names on the y axis. */
export function hourBars(names: string[], series: TrsChartOption['series'], horizontal = false): TrsChartOption {
  const category = { type: 'category' as const, data: names };
  const hours = { type: 'value' as const, name: 'h' };
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => hms(v) },
    legend: { top: 0 },
    grid: horizontal ? { left: 110, right: 16, top: 36, bottom: 24 } : { left: 50, right: 16, top: 36, bottom: 40 },
    xAxis: horizontal ? hours : category,
    yAxis: horizontal ? category : hours,
    series,
  };
}

export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${(share * 100).toFixed(1)} %`;
}

const PAGES = ['records', 'entry', 'import', 'followup', 'report', 'agencies'] as const;
type StudyPage = (typeof PAGES)[number];

/** Loads the study and shows its header with links to its pages. */
/** The heading of a form column in the current language (its code until the column table has loaded). */
export function useColumnLabel(): (name: string) => string {
  const { lang } = useI18n();
  const meta = useTrsColumns();
  return (name: string) => {
    const c = meta.data?.columns.find((x) => x.name === name);
    return c ? (lang === 'vi' ? c.label_vi : c.label_en) : name;
  };
}

export function useStudy(id: string) {
  return useApiQuery(['trs', 'study', id], () => trs.study(id));
}

/** The form's column table and intervals: fixed for a server's life. */
export function useTrsColumns() {
  return useApiQuery(['trs', 'columns'], trs.columns, { staleTime: Infinity });
}

export function StudyHeader({ study, page, extra }: { study?: Study; page: StudyPage; extra?: React.ReactNode }) {
  const { te, lang } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  if (!study) return <Skeleton active paragraph={{ rows: 1 }} />;
  const path = (p: StudyPage) => (p === 'entry' ? `/trs/studies/${study.id}/records/new` : `/trs/studies/${study.id}/${p}`);
  return (
    <>
      <PageHeader
        title={study.name}
        subtitle={`${fmtDate(study.week_start, lang)} – ${fmtDate(study.week_end, lang)} · ${study.branches
          .map((b) => b.code)
          .join(', ')}`}
        extra={extra}
      />
      <Segmented
        className="trs-nav no-print"
        value={page}
        onChange={(v) => {
          const target = path(v as StudyPage);
          if (target !== location.pathname) navigate(target);
        }}
        options={PAGES.map((p) => ({ value: p, label: te('menu.trs', p) }))}
      />
    </>
  );
}

/** Moved to components/LoadError (shared by every module); re-exported for the trs pages. */
export { LoadError } from '../../components/LoadError';

// ---- form sections of 01-NK / 01-XK ----

export const SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K'] as const;
export type Section = (typeof SECTIONS)[number];

/** Which section of the form a column belongs to (field numbers of 01-NK). */
export function sectionOf(column: string): Section {
  if (column === 'arrival_at') return 'B';
  if (column === 'registered_at' || column === 'channel') return 'C';
  if (/^(ag1_|ag2_|qc_)/.test(column) || ['sci_kinds', 'license_per_shipment', 'nsw'].includes(column)) return 'D';
  if (/^doc_/.test(column) || ['suspicion', 'reassess', 'reassess_end_at'].includes(column)) return 'E';
  if (/^(inspect_|scan_|direct_)/.test(column)) return 'F';
  if (/^tax_/.test(column)) return 'G';
  if (column === 'storage_decision_at') return 'H';
  if (column === 'released_at') return 'I';
  if (/^(supervision_|border_check_)/.test(column) || column === 'gate_out_at') return 'J';
  if (/^delay_/.test(column)) return 'K';
  return 'A';
}

/** Starred fields of the 2015 forms (and what every stored record needs: flow, branch, number). */
export const REQUIRED = new Set([
  'flow', 'branch_code', 'declaration_no', 'bill_of_lading', 'transport', 'pre_arrival', 'shipment_mode', 'goods_group',
  'arrival_at', 'registered_at', 'channel', 'doc_assigned_at', 'tax_method', 'tax_paid_at', 'released_at',
]);
/** Columns that exist only on the import form 01-NK. */
export const NK_ONLY = new Set(['arrival_at', 'pre_arrival', 'aeo', 'license_per_shipment', 'shipment_mode', 'bill_of_lading',
  'transport', 'storage_decision_at', 'supervision_start_at', 'supervision_confirmed_at', 'gate_out_at']);

export function columnsFor(columns: ColumnDef[], flow: string): ColumnDef[] {
  return columns.filter((c) => flow !== 'XK' || !NK_ONLY.has(c.name) && !/^(ag2_|qc_)/.test(c.name));
}
