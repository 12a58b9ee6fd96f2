import { desc, eq } from "drizzle-orm";
import { auditAuthzFailures } from "../audit/authz-failures";
import { emailOutbox } from "@/db/schema";
import { can, type Actor, type Ctx } from "../context";
import { ALL_PERMISSIONS } from "../permissions/catalog";
import { Forbidden, NotFound } from "../errors";
import { unseal } from "./seal";
import { renderEmail, type EmailMessage } from "./templates";

/** True where /dev/mailbox exists: never in production. */
export function mailboxEnabled(): boolean {
  return process.env.NODE_ENV !== "production";
}

/**
 * Who may read the mailbox: its messages carry invitation and password-reset links that sign in as
 * anyone, so only a person who may already do everything (every permission) reads it, not whoever
 * may view users.
 */
export function mayReadMailbox(actor: Actor | null): boolean {
  return ALL_PERMISSIONS.every((p) => can(actor, p));
}

function assertMayReadMailbox(actor: Actor | null): void {
  if (!mayReadMailbox(actor)) throw Forbidden();
}

/** The newest messages of the outbox, for the development mailbox. Caller holds every permission. */
export async function listMailbox(ctx: Ctx, limit = 50) {
  return auditAuthzFailures(ctx, "listMailbox", async () => {
    if (!mailboxEnabled()) throw NotFound();
    assertMayReadMailbox(ctx.actor);
    return ctx.db
      .select({
        id: emailOutbox.id,
        to: emailOutbox.toAddress,
        subject: emailOutbox.subject,
        status: emailOutbox.status,
        createdAt: emailOutbox.createdAt,
        attempts: emailOutbox.attempts,
        lastError: emailOutbox.lastError,
      })
      .from(emailOutbox)
      .orderBy(desc(emailOutbox.createdAt))
      .limit(limit);
  });
}

/** One message rendered, with the links it carries. */
export async function readMailboxMessage(ctx: Ctx, id: string) {
  return auditAuthzFailures(ctx, "readMailboxMessage", async () => {
    if (!mailboxEnabled()) throw NotFound();
    assertMayReadMailbox(ctx.actor);
    const [row] = await ctx.db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
    if (!row) throw NotFound("No such message.");
    const { html } = await renderEmail({ template: row.template, props: unseal(row.props) } as EmailMessage);
    const links = [...new Set([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&")))];
    return { id: row.id, to: row.toAddress, subject: row.subject, status: row.status, createdAt: row.createdAt, html, links };
  });
}
