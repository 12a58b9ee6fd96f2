import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Database, Handle } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { unseal } from "./seal";
import { renderEmail, type EmailMessage } from "./templates";
import type { EmailTransport } from "./transport";

export const MAX_ATTEMPTS = 8;

/** 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/**
 * Sends what is due, one row at a time. Each row is claimed with FOR UPDATE SKIP LOCKED inside its
 * own transaction and stays locked while it is sent, so two instances never send the same row; if
 * the process dies mid-send the claim rolls back and the next run sends it again, and the outbox id
 * as idempotency key keeps the provider from delivering it twice.
 */
export async function deliverDueEmails({
  db,
  transport,
  from,
  now = () => new Date(),
  limit = 50,
}: {
  db: Database;
  transport: EmailTransport;
  from: string;
  now?: () => Date;
  limit?: number;
}): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (let i = 0; i < limit; i++) {
    const outcome = await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now())))
        .orderBy(asc(emailOutbox.nextAttemptAt))
        .limit(1)
        .for("update", { skipLocked: true });
      if (!row) return "empty" as const;
      let result: Awaited<ReturnType<EmailTransport["send"]>>;
      try {
        const message = { template: row.template, props: unseal(row.props) } as EmailMessage;
        const { html, text } = await renderEmail(message);
        result = await transport.send({ id: row.id, from, to: row.toAddress, subject: row.subject, html, text });
      } catch (error) {
        result = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      const attempts = row.attempts + 1;
      if (result.ok) {
        await tx
          .update(emailOutbox)
          .set({ status: "sent", attempts, sentAt: now(), providerMessageId: result.providerId, lastError: null })
          .where(eq(emailOutbox.id, row.id));
        return "sent" as const;
      }
      await tx
        .update(emailOutbox)
        .set({
          attempts,
          lastError: result.error.slice(0, 1000),
          status: attempts >= MAX_ATTEMPTS ? "failed" : "pending",
          nextAttemptAt: new Date(now().getTime() + backoffMs(attempts)),
        })
        .where(eq(emailOutbox.id, row.id));
      return "failed" as const;
    });
    if (outcome === "empty") break;
    if (outcome === "sent") sent++;
    else failed++;
  }
  return { sent, failed };
}

/** Puts a message that gave up back in the queue (an administrator's "retry"). */
export async function retryEmail(db: Handle, id: string, now: Date) {
  await db
    .update(emailOutbox)
    .set({ status: "pending", nextAttemptAt: now, attempts: sql`least(${emailOutbox.attempts}, ${MAX_ATTEMPTS - 1})` })
    .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "failed")));
}
