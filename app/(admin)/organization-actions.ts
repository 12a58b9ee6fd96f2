"use server";

import { revalidatePath } from "next/cache";
import { requestContext } from "@/lib/auth";
import { deleteUnit } from "@/lib/organization/delete-unit";
import { saveUnit } from "@/lib/organization/save-unit";
import type { UnitKind } from "@/lib/organization/units";
import { failure, type ActionResult } from "../actions-result";

const path = (kind: UnitKind) => (kind === "branch" ? "/branches" : "/teams");

/** Creates a branch or team, or renames it when the form carries an id. */
export async function saveUnitAction(kind: UnitKind, _prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const input = { kind, id: formData.get("id") || undefined, name: formData.get("name") };
  try {
    const ctx = await requestContext("branches.manage");
    await saveUnit({ ctx, input });
  } catch (error) {
    return failure(error, { name: String(input.name ?? "") });
  }
  revalidatePath(path(kind));
  return { ok: true, message: input.id ? "Renamed." : "Created." };
}

export async function deleteUnitAction(kind: UnitKind, id: string): Promise<ActionResult> {
  try {
    const ctx = await requestContext("branches.manage");
    await deleteUnit({ ctx, input: { kind, id } });
  } catch (error) {
    return failure(error);
  }
  revalidatePath(path(kind));
  return { ok: true, message: "Deleted." };
}
