import { and, desc, eq, gt, or } from "drizzle-orm";
import { auditAuthzFailures } from "../audit/authz-failures";
import { emailOutbox } from "@/db/schema";
import { assertCan, type Ctx } from "../context";

/**
 * Messages that failed or are waiting to be retried, with their last error. Caller needs
 * roles.manage (the administrators who run the organization's settings).
 */
export async function listProblemDeliveries(ctx: Ctx) {
  return auditAuthzFailures(ctx, "listProblemDeliveries", async () => {
    assertCan(ctx.actor, "roles.manage");
    return ctx.db
      .select({
        id: emailOutbox.id,
        to: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        status: emailOutbox.status,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
        nextAttemptAt: emailOutbox.nextAttemptAt,
        createdAt: emailOutbox.createdAt,
      })
      .from(emailOutbox)
      .where(or(eq(emailOutbox.status, "failed"), and(eq(emailOutbox.status, "pending"), gt(emailOutbox.attempts, 0))))
      .orderBy(desc(emailOutbox.createdAt))
      .limit(100);
  });
}
