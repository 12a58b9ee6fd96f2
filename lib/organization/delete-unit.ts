import { count, eq } from "drizzle-orm";
import { auditAuthzFailures } from "../audit/authz-failures";
import { z } from "zod";
import { users } from "@/db/schema";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Verb } from "../context";
import { NotFound, PreconditionFailed } from "../errors";
import { parseInput } from "../validation";
import { UNITS, UnitKind } from "./units";

/** Deletes a branch or team. Caller needs branches.manage. Refused while users belong to it, with the count. */
export async function deleteUnit({ ctx, input }: Verb<{ kind: UnitKind; id: unknown }>) {
  return auditAuthzFailures(ctx, "deleteUnit", async () => {
    assertCan(ctx.actor, "branches.manage");
    const { kind, id } = parseInput(z.object({ kind: UnitKind, id: z.uuid() }), input);
    const { table, userColumn, label } = UNITS[kind];
    return ctx.db.transaction(async (tx) => {
      const [unit] = await tx.select({ name: table.name }).from(table).where(eq(table.id, id)).for("update");
      if (!unit) throw NotFound(`That ${label} no longer exists.`);
      const [{ members }] = await tx.select({ members: count() }).from(users).where(eq(userColumn, id));
      if (members > 0)
        throw PreconditionFailed(`${members} user${members === 1 ? " still belongs" : "s still belong"} to ${unit.name}. Move them to another ${label} first.`);
      await tx.delete(table).where(eq(table.id, id));
      await recordAudit(tx, ctx, `${kind}.deleted`, { target: { type: kind, id, name: unit.name } });
    });
  });
}
