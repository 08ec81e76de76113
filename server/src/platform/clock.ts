/** Injectable time source: logic asks the clock, tests move it. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export class ManualClock implements Clock {
  constructor(private t = Date.UTC(2026, 10, 27, 2, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(t: number): void {
    this.t = t;
  }
}

/** Midnight of `now`'s calendar day in `timeZone` (daily limits count from here), as epoch ms. */
export function startOfDay(now: number, timeZone: string): number {
  const parts = formatter('en-US', timeZone, {
    hourCycle: 'h23',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return now - ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000 - (now % 1000);
}

/** The instant a calendar day (YYYY-MM-DD) begins in `timeZone`, as epoch ms. */
export function dayStart(day: string, timeZone: string): number {
  // Noon UTC falls on the same calendar day in every zone from UTC−11 to UTC+11.
  return startOfDay(Date.parse(`${day}T12:00:00Z`), timeZone);
}

/** YYYY-MM-DD of an instant in a time zone. */
export function dayIn(ms: number, timeZone: string): string {
  return formatter('en-CA', timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

/** YYYY-MM-DD HH:mm of an instant in a time zone. */
export function minuteIn(ms: number, timeZone: string): string {
  const parts = formatter('en-CA', timeZone, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/**
 * One formatter per locale, zone and options, made once: making an Intl.DateTimeFormat costs far more
 * than using one (a forecast of 50,000 deals turns hundreds of close dates into instants).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(
  locale: string,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}
