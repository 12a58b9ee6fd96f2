import { asc, eq, sql } from "drizzle-orm";
import { branches, roles, teams, users } from "@/db/schema";
import { can, type Ctx } from "../context";
import { Forbidden } from "../errors";
import { searchPatterns } from "./search";

/** What the user form's pickers offer: roles (built-in and custom), branches, teams. */
export async function userFormOptions(ctx: Ctx) {
  if (!can(ctx.actor, "users.create") && !can(ctx.actor, "users.update") && !can(ctx.actor, "users.view")) throw Forbidden();
  const [roleRows, branchRows, teamRows] = await Promise.all([
    ctx.db.select({ id: roles.id, name: roles.name, builtIn: roles.builtIn }).from(roles).orderBy(sql`${roles.builtIn} desc`, sql`${roles.key} = 'administrator' desc`, asc(roles.name)),
    ctx.db.select({ id: branches.id, name: branches.name }).from(branches).orderBy(asc(branches.name)),
    ctx.db.select({ id: teams.id, name: teams.name }).from(teams).orderBy(asc(teams.name)),
  ]);
  return { roles: roleRows, branches: branchRows, teams: teamRows };
}

/** Users matching a term, for "copy permissions from" and "reassign clients to". Caller needs users.view. */
export async function pickUsers(ctx: Ctx, { q, activeOnly = false, limit = 20 }: { q: string; activeOnly?: boolean; limit?: number }) {
  if (!can(ctx.actor, "users.view") && !can(ctx.actor, "users.create")) throw Forbidden();
  const patterns = searchPatterns(q);
  const conditions = patterns.map((p) => sql`${users.searchText} like ${p}`);
  if (activeOnly) conditions.push(sql`${users.status} = 'active' and ${users.lockedAt} is null`);
  return ctx.db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, username: users.username, role: roles.name })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(conditions.length ? sql.join(conditions, sql` and `) : undefined)
    .orderBy(asc(users.lastName), asc(users.firstName))
    .limit(limit);
}
