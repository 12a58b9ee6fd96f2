import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emailOutbox } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Verb } from "../context";
import { NotFound } from "../errors";
import { parseInput } from "../validation";
import { retryEmail } from "./deliver";

/** Puts a failed message back in the queue. Caller needs roles.manage. */
export async function retryDelivery({ ctx, input }: Verb<{ id: unknown }>) {
  return auditAuthzFailures(ctx, "retryDelivery", async () => {
    assertCan(ctx.actor, "roles.manage");
    const { id } = parseInput(z.object({ id: z.uuid("Unknown message.") }), input);
    await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ to: emailOutbox.toAddress })
        .from(emailOutbox)
        .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "failed")))
        .for("update");
      if (!row) throw NotFound("That message is not waiting for a retry.");
      await retryEmail(tx, id, ctx.now());
      await recordAudit(tx, ctx, "email.retried", { detail: { id, to: row.to } });
    });
  });
}
