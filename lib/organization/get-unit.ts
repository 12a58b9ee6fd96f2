import type { Ctx } from "../context";
import { NotFound } from "../errors";
import { listUnits } from "./list-units";
import type { UnitKind } from "./units";

/** One branch or team with its member count. The same permission as listing them. */
export async function getUnit(ctx: Ctx, kind: UnitKind, id: string) {
  const unit = (await listUnits({ ctx, input: { kind } })).find((u) => u.id === id);
  if (!unit) throw NotFound(kind === "branch" ? "That branch does not exist." : "That team does not exist.");
  return unit;
}
