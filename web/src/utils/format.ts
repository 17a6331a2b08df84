// Date and time display. The API speaks ISO-8601 with offset; officers read Vietnam local time (UTC+7).
import dayjs from 'dayjs';
import type { Lang } from '../i18n/translate';

const VN_OFFSET_MIN = 7 * 60;

/** Shifts an instant to Vietnam wall-clock time regardless of the browser's zone. */
export function toVietnamTime(iso: string): dayjs.Dayjs {
  const d = dayjs(iso);
  return d.add(VN_OFFSET_MIN + d.utcOffset() * -1, 'minute');
}

export function fmtDate(date: string | null | undefined, lang: Lang): string {
  if (!date) return '—';
  const d = dayjs(date.slice(0, 10));
  return d.isValid() ? d.format(lang === 'vi' ? 'DD/MM/YYYY' : 'D MMM YYYY') : date;
}

export function fmtDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  return toVietnamTime(iso).format(lang === 'vi' ? 'HH:mm DD/MM/YYYY' : 'D MMM YYYY HH:mm');
}

/** Local Vietnam date-time → ISO with +07:00, the form the API expects. */
export function toApiDateTime(d: dayjs.Dayjs): string {
  return d.format('YYYY-MM-DDTHH:mm:ss') + '+07:00';
}

export function toApiDate(d: dayjs.Dayjs): string {
  return d.format('YYYY-MM-DD');
}

/** Today's date in Vietnam as YYYY-MM-DD. */
export function vietnamToday(): string {
  return toVietnamTime(new Date().toISOString()).format('YYYY-MM-DD');
}
