import { and, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import { auditAuthzFailures } from "./authz-failures";
import { z } from "zod";
import { auditEvents } from "@/db/schema";
import { assertCan, type Verb } from "../context";
import { parseInput, SearchTerm, Text } from "../validation";

export const ListAuditEventsInput = z.object({
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  pageSize: z.coerce.number().int().min(10).max(200).catch(50),
  action: Text(100).optional(),
  q: SearchTerm.optional(),
  targetId: z.uuid().optional().catch(undefined),
});
export type ListAuditEventsInput = Partial<Record<keyof z.input<typeof ListAuditEventsInput>, unknown>>;

/** Newest first. Caller needs audit.view. */
export async function listAuditEvents({ ctx, input }: Verb<ListAuditEventsInput>) {
  return auditAuthzFailures(ctx, "listAuditEvents", async () => {
    assertCan(ctx.actor, "audit.view");
    const { page, pageSize, action, q, targetId } = parseInput(ListAuditEventsInput, input);
    const filters: SQL[] = [];
    if (action) filters.push(eq(auditEvents.action, action));
    if (targetId) filters.push(eq(auditEvents.targetId, targetId));
    if (q) {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      filters.push(or(ilike(auditEvents.actorName, like), ilike(auditEvents.targetName, like))!);
    }
    const where = filters.length ? and(...filters) : undefined;
    const [rows, [{ total }]] = await Promise.all([
      ctx.db
        .select({
          id: auditEvents.id,
          at: auditEvents.at,
          action: auditEvents.action,
          actorName: auditEvents.actorName,
          targetType: auditEvents.targetType,
          targetId: auditEvents.targetId,
          targetName: auditEvents.targetName,
          ip: auditEvents.ip,
          detail: auditEvents.detail,
        })
        .from(auditEvents)
        .where(where)
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      ctx.db.select({ total: count() }).from(auditEvents).where(where),
    ]);
    return { rows, total, page, pageSize };
  });
}
