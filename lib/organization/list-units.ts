import { asc, eq, sql } from "drizzle-orm";
import { can, type Verb } from "../context";
import { Forbidden } from "../errors";
import { z } from "zod";
import { auditAuthzFailures } from "../audit/authz-failures";
import { parseInput } from "../validation";
import { membersByUnit } from "../users/members-count";
import { UNITS, UnitKind } from "./units";
import { fold } from "@/db/schema/fold";

/**
 * Branches or teams with how many users belong to each. Anyone who manages them, views users or
 * creates users may list them (they feed the pickers and filters).
 */
export async function listUnits({ ctx, input }: Verb<{ kind: UnitKind }>) {
  return auditAuthzFailures(ctx, "listUnits", async () => {
    if (!can(ctx.actor, "branches.manage") && !can(ctx.actor, "users.view") && !can(ctx.actor, "users.create")) throw Forbidden();
    const { table, userColumn } = UNITS[parseInput(z.object({ kind: UnitKind }), input).kind];
    const members = membersByUnit(ctx.db, userColumn);
    return ctx.db
      .select({ id: table.id, name: table.name, members: sql<number>`coalesce(${members.members}, 0)`.mapWith(Number) })
      .from(table)
      .leftJoin(members, eq(members.unitId, table.id))
      .orderBy(fold(table.name), asc(table.id));
  });
}
