import { formatDateTime, type Locale } from "../format";
import type { SessionRow } from "./sessions";

/** Sessions as the panel shows them: dates formatted for the reader. */
export function sessionViews(rows: SessionRow[], locale: Locale) {
  return rows.map((s) => ({
    id: s.id,
    browser: s.browser,
    os: s.os,
    ip: s.ip,
    createdAt: formatDateTime(s.createdAt, locale),
    lastSeenAt: formatDateTime(s.lastSeenAt, locale),
    current: s.current,
  }));
}
