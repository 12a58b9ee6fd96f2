import { assertCan, type Ctx } from "../context";
import { auditAuthzFailures } from "../audit/authz-failures";
import { getSettings } from "./get-settings";

/** The thresholds and switches shown on /settings/security (all but the organization's). Caller needs roles.manage. */
export async function readSecuritySettings(ctx: Ctx): Promise<Record<string, number | boolean>> {
  return auditAuthzFailures(ctx, "readSecuritySettings", async () => {
    assertCan(ctx.actor, "roles.manage");
    const s = await getSettings(ctx.db);
    return Object.fromEntries(Object.entries(s).filter(([, v]) => typeof v === "number" || typeof v === "boolean")) as Record<string, number | boolean>;
  });
}
