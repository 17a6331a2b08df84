// Classification of calendar days for display (pure).
import type { Adjustment, CalendarDay } from '../api/types';

export type DayKind = 'working' | 'weekend' | 'holiday' | 'makeup' | 'off';

export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
/** Monday first, as the month grids show them. */
export const WEEK: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 0];

/** Day of week of a YYYY-MM-DD date (0 = Sunday), independent of the browser's time zone. */
export function weekday(date: string): Weekday {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() as Weekday;
}

export function isWeekend(date: string): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

/**
 * How a day is shown: a working weekend day is a make-up day; a day off that an adjustment created is "off";
 * other non-working weekdays are holidays; weekends are weekends.
 */
export function classifyDay(day: Pick<CalendarDay, 'date' | 'working' | 'holiday'> & { makeup?: boolean }, adjustments: Adjustment[] = []): DayKind {
  const weekend = isWeekend(day.date);
  if (day.working) return weekend || day.makeup ? 'makeup' : 'working';
  const adj = adjustments.find((a) => a.date === day.date);
  if (adj && !adj.working) return 'off';
  if (day.holiday) return 'holiday';
  return weekend ? 'weekend' : 'off';
}

/** Weeks (Monday first) of a month as rows of YYYY-MM-DD or null padding. */
export function monthGrid(year: number, month: number): Array<Array<string | null>> {
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const first = (weekday(`${year}-${String(month).padStart(2, '0')}-01`) + 6) % 7; // Monday = 0
  const cells: Array<string | null> = Array(first).fill(null);
  for (let d = 1; d <= days; d++) cells.push(`${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
  while (cells.length % 7) cells.push(null);
  const rows: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(cells.slice(i, i + 7));
  return rows;
}

export interface Period {
  start: string;
  end: string;
}

/** Problems with working periods: 'order' when an end is not after its start, 'overlap' when two overlap. */
export function periodProblems(periods: Period[]): Array<'order' | 'overlap'> {
  const out = new Set<'order' | 'overlap'>();
  const sorted = [...periods].sort((a, b) => a.start.localeCompare(b.start));
  for (const p of sorted) if (p.end <= p.start) out.add('order');
  for (let i = 1; i < sorted.length; i++) if (sorted[i].start < sorted[i - 1].end) out.add('overlap');
  return [...out];
}

export interface HolidayRange {
  name: string;
  from: string;
  to: string;
  days: number;
}

/** Merges consecutive dates that carry the same name ("Tết Nguyên đán" 16/02–20/02) into one range. */
export function groupHolidays(items: Array<{ date: string; name: string }>): HolidayRange[] {
  const sorted = [...items].sort((a, b) => a.date.localeCompare(b.date));
  const out: HolidayRange[] = [];
  for (const h of sorted) {
    const last = out[out.length - 1];
    if (last && last.name === h.name && nextDate(last.to) === h.date) {
      last.to = h.date;
      last.days++;
    } else {
      out.push({ name: h.name, from: h.date, to: h.date, days: 1 });
    }
  }
  return out;
}

/** The day after a YYYY-MM-DD date. */
export function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
