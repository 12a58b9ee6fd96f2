import { eq } from "drizzle-orm";
import { auditAuthzFailures } from "../audit/authz-failures";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { assertCan, type Verb } from "../context";
import { Conflict, NotFound, uniqueViolation } from "../errors";
import { nameTaken } from "../names";
import { parseInput } from "../validation";
import { UNITS, UnitKind, UnitName } from "./units";

const SaveUnitInput = z.object({ kind: UnitKind, id: z.uuid().optional(), name: z.string() });

/**
 * Creates a branch or team, or renames one when `id` is given. Caller needs branches.manage.
 * Names are unique whatever their case and accents ("Bogota" is "Bogotá").
 */
export async function saveUnit({ ctx, input }: Verb<{ kind: UnitKind; id?: unknown; name: unknown }>) {
  return auditAuthzFailures(ctx, "saveUnit", async () => {
    assertCan(ctx.actor, "branches.manage");
    const { kind, id } = parseInput(SaveUnitInput.pick({ kind: true, id: true }), input);
    const { name } = parseInput(z.object({ name: UnitName(kind) }), input);
    const { table, label } = UNITS[kind];
    return ctx.db.transaction(async (tx) => {
      try {
        const taken = async () => {
          const other = await nameTaken(tx, table, table, name, id);
          if (other !== null) throw Conflict(`A ${label} named “${other}” already exists.`, { name: [`A ${label} named “${other}” already exists.`] });
        };
        if (id) {
          const [before] = await tx.select({ name: table.name }).from(table).where(eq(table.id, id)).for("update");
          if (!before) throw NotFound(`That ${label} no longer exists.`);
          // The same name again is no change: nothing written, nothing in the audit log.
          if (before.name === name) return { id, changed: false };
          await taken();
          await tx.update(table).set({ name, updatedAt: ctx.now() }).where(eq(table.id, id));
          await recordAudit(tx, ctx, `${kind}.renamed`, { target: { type: kind, id, name }, detail: { from: before.name, to: name } });
          return { id, changed: true };
        }
        await taken();
        const [created] = await tx.insert(table).values({ name }).returning({ id: table.id });
        await recordAudit(tx, ctx, `${kind}.created`, { target: { type: kind, id: created.id, name } });
        return { ...created, changed: true };
      } catch (error) {
        if (uniqueViolation(error) !== null)
          throw Conflict(`A ${label} named “${name}” already exists.`, { name: [`A ${label} with this name already exists.`] });
        throw error;
      }
    });
  });
}
