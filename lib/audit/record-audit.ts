import type { Handle } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { actingUserId, actorLabel, type Ctx } from "../context";

export interface AuditTarget {
  type: "user" | "role" | "branch" | "team" | "api_key" | "client" | "import" | "settings";
  id?: string | null;
  name?: string | null;
}

type AuditOptions = { target?: AuditTarget; detail?: Record<string, unknown>; actor?: Ctx["actor"] };

/** An audit event's row: who (names copied, so the trail keeps them after a user is deleted), from where, on what. */
export function auditRow(ctx: Ctx, action: string, { target, detail = {}, actor = ctx.actor }: AuditOptions = {}): typeof auditEvents.$inferInsert {
  return {
    at: ctx.now(),
    action,
    actorKind: actor?.kind ?? null,
    actorId: actor?.kind === "apiKey" ? actor.createdById : actingUserId(actor),
    actorName: actor ? actorLabel(actor) : null,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    targetName: target?.name ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 500) ?? null,
    detail,
  };
}

/** Writes an audit event on the handle the change uses, so the event commits or rolls back with it. */
export async function recordAudit(tx: Handle, ctx: Ctx, action: string, options: AuditOptions = {}): Promise<void> {
  await tx.insert(auditEvents).values(auditRow(ctx, action, options));
}
