import { createHash, timingSafeEqual } from "node:crypto";
import { DomainError } from "../errors";

/**
 * The scheduler's bearer check: `Authorization: Bearer $CRON_SECRET`, compared in constant time
 * (both sides hashed first, so not even the length leaks). No secret configured: 503, said plainly.
 */
export function assertCronAuthorized(authorization: string | null, secret: string | undefined): void {
  if (!secret) throw new DomainError("unavailable", "The end-of-day job is not configured: set CRON_SECRET on the server.");
  const given = /^Bearer (.+)$/.exec(authorization ?? "")?.[1] ?? "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  if (!given || !timingSafeEqual(digest(given), digest(secret))) throw new DomainError("unauthenticated", "A valid Authorization: Bearer token is required.");
}
