/** Minutes to add to UTC to get the wall-clock time in `timeZone` at `instant`. */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(instant))
      .filter((p) => p.type !== "literal")
      .map((p) => [p.type, Number(p.value)]),
  );
  const wall = new Date(0); // setUTCFullYear, not Date.UTC: year 50 is 50, not 1950
  wall.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  wall.setUTCHours(parts.hour, parts.minute, parts.second);
  const asUtc = wall.getTime();
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * Midnight UTC of a YYYY-MM-DD date `addDays` later, in milliseconds: by setUTCFullYear, which reads
 * years 0–99 as written (Date.UTC takes 50 for 1950) and rolls 9999-12-31 on to year 10000, which
 * the string round trip of an ISO date cannot hold ("+010000-01-01" broke the audit log's To filter).
 */
function utcMidnight(date: string, addDays = 0): number {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d + addDays);
  return t.getTime();
}

/** The instant a calendar day (`addDays` after `date`) starts in a time zone (DST-safe). */
function startOfDay(date: string, timeZone: string, addDays = 0): Date {
  const guess = utcMidnight(date, addDays);
  let start = guess - offsetMinutes(guess, timeZone) * 60_000;
  start = guess - offsetMinutes(start, timeZone) * 60_000;
  return new Date(start);
}

/** The next calendar day, YYYY-MM-DD (10000-01-01 after 9999-12-31). */
export function nextDay(date: string): string {
  const next = new Date(utcMidnight(date, 1));
  return `${String(next.getUTCFullYear()).padStart(4, "0")}-${String(next.getUTCMonth() + 1).padStart(2, "0")}-${String(next.getUTCDate()).padStart(2, "0")}`;
}

/** [start, end) of a calendar day in the organization's time zone, as instants. */
export function dayBounds(date: string, timeZone: string): { start: Date; end: Date } {
  return { start: startOfDay(date, timeZone), end: startOfDay(date, timeZone, 1) };
}

/** The calendar date of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

/** The day that just ended in the organization's time zone: what a midnight cron reports. */
export function dayThatJustEnded(now: Date, timeZone: string): string {
  const today = localDate(now, timeZone);
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
