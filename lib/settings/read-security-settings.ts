import { assertCan, type Ctx } from "../context";
import { auditAuthzFailures } from "../audit/authz-failures";
import { getSettings } from "./get-settings";

/** The thresholds shown on /settings/security. Caller needs roles.manage. */
export async function readSecuritySettings(ctx: Ctx): Promise<Record<string, number>> {
  return auditAuthzFailures(ctx, "readSecuritySettings", async () => {
    assertCan(ctx.actor, "roles.manage");
    const s = await getSettings(ctx.db);
    return Object.fromEntries(Object.entries(s).filter(([, v]) => typeof v === "number")) as Record<string, number>;
  });
}
