import { DomainError } from "../errors";
import { env } from "../env";

/**
 * For route handlers that change state with a cookie session: the request must come from our own
 * pages. Browsers send Sec-Fetch-Site; older ones send Origin. A request with neither is refused.
 */
export function assertSameOrigin(headers: Headers, appUrl = env().APP_URL): void {
  const site = headers.get("sec-fetch-site");
  if (site) {
    if (site === "same-origin" || site === "none") return;
    throw new DomainError("forbidden", "Cross-site requests are not allowed.");
  }
  const origin = headers.get("origin");
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  if (origin) {
    const o = new URL(origin);
    if (o.origin === new URL(appUrl).origin || o.host === host) return;
  }
  throw new DomainError("forbidden", "Cross-site requests are not allowed.");
}
