import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { UnitBody } from "@/lib/api/schemas";
import { deleteUnit } from "@/lib/organization/delete-unit";
import { getUnit } from "@/lib/organization/get-unit";
import { saveUnit } from "@/lib/organization/save-unit";

export const dynamic = "force-dynamic";

export const GET = endpoint({}, async ({ ctx, id }) => ({ body: await getUnit(ctx, "branch", id) }));

/** Renames the branch. */
export const PATCH = endpoint({ body: UnitBody, needs: { permission: "branches.manage", attempted: "saveUnit" } }, async ({ ctx, id, body }) => {
  await saveUnit({ ctx, input: { kind: "branch", id, name: body.name } });
  return { body: await getUnit(ctx, "branch", id) };
});

/** Deletes a branch nobody belongs to. */
export const DELETE = endpoint({}, async ({ ctx, id }) => {
  await deleteUnit({ ctx, input: { kind: "branch", id } });
  return { status: 204 };
});

export const { POST, PUT, OPTIONS } = notAllowed({ GET, PATCH, DELETE });
