import { asc, count, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { can, type Verb } from "../context";
import { Forbidden } from "../errors";
import { z } from "zod";
import { auditAuthzFailures } from "../audit/authz-failures";
import { parseInput } from "../validation";
import { UNITS, UnitKind } from "./units";

/**
 * Branches or teams with how many users belong to each. Anyone who manages them, views users or
 * creates users may list them (they feed the pickers and filters).
 */
export async function listUnits({ ctx, input }: Verb<{ kind: UnitKind }>) {
  return auditAuthzFailures(ctx, "listUnits", async () => {
    if (!can(ctx.actor, "branches.manage") && !can(ctx.actor, "users.view") && !can(ctx.actor, "users.create")) throw Forbidden();
    const { table, userColumn } = UNITS[parseInput(z.object({ kind: UnitKind }), input).kind];
    return ctx.db
      .select({ id: table.id, name: table.name, members: count(users.id) })
      .from(table)
      .leftJoin(users, eq(userColumn, table.id))
      .groupBy(table.id, table.name)
      .orderBy(asc(table.name));
  });
}
