import { and, count, desc, eq, or } from "drizzle-orm";
import { reportEligibility } from "../reports/recipients";
import { auditAuthzFailures } from "../audit/authz-failures";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { auditEvents, branches, clients, roles, teams, users } from "@/db/schema";
import { assertCan, type Verb } from "../context";
import { NotFound } from "../errors";
import { USER_FIELD_COLUMNS } from "./user-records";

const editor = alias(users, "editor");

/** Everything the user page shows, without any hash. Caller needs users.view. */
export async function getUser({ ctx, input }: Verb<{ userId: unknown }>) {
  return auditAuthzFailures(ctx, "getUser", async () => {
    assertCan(ctx.actor, "users.view");
    const parsed = z.object({ userId: z.uuid() }).safeParse(input);
    if (!parsed.success) throw NotFound("That user does not exist.");
    const { userId } = parsed.data;
    const [user] = await ctx.db
      .select({
        ...USER_FIELD_COLUMNS,
        branch: branches.name,
        team: teams.name,
        role: roles.name,
        roleKey: roles.key,
        hasPassword: users.passwordHash,
        passwordChangedAt: users.passwordChangedAt,
        mustChangePassword: users.mustChangePassword,
        imageUpdatedAt: users.imageUpdatedAt,
        failedLoginCount: users.failedLoginCount,
        lockReason: users.lockReason,
        lastLoginAt: users.lastLoginAt,
        lastActivityAt: users.lastActivityAt,
        registeredAt: users.registeredAt,
        confirmedAt: users.confirmedAt,
        createdAt: users.createdAt,
        updatedAt: users.updatedAt,
        updatedBy: editor.username,
        version: users.version,
      })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .leftJoin(branches, eq(branches.id, users.branchId))
      .leftJoin(teams, eq(teams.id, users.teamId))
      .leftJoin(editor, eq(editor.id, users.updatedById))
      .where(eq(users.id, userId));
    if (!user) throw NotFound("That user does not exist (any more).");
    const [[{ clientCount }], recentEvents, failedAttempts, endOfDayReport] = await Promise.all([
      ctx.db.select({ clientCount: count() }).from(clients).where(eq(clients.ownerId, userId)),
      ctx.db
        .select({
          id: auditEvents.id,
          at: auditEvents.at,
          action: auditEvents.action,
          actorName: auditEvents.actorName,
          actorKind: auditEvents.actorKind,
          ip: auditEvents.ip,
          detail: auditEvents.detail,
        })
        .from(auditEvents)
        .where(or(eq(auditEvents.targetId, userId), and(eq(auditEvents.actorId, userId))))
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(20),
      ctx.db
        .select({ at: auditEvents.at, ip: auditEvents.ip, detail: auditEvents.detail })
        .from(auditEvents)
        .where(and(eq(auditEvents.targetId, userId), eq(auditEvents.action, "auth.sign_in_failed")))
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(10),
      reportEligibility(ctx.db, userId, ctx.now()),
    ]);
    const { hasPassword, ...rest } = user;
    return { ...rest, hasPassword: !!hasPassword, clientCount, recentEvents, failedAttempts, endOfDayReport };
  });
}
export type UserDetail = Awaited<ReturnType<typeof getUser>>;
