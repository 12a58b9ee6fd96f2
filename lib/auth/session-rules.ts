import type { UserStatus } from "@/db/schema";

export interface SessionUserState {
  status: UserStatus;
  lockedAt: Date | null;
  accountExpiresOn: string | null; // YYYY-MM-DD
  adminConsoleAccess: boolean;
  sessionVersion: number;
}

/** The calendar date (UTC) on which an account stops working, or null. */
export function accountExpired(accountExpiresOn: string | null, now: Date): boolean {
  return !!accountExpiresOn && now.toISOString().slice(0, 10) >= accountExpiresOn;
}

/**
 * Why a session may no longer stand, or null when it may. Checked on every request, so a user who is
 * deactivated, locked, deleted, expired or whose sessions were revoked loses access at once.
 */
export function sessionRefusal(user: SessionUserState | null, tokenSessionVersion: unknown, now: Date): string | null {
  if (!user) return "gone";
  if (user.status !== "active") return "inactive";
  if (user.lockedAt) return "locked";
  if (accountExpired(user.accountExpiresOn, now)) return "expired";
  if (!user.adminConsoleAccess) return "no_console_access";
  if (user.sessionVersion !== tokenSessionVersion) return "revoked";
  return null;
}
