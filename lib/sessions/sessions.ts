import Bowser from "bowser";
import { and, desc, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { sessions } from "@/db/schema";
import { auditAuthzFailures } from "../audit/authz-failures";
import { recordAudit } from "../audit/record-audit";
import { actingUserId, assertCan, type Ctx, type Verb } from "../context";
import { Forbidden, NotFound } from "../errors";
import { assertOutranks, loadTargetForUpdate } from "../permissions/guards";
import { parseInput } from "../validation";
import type { Transaction } from "@/db/client";
import { enqueueEmail } from "../email/enqueue";
import { recipientOf } from "../email/recipient";
import { appLink } from "../tokens/tokens";
import { sessionIsCurrent } from "../auth/revocation";

/** The e-mail a user gets when an administrator signs them out, in the same transaction. */
async function tellSignedOut(tx: Transaction, userId: string, count: number, now: Date) {
  const to = await recipientOf(tx, userId);
  const detail = to.language === "es" ? (count === 1 ? "una sesión" : `${count} sesiones`) : count === 1 ? "one session" : `${count} sessions`;
  await enqueueEmail(
    tx,
    { address: to.email, userId: userId },
    {
      template: "notice",
      props: { kind: "sessions_ended", lang: to.language, organization: to.organization, firstName: to.firstName, link: appLink("/login"), detail },
    },
    now,
  );
}

/** "Firefox 133 on Windows 10", from a user agent, by bowser (MIT); the raw string when it can't tell. */
export function describeUserAgent(userAgent: string | null): { browser: string | null; os: string | null } {
  if (!userAgent) return { browser: null, os: null };
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name ? `${parsed.browser.name}${parsed.browser.version ? ` ${parsed.browser.version.split(".")[0]}` : ""}` : null;
  const os = parsed.os.name
    ? `${parsed.os.name}${parsed.os.versionName ? ` ${parsed.os.versionName}` : parsed.os.version ? ` ${parsed.os.version}` : ""}`
    : null;
  return { browser: browser ?? userAgent.slice(0, 60), os };
}

const UserIdInput = z.object({ userId: z.uuid("Unknown user.") });

/**
 * A user's open sessions, the caller's own first, then by last seen: browser and system, address,
 * signed in, last seen, and which one is the caller's own. Anyone sees their own; seeing someone
 * else's needs users.view.
 */
export async function listSessions({ ctx, input }: Verb<{ userId: unknown }>) {
  return auditAuthzFailures(ctx, "listSessions", async () => {
    const { userId } = parseInput(UserIdInput, input);
    if (actingUserId(ctx.actor) !== userId) assertCan(ctx.actor, "users.view");
    const rows = await ctx.db
      .select({ id: sessions.id, userAgent: sessions.userAgent, ip: sessions.ip, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), sessionIsCurrent))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(100);
    const current = ctx.actor?.kind === "user" ? ctx.actor.sessionId : undefined;
    // The caller's own first, then the others by last seen: the list no longer shifts its own row
    // about as the others come and go.
    return rows.map((r) => ({ ...r, ...describeUserAgent(r.userAgent), current: r.id === current })).sort((a, b) => Number(b.current) - Number(a.current));
  });
}
export type SessionRow = Awaited<ReturnType<typeof listSessions>>[number];

/**
 * Ends one session: its next request, on any instance, goes to the sign-in page. Your own needs
 * nothing; someone else's needs users.update and outranking them. The refusal is recorded.
 */
export async function endSession({ ctx, input }: Verb<{ sessionId: unknown }>) {
  return auditAuthzFailures(ctx, "session.end", async () => {
    const { sessionId } = parseInput(z.object({ sessionId: z.uuid("Unknown session.") }), input);
    if (!ctx.actor) throw Forbidden();
    const actor = ctx.actor;
    return ctx.db.transaction(async (tx) => {
      const [row] = await tx.select({ userId: sessions.userId, endedAt: sessions.endedAt }).from(sessions).where(eq(sessions.id, sessionId)).for("update");
      if (!row) throw NotFound("That session does not exist.");
      const own = actingUserId(actor) === row.userId;
      const target = own ? null : await loadTargetForUpdate(tx, row.userId);
      if (target) {
        if (!actor.permissions.has("users.update")) throw Forbidden("You cannot end someone else's session.");
        assertOutranks(actor, target, "end the sessions of");
      }
      if (row.endedAt) return { ended: 0 };
      await tx
        .update(sessions)
        .set({ endedAt: ctx.now(), endedReason: own ? "ended_by_user" : "ended_by_admin" })
        .where(eq(sessions.id, sessionId));
      await recordAudit(tx, ctx, "session.ended", {
        target: target ? { type: "user", id: target.id, name: target.name } : { type: "user", id: row.userId, name: actor.name },
        detail: { session: sessionId, count: 1 },
      });
      if (target) await tellSignedOut(tx, target.id, 1, ctx.now());
      return { ended: 1 };
    });
  });
}

/** "Sign out of all other sessions": every session of the caller but this one. */
export async function endOtherSessions({ ctx }: { ctx: Ctx }) {
  return auditAuthzFailures(ctx, "session.endOthers", async () => {
    if (ctx.actor?.kind !== "user") throw Forbidden();
    const actor = ctx.actor;
    return ctx.db.transaction(async (tx) => {
      const ended = await tx
        .update(sessions)
        .set({ endedAt: ctx.now(), endedReason: "ended_by_user" })
        .where(and(eq(sessions.userId, actor.userId), sessionIsCurrent, actor.sessionId ? ne(sessions.id, actor.sessionId) : undefined))
        .returning({ id: sessions.id });
      if (ended.length)
        await recordAudit(tx, ctx, "session.ended", {
          target: { type: "user", id: actor.userId, name: actor.name },
          detail: { count: ended.length, others: true },
        });
      return { ended: ended.length };
    });
  });
}

/** "Sign out everywhere" on the user page: every session of that user. Needs users.update and outranking them. */
export async function endAllSessions({ ctx, input }: Verb<{ userId: unknown }>) {
  return auditAuthzFailures(ctx, "session.endAll", async () => {
    assertCan(ctx.actor, "users.update");
    const actor = ctx.actor;
    const { userId } = parseInput(UserIdInput, input);
    return ctx.db.transaction(async (tx) => {
      const target = await loadTargetForUpdate(tx, userId);
      if (actingUserId(actor) !== target.id) assertOutranks(actor, target, "end the sessions of");
      const ended = await tx
        .update(sessions)
        .set({ endedAt: ctx.now(), endedReason: "ended_by_admin" })
        .where(and(eq(sessions.userId, target.id), sessionIsCurrent))
        .returning({ id: sessions.id });
      await recordAudit(tx, ctx, "session.ended", { target: { type: "user", id: target.id, name: target.name }, detail: { count: ended.length, all: true } });
      if (ended.length && actingUserId(actor) !== target.id) await tellSignedOut(tx, target.id, ended.length, ctx.now());
      return { ended: ended.length };
    });
  });
}
