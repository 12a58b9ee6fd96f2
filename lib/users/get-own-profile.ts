import { eq } from "drizzle-orm";
import { branches, roles, teams, users } from "@/db/schema";
import { NotFound } from "../errors";
import type { Ctx } from "../context";

/** The signed-in user's own details. Needs no permission: everyone may see themselves. */
export async function getOwnProfile({ ctx }: { ctx: Ctx }) {
  if (ctx.actor?.kind !== "user") throw NotFound();
  const [row] = await ctx.db
    .select({
      firstName: users.firstName,
      lastName: users.lastName,
      username: users.username,
      email: users.email,
      phone: users.phone,
      language: users.language,
      role: roles.name,
      branch: branches.name,
      team: teams.name,
      lastLoginAt: users.lastLoginAt,
      passwordChangedAt: users.passwordChangedAt,
      registeredAt: users.registeredAt,
    })
    .from(users)
    .innerJoin(roles, eq(roles.id, users.roleId))
    .leftJoin(branches, eq(branches.id, users.branchId))
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, ctx.actor.userId));
  if (!row) throw NotFound();
  return row;
}
