import { settings } from "@/db/schema";
import type { Handle } from "@/db/client";

/** Every setting with its default; the migration seeds the same values. */
export const SETTING_DEFAULTS = {
  "organization.name": "Rollcall",
  "organization.timeZone": "UTC",
  "lockout.maxFailedAttempts": 5,
  "lockout.inactivityDays": 90,
  "password.maxAgeDays": 120,
  "password.expiryWarningDays": 14,
  "invitation.expiryDays": 7,
  "session.absoluteHours": 12,
  "session.idleMinutes": 30,
  "api.rateLimitPerMinute": 600,
  "import.invitationsPerMinute": 60,
  "import.fileRetentionDays": 30,
  /** What a user may change on their own account (/account); the rest is shown read-only. */
  "account.editName": true,
  "account.editPhone": true,
  "account.editPicture": true,
  "account.editEmail": true,
  "account.editNotifications": true,
  /** A password an administrator types for someone must be replaced at their first sign-in. */
  "password.adminSetIsTemporary": true,
};

export type Settings = typeof SETTING_DEFAULTS;

export async function getSettings(db: Handle): Promise<Settings> {
  const rows = await db.select({ key: settings.key, value: settings.value }).from(settings);
  return settingsFrom(Object.fromEntries(rows.map((r) => [r.key, r.value])));
}

/** The stored values over the defaults; a stored value of the wrong type, or an unknown key, is ignored. */
export function settingsFrom(stored: Record<string, unknown>): Settings {
  const out: Record<string, unknown> = { ...SETTING_DEFAULTS };
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in SETTING_DEFAULTS)) continue;
    if (typeof value === typeof SETTING_DEFAULTS[key as keyof Settings]) out[key] = value;
  }
  return out as Settings;
}
