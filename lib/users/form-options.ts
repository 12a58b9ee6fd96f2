import { asc, eq, sql } from "drizzle-orm";
import { branches, roles, teams, users } from "@/db/schema";
import { z } from "zod";
import { auditAuthzFailures } from "../audit/authz-failures";
import { can, type Ctx, type Verb } from "../context";
import { Forbidden } from "../errors";
import { FormBoolean, parseInput, SearchTerm } from "../validation";
import { searchPatterns } from "./search";
import { getSettings } from "../settings/get-settings";

/** What the user form's pickers offer (roles, built-in and custom; branches; teams), and whether a typed password is temporary. */
export async function userFormOptions(ctx: Ctx, { forCreate = false } = {}) {
  return auditAuthzFailures(ctx, "userFormOptions", async () => {
    if (!can(ctx.actor, "users.create") && !can(ctx.actor, "users.update") && !can(ctx.actor, "users.view")) throw Forbidden();
    const [roleRows, branchRows, teamRows] = await Promise.all([
      ctx.db
        .select({ id: roles.id, name: roles.name, builtIn: roles.builtIn })
        .from(roles)
        .orderBy(sql`${roles.builtIn} desc`, sql`${roles.key} = 'administrator' desc`, asc(roles.name)),
      ctx.db.select({ id: branches.id, name: branches.name }).from(branches).orderBy(asc(branches.name)),
      ctx.db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)),
    ]);
    // Only the create form asks: a list page saves itself the settings read.
    const temporaryPassword = forCreate ? (await getSettings(ctx.db))["password.adminSetIsTemporary"] : false;
    return { roles: roleRows, branches: branchRows, teams: teamRows, temporaryPassword };
  });
}

export type PickedUser = { id: string; name: string; username: string; role: string };

const PickUsersInput = z.object({ q: SearchTerm, activeOnly: FormBoolean, limit: z.number().int().min(1).max(50).default(20) });

/** Users matching a term, for "copy permissions from" and "reassign clients to". Caller needs users.view or users.create. */
export async function pickUsers({ ctx, input }: Verb<{ q: unknown; activeOnly?: unknown; limit?: number }>): Promise<PickedUser[]> {
  return auditAuthzFailures(ctx, "pickUsers", async () => {
    if (!can(ctx.actor, "users.view") && !can(ctx.actor, "users.create")) throw Forbidden();
    const { q, activeOnly, limit } = parseInput(PickUsersInput, input);
    const conditions = searchPatterns(q).map((p) => sql`${users.searchText} like ${p}`);
    if (activeOnly) conditions.push(sql`${users.status} = 'active' and ${users.lockedAt} is null`);
    const rows = await ctx.db
      .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, username: users.username, role: roles.name })
      .from(users)
      .innerJoin(roles, eq(roles.id, users.roleId))
      .where(conditions.length ? sql.join(conditions, sql` and `) : undefined)
      .orderBy(asc(users.lastName), asc(users.firstName))
      .limit(limit);
    return rows.map((r) => ({ id: r.id, name: `${r.firstName} ${r.lastName}`, username: r.username, role: r.role }));
  });
}
