import { sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { settings } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { actingUserId, type Ctx } from "../context";
import { getSettings } from "./get-settings";

/**
 * Writes the settings that changed, and one `settings.updated` event with each before and after,
 * in the caller's transaction. Returns how many changed.
 */
export async function saveSettings(tx: Transaction, ctx: Ctx, group: string, values: Record<string, unknown>): Promise<number> {
  const before = (await getSettings(tx)) as Record<string, unknown>;
  const now = ctx.now();
  const actorId = actingUserId(ctx.actor);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(values)) {
    if (before[key] === value) continue;
    changes[key] = [before[key], value];
    await tx
      .insert(settings)
      .values({ key, value, updatedAt: now, updatedById: actorId })
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value`, updatedAt: now, updatedById: actorId } });
  }
  if (Object.keys(changes).length) await recordAudit(tx, ctx, "settings.updated", { target: { type: "settings", name: group }, detail: { changes } });
  return Object.keys(changes).length;
}
