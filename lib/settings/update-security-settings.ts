import { auditAuthzFailures } from "../audit/authz-failures";
import { z } from "zod";
import { assertCan, type Verb } from "../context";
import { FormBoolean, parseInput } from "../validation";
import { saveSettings } from "./save-settings";

/**
 * A whole number in a range. An empty field is "Enter a number", not 0 (which said "at least 1");
 * the range is checked before wholeness, so 1e30 says "at most 100", not "a whole number".
 */
const whole = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number({ message: `Enter a number for ${label}.` })
      .min(min, { message: `${label} is at least ${min}.`, abort: true })
      .max(max, { message: `${label} is at most ${max}.`, abort: true })
      .int(`Enter a whole number for ${label}.`),
  );

export const SecuritySettingsInput = z
  .object({
    "lockout.maxFailedAttempts": whole("Wrong passwords before locking", 1, 100),
    "lockout.inactivityDays": whole("Days without sign-in before locking", 0, 3650),
    "password.maxAgeDays": whole("Password age in days", 0, 3650),
    "password.expiryWarningDays": whole("Warning days before expiry", 0, 90),
    "invitation.expiryDays": whole("Invitation lifetime in days", 1, 90),
    "session.absoluteHours": whole("Session lifetime in hours", 1, 168),
    "session.idleMinutes": whole("Idle timeout in minutes", 5, 1440),
    "api.rateLimitPerMinute": whole("API requests a minute per key", 10, 100000),
    "import.invitationsPerMinute": whole("Invitations a minute from an import", 1, 10000),
    "import.fileRetentionDays": whole("Days an imported file is kept", 1, 365),
    "password.adminSetIsTemporary": FormBoolean,
    "account.editName": FormBoolean,
    "account.editPhone": FormBoolean,
    "account.editPicture": FormBoolean,
    "account.editEmail": FormBoolean,
    "account.editNotifications": FormBoolean,
  })
  // A session ends at its lifetime whatever its idle time: a longer idle timeout would never apply.
  .refine((s) => s["session.idleMinutes"] <= s["session.absoluteHours"] * 60, {
    path: ["session.idleMinutes"],
    message: "The idle timeout can't be longer than the session lifetime.",
    // Said together with other fields' problems, once these two are numbers in range.
    when: ({ issues }) => !issues.some((i) => i.path?.[0] === "session.idleMinutes" || i.path?.[0] === "session.absoluteHours"),
  });
export type SecuritySettingsInput = Record<string, unknown>;

/**
 * Saves the account-security thresholds and what users may change on their own account. Caller needs roles.manage (access policy is part of
 * managing who may do what). Records the before and after values.
 */
export async function updateSecuritySettings({ ctx, input }: Verb<SecuritySettingsInput>) {
  return auditAuthzFailures(ctx, "updateSecuritySettings", async () => {
    assertCan(ctx.actor, "roles.manage");
    const data = parseInput(SecuritySettingsInput, input);
    return ctx.db.transaction(async (tx) => ({ changed: await saveSettings(tx, ctx, "security", data) }));
  });
}
