import { endpoint, notAllowed } from "@/lib/api/endpoint";
import { UnitBody } from "@/lib/api/schemas";
import { listUnits } from "@/lib/organization/list-units";
import { getUnit } from "@/lib/organization/get-unit";
import { saveUnit } from "@/lib/organization/save-unit";

export const dynamic = "force-dynamic";

/** Every branch, with how many users belong to it. */
export const GET = endpoint({}, async ({ ctx }) => ({ body: { data: await listUnits({ ctx, input: { kind: "branch" } }) } }));

/** Creates a branch (needs branches.manage). Honours Idempotency-Key. */
export const POST = endpoint({ body: UnitBody, idempotent: true, needs: { permission: "branches.manage", attempted: "saveUnit" } }, async ({ ctx, body }) => {
  const { id } = await saveUnit({ ctx, input: { kind: "branch", name: body.name } });
  return { status: 201, body: await getUnit(ctx, "branch", id), headers: { Location: `/api/v1/branches/${id}` } };
});

export const { PUT, PATCH, DELETE, OPTIONS } = notAllowed({ GET, POST });
