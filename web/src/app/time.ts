import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import i18n, { currentLanguage } from './i18n';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

// The org's time zone decides what a date means ("today", a day's bounds); set from /me.
let orgTimeZone = 'Asia/Shanghai';

export function setOrgTimeZone(tz: string): void {
  orgTimeZone = tz;
}

const dayjsLocale = () => (currentLanguage() === 'en' ? 'en' : 'zh-cn');
dayjs.locale(dayjsLocale());
i18n.on('languageChanged', () => dayjs.locale(dayjsLocale()));

/** An instant (epoch ms) in the org's time zone. */
export const inOrgZone = (ms: number): Dayjs => dayjs(ms).tz(orgTimeZone);

/** 2026-03-01 14:05 — dates as YYYY-MM-DD and 24-hour times in both languages. */
export function formatDateTime(ms: number | null | undefined): string {
  return ms == null ? '' : inOrgZone(ms).format('YYYY-MM-DD HH:mm');
}

export function formatDate(ms: number | null | undefined): string {
  return ms == null ? '' : inOrgZone(ms).format('YYYY-MM-DD');
}

/** "3 天前" / "3 days ago". */
export function fromNow(ms: number | null | undefined): string {
  return ms == null ? '' : dayjs(ms).locale(dayjsLocale()).fromNow();
}

/** A date and time picked in a picker, read as that wall-clock time in the org's time zone, as epoch ms. */
export function orgInstantOf(d: Dayjs): number {
  return dayjs.tz(d.format('YYYY-MM-DD HH:mm'), orgTimeZone).valueOf();
}

/** Start of a calendar day picked in a date picker, in the org's time zone, as epoch ms. */
export function startOfOrgDay(d: Dayjs): number {
  return dayjs.tz(d.format('YYYY-MM-DD'), orgTimeZone).valueOf();
}

/** The first instant after a picked calendar day, in the org's time zone. */
export function endOfOrgDay(d: Dayjs): number {
  return dayjs.tz(d.format('YYYY-MM-DD'), orgTimeZone).add(1, 'day').valueOf();
}
