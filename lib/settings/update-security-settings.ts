import { auditAuthzFailures } from "../audit/authz-failures";
import { z } from "zod";
import { assertCan, type Verb } from "../context";
import { FormBoolean, parseInput } from "../validation";
import { saveSettings } from "./save-settings";

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ message: `Enter a number for ${label}.` })
    .int(`Enter a whole number for ${label}.`)
    .min(min, `${label} is at least ${min}.`)
    .max(max, `${label} is at most ${max}.`);

export const SecuritySettingsInput = z.object({
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
