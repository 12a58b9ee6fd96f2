import type { UserStatus } from "@/db/schema";

export interface SessionUserState {
  lastActivityAt?: Date | null;
  status: UserStatus;
  lockedAt: Date | null;
  accountExpiresOn: string | null; // YYYY-MM-DD
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
export function sessionRefusal(
  user: SessionUserState | null,
  tokenSessionVersion: unknown,
  now: Date,
  limits?: { authAt: number; absoluteHours: number; idleMinutes: number },
): string | null {
  if (!user) return "gone";
  if (user.status !== "active") return "inactive";
  if (user.lockedAt) return "locked";
  if (accountExpired(user.accountExpiresOn, now)) return "expired";
  if (user.sessionVersion !== tokenSessionVersion) return "revoked";
  if (limits) {
    if (now.getTime() / 1000 - limits.authAt > limits.absoluteHours * 3600) return "too_old";
    // Idle time is the user's: activity is recorded on the user row, at most once a minute.
    if (user.lastActivityAt && now.getTime() - user.lastActivityAt.getTime() > limits.idleMinutes * 60_000) return "idle";
  }
  return null;
}

export interface PasswordAgeState {
  mustChangePassword: boolean;
  passwordChangedAt: Date | null;
}

/** Whether the password must be changed now, and how many days are left before it must. */
export function passwordAge(user: PasswordAgeState, maxAgeDays: number, now: Date): { mustChange: boolean; daysLeft: number | null } {
  if (user.mustChangePassword) return { mustChange: true, daysLeft: 0 };
  if (!maxAgeDays || !user.passwordChangedAt) return { mustChange: false, daysLeft: null };
  const expires = user.passwordChangedAt.getTime() + maxAgeDays * 86_400_000;
  const daysLeft = Math.ceil((expires - now.getTime()) / 86_400_000);
  return { mustChange: daysLeft <= 0, daysLeft };
}
