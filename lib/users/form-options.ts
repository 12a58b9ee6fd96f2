import { eq, sql } from "drizzle-orm";
import { branches, rolePermissions, roles, teams, users } from "@/db/schema";
import { ALL_PERMISSIONS } from "../permissions/catalog";
import { z } from "zod";
import { auditAuthzFailures } from "../audit/authz-failures";
import { can, type Ctx, type Verb } from "../context";
import { Forbidden } from "../errors";
import { FormBoolean, parseInput, SearchTerm } from "../validation";
import { searchPatterns } from "./search";
import { getSettings } from "../settings/get-settings";
import { fold } from "@/db/schema/fold";

/** What the user form's pickers offer (roles, built-in and custom; branches; teams), and whether a typed password is temporary. */
export async function userFormOptions(ctx: Ctx, { forCreate = false } = {}) {
  return auditAuthzFailures(ctx, "userFormOptions", async () => {
    if (!can(ctx.actor, "users.create") && !can(ctx.actor, "users.update") && !can(ctx.actor, "users.view")) throw Forbidden();
    // The three lists in one round trip (every list page and user form reads them): roles built-in
    // first, the Administrator first of those, then by name; branches and teams by name.
    // A role holding a permission the reader lacks is one they cannot give (nobody grants what they do
    // not hold): the pickers that give a role leave it out. Holding everything, nothing to ask.
    const missing = ALL_PERMISSIONS.filter((p) => !can(ctx.actor, p));
    const ungivableRole = missing.length
      ? sql`${roles.key} = 'administrator' or exists (select 1 from ${rolePermissions} rp where rp.role_id = ${roles.id} and rp.permission in (${sql.join(
          missing.map((p) => sql`${p}`),
          sql`, `,
        )}))`
      : sql`false`;
    const { rows } = await ctx.db.execute<{ list: number; id: string; name: string; builtIn: boolean; ungivable: boolean }>(sql`
      select 1 as list, ${roles.id} as id, ${roles.name} as name, ${roles.builtIn} as "builtIn", ${roles.key} = 'administrator' as first, (${ungivableRole}) as ungivable, ${fold(roles.name)} as key from ${roles}
      union all select 2, ${branches.id}, ${branches.name}, false, false, false, ${fold(branches.name)} from ${branches}
      union all select 3, ${teams.id}, ${teams.name}, false, false, false, ${fold(teams.name)} from ${teams}
      order by list, "builtIn" desc, first desc, key, id`);
    const roleRows = rows.filter((r) => r.list === 1).map(({ id, name, builtIn }) => ({ id, name, builtIn }));
    const ungivable = rows.filter((r) => r.list === 1 && r.ungivable).map((r) => r.id);
    const branchRows = rows.filter((r) => r.list === 2).map(({ id, name }) => ({ id, name }));
    const teamRows = rows.filter((r) => r.list === 3).map(({ id, name }) => ({ id, name }));
    // Only the create form asks: a list page saves itself the settings read.
    const temporaryPassword = forCreate ? (await getSettings(ctx.db))["password.adminSetIsTemporary"] : false;
    return { roles: roleRows, branches: branchRows, teams: teamRows, temporaryPassword, ungivable };
  });
}

export type PickedUser = { id: string; name: string; username: string; role: string; roleId: string };

const PickUsersInput = z.object({ q: SearchTerm, activeOnly: FormBoolean, limit: z.number().int().min(1).max(50).default(20) });

/**
 * Users matching a term, the query behind every user picker: first the one whose username is the
 * term, then those whose first name, last name or username starts with its first word, then the rest;
 * each by last name then first name. A picker highlights its first option, so typing "ada" then Enter
 * picks Ada Lovelace (ada), not Alfonso Gracia Valladares.
 */
export async function findUsers(db: Ctx["db"], { q, activeOnly, limit }: z.output<typeof PickUsersInput>): Promise<PickedUser[]> {
  const patterns = searchPatterns(q);
  const conditions = patterns.map((p) => sql`${users.searchText} like ${p}`);
  const prefix = patterns[0]?.slice(1); // "%ada%" → "ada%"
  // No term, no ranking (and no constant to order by: PostgreSQL reads `order by 0` as a column's position).
  const rank = prefix
    ? [
        sql`case when lower(${users.username}) = ${q.trim().toLowerCase()} then 0 when ${fold(users.firstName)} like ${prefix} or ${fold(users.lastName)} like ${prefix} or lower(${users.username}) like ${prefix} then 1 else 2 end`,
      ]
    : [];
  if (activeOnly) conditions.push(sql`${users.status} = 'active' and ${users.lockedAt} is null`);
  const rows = await db
    .select({ id: users.id, firstName: users.firstName, lastName: users.lastName, username: users.username, role: roles.name, roleId: users.roleId })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .where(conditions.length ? sql.join(conditions, sql` and `) : undefined)
    .orderBy(...rank, fold(users.lastName), fold(users.firstName))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, name: `${r.firstName} ${r.lastName}`, username: r.username, role: r.role, roleId: r.roleId }));
}

/** Users matching a term, for "copy permissions from" and "reassign clients to". Caller needs users.view or users.create. */
export async function pickUsers({ ctx, input }: Verb<{ q: unknown; activeOnly?: unknown; limit?: number }>): Promise<PickedUser[]> {
  return auditAuthzFailures(ctx, "pickUsers", async () => {
    if (!can(ctx.actor, "users.view") && !can(ctx.actor, "users.create")) throw Forbidden();
    return findUsers(ctx.db, parseInput(PickUsersInput, input));
  });
}

/**
 * People to filter the audit log by ("Done by", "Done to"): the log already names them to its
 * reader, so audit.view is enough; only names and usernames, not their roles. Caller needs audit.view.
 */
export async function pickAuditPeople({ ctx, input }: Verb<{ q: unknown; limit?: number }>): Promise<{ id: string; name: string; username: string }[]> {
  return auditAuthzFailures(ctx, "pickAuditPeople", async () => {
    if (!can(ctx.actor, "audit.view")) throw Forbidden();
    const found = await findUsers(ctx.db, parseInput(PickUsersInput, { ...input, activeOnly: false }));
    return found.map(({ id, name, username }) => ({ id, name, username }));
  });
}
