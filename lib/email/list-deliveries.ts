import { and, desc, eq, gt, inArray, or } from "drizzle-orm";
import { z } from "zod";
import { emailOutbox } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Ctx, type Verb } from "../context";
import { NotFound } from "../errors";
import { parseInput } from "../validation";
import { retryEmail } from "./deliver";

/**
 * Messages that failed or are waiting to be retried, with their last error. Caller needs
 * roles.manage (the administrators who run the organization's settings).
 */
export async function listProblemDeliveries(ctx: Ctx) {
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
}

/** Puts a failed message back in the queue. Caller needs roles.manage. */
export async function retryDelivery({ ctx, input }: Verb<{ id: unknown }>) {
  assertCan(ctx.actor, "roles.manage");
  const { id } = parseInput(z.object({ id: z.uuid() }), input);
  const [row] = await ctx.db.select({ to: emailOutbox.toAddress }).from(emailOutbox).where(and(eq(emailOutbox.id, id), inArray(emailOutbox.status, ["failed"])));
  if (!row) throw NotFound("That message is not waiting for a retry.");
  await retryEmail(ctx.db, id, ctx.now());
  await recordAudit(ctx.db, ctx, "email.retried", { detail: { id, to: row.to } });
}
