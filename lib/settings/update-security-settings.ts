import { auditAuthzFailures } from "../audit/authz-failures";
import { z } from "zod";
import { assertCan, type Verb } from "../context";
import { FormBoolean, parseInput } from "../validation";
import { saveSettings } from "./save-settings";

/**
 * A whole number in a range, with one message for whatever is wrong (empty, "abc", 2.5, 1e30, -1):
 * the range, said beside the field its label already names. Empty is not read as 0.
 */
const whole = (min: number, max: number, message = `Enter a whole number from ${min} to ${max}.`, also: (n: number) => boolean = () => true) => {
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce.number({ message }).refine((n) => Number.isInteger(n) && n >= min && n <= max && also(n), message),
  );
};

export const SecuritySettingsInput = z
  .object({
    // Floors a holder of roles.manage can't go under: one or two tries would let anyone lock any
    // account (their Administrator's too) with a guess or two, and a day's idleness lock everyone.
    "lockout.maxFailedAttempts": whole(3, 100),
    "lockout.inactivityDays": whole(0, 3650, "Enter 0 (off) or a whole number from 7 to 3650.", (n) => n === 0 || n >= 7),
    "password.maxAgeDays": whole(0, 3650),
    "password.expiryWarningDays": whole(0, 90),
    "invitation.expiryDays": whole(1, 90),
    "session.absoluteHours": whole(1, 168),
    "session.idleMinutes": whole(5, 1440),
    "api.rateLimitPerMinute": whole(10, 100000),
    "import.invitationsPerMinute": whole(1, 10000),
    "import.fileRetentionDays": whole(1, 365),
    "password.adminSetIsTemporary": FormBoolean,
    "account.editName": FormBoolean,
    "account.editPhone": FormBoolean,
    "account.editPicture": FormBoolean,
    "account.editEmail": FormBoolean,
    "account.editNotifications": FormBoolean,
  })
  // A session ends at its lifetime whatever its idle time: a longer idle timeout would never apply.
  // Each cross-field rule is said together with other fields' problems, once its own fields are in range.
  .refine((s) => s["session.idleMinutes"] <= s["session.absoluteHours"] * 60, {
    path: ["session.idleMinutes"],
    message: "The idle timeout can't be longer than the session lifetime.",
    when: ({ issues }) => !issues.some((i) => i.path?.[0] === "session.idleMinutes" || i.path?.[0] === "session.absoluteHours"),
  })
  // A warning as long as the password's life would warn from the day it is set.
  .refine((s) => s["password.maxAgeDays"] === 0 || s["password.expiryWarningDays"] < s["password.maxAgeDays"], {
    path: ["password.expiryWarningDays"],
    message: "Warn fewer days before expiry than a password lasts, or every password is always about to expire.",
    when: ({ issues }) => !issues.some((i) => i.path?.[0] === "password.expiryWarningDays" || i.path?.[0] === "password.maxAgeDays"),
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
