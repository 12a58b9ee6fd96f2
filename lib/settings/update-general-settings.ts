import { z } from "zod";
import { auditAuthzFailures } from "../audit/authz-failures";
import { assertCan, type Verb } from "../context";
import { isTimeZone } from "../reports/report-day";
import { parseInput, Text } from "../validation";
import { getSettings } from "./get-settings";
import { saveSettings } from "./save-settings";

const GeneralSettingsInput = z.object({
  "organization.name": Text(100, "The organization's name has at most 100 characters.").refine((v) => v.length > 0, "Enter the organization's name."),
  "organization.timeZone": Text(64).refine(isTimeZone, "Choose a time zone from the list."),
});

/**
 * The organization's name (in every e-mail) and time zone (the day the end-of-day report covers).
 * Caller needs roles.manage, like the other settings. Records the before and after values.
 */
export async function updateGeneralSettings({ ctx, input }: Verb<Record<string, unknown>>) {
  return auditAuthzFailures(ctx, "updateGeneralSettings", async () => {
    assertCan(ctx.actor, "roles.manage");
    const data = parseInput(GeneralSettingsInput, input);
    return ctx.db.transaction(async (tx) => ({ changed: await saveSettings(tx, ctx, "general", data) }));
  });
}

/** The two general settings, for their form. Caller needs roles.manage. */
export async function readGeneralSettings({ ctx }: Verb<Record<string, never>>) {
  return auditAuthzFailures(ctx, "readGeneralSettings", async () => {
    assertCan(ctx.actor, "roles.manage");
    const s = await getSettings(ctx.db);
    return { name: s["organization.name"], timeZone: s["organization.timeZone"] };
  });
}
